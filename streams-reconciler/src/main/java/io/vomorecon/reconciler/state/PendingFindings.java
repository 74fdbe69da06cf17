package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.Finding;
import java.util.List;

/**
 * A run's emissions for one key, held until the run's verdict is known. {@code deletionDerived}
 * marks emissions that assume the key is gone; they are dropped when another partition's count
 * did not match (the run as a whole was not complete).
 */
public record PendingFindings(List<Pending> findings) {
    public PendingFindings {
        findings = List.copyOf(findings);
    }

    public record Pending(Finding finding, boolean deletionDerived) {
    }
}
