package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * V's mapped, normalised fields ({@link FieldMapping#fromVomo}) as worked out when the snapshot
 * arrived, so a sweep compares them with the destination without mapping the record again; or
 * why the record could not be mapped (the sweep then sends the key to the DLQ, as before).
 * {@code mapping} is the {@link #CURRENT} fingerprint of the mapping that produced them: values
 * stored under another mapping (a build with a changed mapping) are mapped again from the
 * record at the sweep instead of being trusted. It never holds values of another resource.
 */
public record MappedFields(int mapping, Map<String, String> fields, Optional<String> error) {

    /**
     * Fingerprint of the mapping of every resource (columns, paths, normalisers, personal flags).
     * {@link #NORMALISER_REVISION} is part of it: raise it when a normaliser's code changes what it
     * returns, so stored fields of the old code are not trusted.
     */
    public static final int CURRENT;

    static final int NORMALISER_REVISION = 1;

    static {
        StringBuilder sb = new StringBuilder("normalisers ").append(NORMALISER_REVISION);
        for (Resource r : Resource.values()) {
            sb.append('|').append(r.path()).append(FieldMapping.fields(r));
        }
        CURRENT = Arrays.hashCode(sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public MappedFields {
        fields = Map.copyOf(fields);
        error = error == null ? Optional.empty() : error;
    }

    /** Maps a record now; a record the mapping refuses keeps the reason instead. */
    public static MappedFields of(Resource resource, com.fasterxml.jackson.databind.JsonNode record) {
        try {
            return new MappedFields(CURRENT, FieldMapping.fromVomo(resource, record), Optional.empty());
        } catch (IllegalArgumentException e) {
            return new MappedFields(CURRENT, Map.of(), Optional.of(String.valueOf(e.getMessage())));
        }
    }

    public boolean current() {
        return mapping == CURRENT;
    }
}
