package io.vomorecon.reconciler.state;

import io.vomorecon.schemas.values.RunStatus;
import java.util.Optional;

/**
 * One run on this partition: how many of its records arrived, and how it closed once its marker
 * came. Kept in a changelogged store so a restart never forgets a count.
 */
public record RunProgress(long received, Optional<RunStatus> closedAs) {
    public RunProgress {
        closedAs = closedAs == null ? Optional.empty() : closedAs;
    }

    public static RunProgress open() {
        return new RunProgress(0, Optional.empty());
    }

    public RunProgress plusOne() {
        return new RunProgress(received + 1, closedAs);
    }

    public RunProgress closed(RunStatus status) {
        return new RunProgress(received, Optional.of(status));
    }
}
