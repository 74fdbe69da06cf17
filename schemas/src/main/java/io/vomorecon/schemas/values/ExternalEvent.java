package io.vomorecon.schemas.values;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on external.state: a destination row read back (or written by the sink), or a run marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ExternalRow.class, name = "EXTERNAL_ROW"),
        @JsonSubTypes.Type(value = RunCompleted.class, name = "RUN_COMPLETED"),
        @JsonSubTypes.Type(value = RunAborted.class, name = "RUN_ABORTED")})
public sealed interface ExternalEvent permits ExternalRow, RunCompleted, RunAborted {
    int schemaVersion();

    String customer();
}
