package io.vomorecon.sink.external;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One destination row as read back: bookkeeping columns and the mapped columns' raw text. */
public record DestinationRow(
        String key,
        String customer,
        String externalId,
        Map<String, String> columns,
        Optional<Instant> vomoUpdatedAt,
        Optional<String> contentHash,
        boolean deleted,
        Optional<Instant> deletedAt,
        Optional<Instant> erasedAt,
        Optional<String> lastActionId,
        String writtenBy) {

    public DestinationRow {
        columns = columns == null ? Map.of() : Map.copyOf(columns);
        vomoUpdatedAt = vomoUpdatedAt == null ? Optional.empty() : vomoUpdatedAt;
        contentHash = contentHash == null ? Optional.empty() : contentHash;
        deletedAt = deletedAt == null ? Optional.empty() : deletedAt;
        erasedAt = erasedAt == null ? Optional.empty() : erasedAt;
        lastActionId = lastActionId == null ? Optional.empty() : lastActionId;
    }

    public boolean erased() {
        return erasedAt.isPresent();
    }

    @Override
    public String toString() {
        // mapped columns may hold personal data: never print them
        return "DestinationRow[key=" + key + ", vomoUpdatedAt=" + vomoUpdatedAt.orElse(null) + ", deleted=" + deleted
                + ", erased=" + erased() + ", lastActionId=" + lastActionId.orElse(null) + "]";
    }
}
