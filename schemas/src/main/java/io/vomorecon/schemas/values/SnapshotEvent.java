package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on vomo.snapshots: a record read in a run, a run marker, or a deletion verdict. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Snapshot.class, name = "SNAPSHOT"),
        @JsonSubTypes.Type(value = RunCompleted.class, name = "RUN_COMPLETED"),
        @JsonSubTypes.Type(value = RunAborted.class, name = "RUN_ABORTED"),
        @JsonSubTypes.Type(value = Verification.class, name = "VERIFICATION")})
public sealed interface SnapshotEvent permits Snapshot, RunCompleted, RunAborted, Verification {
    int schemaVersion();

    String customer();
}
