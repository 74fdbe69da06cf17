package io.vomorecon.sink.plan;

import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.Finding;

/** What the sink does about one finding: the planner's answer. */
public sealed interface Plan {

    Finding finding();

    /** Write the destination (DIRECT mode). */
    record Write(Finding finding, WriteAction action) implements Plan {
    }

    /** Ask the partner's worker to re-process the key (DELEGATE mode); {@code delegated} is what it stands for. */
    record Delegate(Finding finding, String requestId, ActionKind delegated) implements Plan {
    }

    /** Change nothing and say why: SKIP, or ALERT_ONLY for drift without auto-fix. */
    record Skip(Finding finding, String actionId, ActionKind action, String reason) implements Plan {
    }

    /** A RESOLVED finding: cancels work for the same finding id that is still pending. */
    record Cancel(Finding finding) implements Plan {
    }

    /** Nothing to do and nothing to record (a deletion CANDIDATE awaiting its verdict). */
    record Ignore(Finding finding, String why) implements Plan {
    }

    /** The finding breaks its contract (no VOMO record to re-process, unmappable values): to the DLQ. */
    record Invalid(Finding finding, String actionId, ActionKind action, String reason) implements Plan {
    }
}
