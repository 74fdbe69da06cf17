package io.vomorecon.sink.config;

import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import java.util.Map;
import java.util.Optional;

/** A customer's policy overrides, with further overrides per resource (keyed by resource path, e.g. {@code users}). */
public record CustomerPolicy(
        Optional<Mode> mode,
        Optional<Boolean> autoFixDrift,
        Optional<Boolean> hardDelete,
        Map<String, PolicySettings> resources) {

    public CustomerPolicy {
        mode = mode == null ? Optional.empty() : mode;
        autoFixDrift = autoFixDrift == null ? Optional.empty() : autoFixDrift;
        hardDelete = hardDelete == null ? Optional.empty() : hardDelete;
        resources = resources == null ? Map.of() : Map.copyOf(resources);
    }

    public PolicySettings settings() {
        return new PolicySettings(mode, autoFixDrift, hardDelete);
    }
}
