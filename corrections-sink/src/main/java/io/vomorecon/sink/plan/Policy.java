package io.vomorecon.sink.plan;

import io.vomorecon.schemas.values.CorrectionOutcome.Mode;

/** The resolved correction policy for one customer and resource. */
public record Policy(Mode mode, boolean autoFixDrift, boolean hardDelete) {

    public static final Policy DEFAULT = new Policy(Mode.DIRECT, false, false);
}
