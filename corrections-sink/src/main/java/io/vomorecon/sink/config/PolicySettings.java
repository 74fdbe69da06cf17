package io.vomorecon.sink.config;

import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import java.util.Optional;

/**
 * One layer of correction policy as written in the sink configuration: the defaults, a
 * customer's overrides, or a customer's overrides for one resource. An absent value inherits
 * from the layer above; {@link #over} merges two layers.
 *
 * @param mode         DIRECT (the sink writes the destination) or DELEGATE (it asks the partner's worker)
 * @param autoFixDrift re-process unexplained drift instead of only alerting
 * @param hardDelete   delete destination rows of verified deletions instead of flagging them
 */
public record PolicySettings(Optional<Mode> mode, Optional<Boolean> autoFixDrift, Optional<Boolean> hardDelete) {

    public PolicySettings {
        mode = mode == null ? Optional.empty() : mode;
        autoFixDrift = autoFixDrift == null ? Optional.empty() : autoFixDrift;
        hardDelete = hardDelete == null ? Optional.empty() : hardDelete;
    }

    public static PolicySettings none() {
        return new PolicySettings(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** This layer's values where set, the lower layer's otherwise. */
    public PolicySettings over(PolicySettings lower) {
        return new PolicySettings(
                mode.or(lower::mode),
                autoFixDrift.or(lower::autoFixDrift),
                hardDelete.or(lower::hardDelete));
    }
}
