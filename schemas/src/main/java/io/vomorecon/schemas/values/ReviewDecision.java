package io.vomorecon.schemas.values;

import java.time.Instant;

/**
 * An operator's decision on a held run (recon.decisions, keyed by runId): APPROVE releases its
 * findings to the action topics, REJECT discards them. Who, when and why are the audit trail;
 * a second decision on the same run changes nothing.
 */
public record ReviewDecision(
        int schemaVersion,
        String decisionId,
        String runId,
        Decision decision,
        String operator,
        String reason,
        Instant decidedAt) {

    public enum Decision { APPROVE, REJECT }
}
