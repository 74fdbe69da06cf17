package io.vomorecon.reconciler.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * VOMO's record of one key as the {@code vomo} store keeps it: its JSON bytes, parsed into a
 * tree only when something asks for it. A sweep compares most keys through their stored mapped
 * fields and needs the record only for the few that become findings, so reading a store value
 * no longer parses JSON (that was 44 % of the sweep). Equality is that of the JSON trees. It is
 * never mutated, and nothing mutates the tree it hands out.
 */
public final class VomoRecord {

    private final byte[] json;
    private JsonNode tree;

    private VomoRecord(byte[] json, JsonNode tree) {
        this.json = json;
        this.tree = tree;
    }

    public static VomoRecord of(JsonNode tree) {
        return new VomoRecord(null, tree);
    }

    /** Bytes read from the store, parsed on first use. */
    static VomoRecord ofJson(byte[] json) {
        return new VomoRecord(json, null);
    }

    public JsonNode tree() {
        if (tree == null) {
            try {
                tree = Json.mapper().readTree(json);
            } catch (IOException e) {
                throw new UncheckedIOException("stored VOMO record is not JSON", e);
            }
        }
        return tree;
    }

    byte[] json() {
        if (json != null) {
            return json;
        }
        try {
            return Json.mapper().writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("VOMO record cannot be written as JSON", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VomoRecord other)) {
            return false;
        }
        if (json != null && other.json != null && Arrays.equals(json, other.json)) {
            return true;
        }
        return tree().equals(other.tree());
    }

    @Override
    public int hashCode() {
        return tree().hashCode();
    }

    @Override
    public String toString() {
        // The record holds personal data: never in logs or messages.
        return "VomoRecord[" + (json != null ? json.length + " bytes" : "tree") + "]";
    }
}
