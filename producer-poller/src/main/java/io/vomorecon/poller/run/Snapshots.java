package io.vomorecon.poller.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the SNAPSHOT of a record as VOMO sent it: quirks kept, the embedded collections of the
 * parent resource removed (each participation, date and member is its own snapshot), the
 * contract's content hash, and the parsed {@code updated_at}. A record whose {@code updated_at}
 * cannot be parsed is refused (the caller dead-letters it) rather than published without a version.
 */
public final class Snapshots {

    private static final Map<Resource, Set<String>> EMBEDDED = new EnumMap<>(Resource.class);

    static {
        EMBEDDED.put(Resource.USERS, Set.of("participations", "profile_field_values"));
        EMBEDDED.put(Resource.PROJECTS, Set.of("all_dates", "next_date"));
        EMBEDDED.put(Resource.PROJECT_DATES, Set.of("participants"));
        EMBEDDED.put(Resource.GROUPS, Set.of("members"));
    }

    private Snapshots() {
    }

    /** The record without the embedded collections of its resource (a copy; the input is not changed). */
    public static JsonNode strip(Resource resource, JsonNode record) {
        Set<String> drop = EMBEDDED.getOrDefault(resource, Set.of());
        if (!record.isObject() || drop.stream().noneMatch(record::has)) {
            return record;
        }
        ObjectNode copy = ((ObjectNode) record).deepCopy();
        copy.remove(drop);
        return copy;
    }

    /** @throws IllegalArgumentException when {@code updated_at} is present but not a timestamp */
    public static Snapshot of(RunSpec spec, String key, JsonNode record, Instant observedAt) {
        JsonNode stripped = strip(spec.resource(), record);
        Optional<Instant> updatedAt = VomoValues.instant(stripped.get("updated_at"));
        return new Snapshot(Topics.SCHEMA_VERSION, spec.runId(), spec.customer(), spec.resource().path(), key, stripped,
                updatedAt, ContentHash.of(stripped), observedAt);
    }
}
