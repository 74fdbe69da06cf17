package io.vomorecon.sink.external;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.DestinationTables;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.mapping.MappedField;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The guarded statements of {@link JdbcExternalSystem}, one set per resource, built once. Every
 * statement takes its rows as {@code text[]} parameters and unnests them, so the same SQL serves
 * one action or five hundred.
 */
final class Sql {

    private static final Map<Resource, String> UPSERT = new EnumMap<>(Resource.class);
    private static final Map<Resource, String> SOFT_DELETE = new EnumMap<>(Resource.class);
    private static final Map<Resource, String> HARD_DELETE = new EnumMap<>(Resource.class);
    private static final Map<Resource, String> ERASE = new EnumMap<>(Resource.class);
    private static final Map<Resource, String> SELECT = new EnumMap<>(Resource.class);

    static {
        for (Resource r : Resource.values()) {
            UPSERT.put(r, buildUpsert(r));
            SOFT_DELETE.put(r, buildSoftDelete(r));
            HARD_DELETE.put(r, buildHardDelete(r));
            ERASE.put(r, buildErase(r));
            SELECT.put(r, "SELECT * FROM " + FieldMapping.table(r) + " WHERE record_key = ANY(?::text[])");
        }
    }

    private Sql() {
    }

    static String upsert(Resource r) {
        return UPSERT.get(r);
    }

    static String softDelete(Resource r) {
        return SOFT_DELETE.get(r);
    }

    static String hardDelete(Resource r) {
        return HARD_DELETE.get(r);
    }

    static String erase(Resource r) {
        return ERASE.get(r);
    }

    static String select(Resource r) {
        return SELECT.get(r);
    }

    /*
     * Parameters: record_key, customer, external_id, each mapped column, vomo_updated_at,
     * content_hash, last_action_id, written_at; all text[] of equal length.
     * The WHERE of DO UPDATE is the guard: not this action again; never over a newer version
     * (a row without a version takes any; an action without one never replaces a versioned
     * row); a deleted row only revived by a strictly newer version; and only when something
     * would change.
     */
    private static String buildUpsert(Resource r) {
        String t = FieldMapping.table(r);
        List<String> mapped = DestinationTables.mappedColumns(r);
        String mappedList = mapped.isEmpty() ? "" : String.join(", ", mapped) + ", ";
        String uMapped = mapped.stream().map(c -> "u." + c + ", ").collect(Collectors.joining());
        String params = String.join(", ", java.util.Collections.nCopies(3 + mapped.size() + 4, "?::text[]"));
        String set = mapped.stream().map(c -> c + " = EXCLUDED." + c + ", ").collect(Collectors.joining());
        String extTuple = mapped.stream().map(c -> "ext." + c + ", ").collect(Collectors.joining());
        String newTuple = mapped.stream().map(c -> "EXCLUDED." + c + ", ").collect(Collectors.joining());
        return "INSERT INTO " + t + " AS ext (record_key, customer, external_id, " + mappedList
                + "vomo_updated_at, content_hash, deleted, last_action_id, written_by, written_at)\n"
                + "SELECT u.record_key, u.customer, u.external_id, " + uMapped
                + "u.vomo_updated_at::timestamptz, u.content_hash, false, u.last_action_id, '" + JdbcExternalSystem.WRITTEN_BY
                + "', u.written_at::timestamptz\n"
                + "FROM unnest(" + params + ") AS u(record_key, customer, external_id, " + mappedList
                + "vomo_updated_at, content_hash, last_action_id, written_at)\n"
                + "ON CONFLICT (record_key) DO UPDATE SET " + set
                + "vomo_updated_at = EXCLUDED.vomo_updated_at, content_hash = EXCLUDED.content_hash, deleted = false, "
                + "deleted_at = NULL, last_action_id = EXCLUDED.last_action_id, written_by = EXCLUDED.written_by, "
                + "written_at = EXCLUDED.written_at\n"
                + "WHERE ext.last_action_id IS DISTINCT FROM EXCLUDED.last_action_id\n"
                + "  AND (ext.vomo_updated_at IS NULL OR ext.vomo_updated_at <= EXCLUDED.vomo_updated_at)\n"
                + "  AND (NOT ext.deleted OR ext.vomo_updated_at IS NULL OR ext.vomo_updated_at < EXCLUDED.vomo_updated_at)\n"
                + "  AND (" + extTuple + "ext.vomo_updated_at, ext.content_hash, ext.deleted) IS DISTINCT FROM ("
                + newTuple + "EXCLUDED.vomo_updated_at, EXCLUDED.content_hash, false)\n"
                + "RETURNING ext.*";
    }

    /* Parameters: record_key, last_action_id, at. */
    private static String buildSoftDelete(Resource r) {
        return "UPDATE " + FieldMapping.table(r) + " AS ext SET deleted = true, deleted_at = u.at::timestamptz, "
                + "last_action_id = u.action_id, written_by = '" + JdbcExternalSystem.WRITTEN_BY + "', written_at = u.at::timestamptz\n"
                + "FROM unnest(?::text[], ?::text[], ?::text[]) AS u(record_key, action_id, at)\n"
                + "WHERE ext.record_key = u.record_key AND NOT ext.deleted\n"
                + "RETURNING ext.*";
    }

    /* Parameter: record_key. */
    private static String buildHardDelete(Resource r) {
        return "DELETE FROM " + FieldMapping.table(r) + " AS ext USING unnest(?::text[]) AS u(record_key)\n"
                + "WHERE ext.record_key = u.record_key\n"
                + "RETURNING ext.*";
    }

    /* Parameters: record_key, last_action_id, at. Rows stay; personal columns become NULL. */
    private static String buildErase(Resource r) {
        List<String> personal = FieldMapping.fields(r).stream().filter(MappedField::personal).map(MappedField::column).toList();
        String set = personal.stream().map(c -> c + " = NULL, ").collect(Collectors.joining());
        String stillHolds = personal.isEmpty() ? "" : " OR num_nonnulls(" + personal.stream().map(c -> "ext." + c)
                .collect(Collectors.joining(", ")) + ") > 0";
        return "UPDATE " + FieldMapping.table(r) + " AS ext SET " + set + "erased_at = u.at::timestamptz, "
                + "last_action_id = u.action_id, written_by = '" + JdbcExternalSystem.WRITTEN_BY + "', written_at = u.at::timestamptz\n"
                + "FROM unnest(?::text[], ?::text[], ?::text[]) AS u(record_key, action_id, at)\n"
                + "WHERE ext.record_key = u.record_key AND (ext.erased_at IS NULL" + stillHolds + ")\n"
                + "RETURNING ext.*";
    }
}
