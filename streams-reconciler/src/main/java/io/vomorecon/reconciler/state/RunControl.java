package io.vomorecon.reconciler.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** What the run aggregator consumes, keyed by runId: a partition's part of a run, or an operator's decision. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunPart.class, name = "PART"),
        @JsonSubTypes.Type(value = DecisionControl.class, name = "DECISION")})
public sealed interface RunControl permits RunPart, DecisionControl {
    String runId();
}
