package io.vomorecon.schemas.mapping;

import io.vomorecon.schemas.Resource;
import java.util.ArrayList;
import java.util.List;

/**
 * The destination's tables as the built-in JDBC destination (PostgreSQL) lays them out: one
 * table per resource, {@code ext_<resource>}, one text column per mapped field (normalised
 * values), plus the bookkeeping columns below. The reference partner sync creates and writes
 * them, the external-state reader reads them, the corrections sink rewrites them: all three
 * take the layout from here.
 *
 * <ul>
 *   <li>{@code record_key}: the vomo-recon key (primary key);</li>
 *   <li>{@code customer}, {@code external_id}: the customer and the destination's own stable id;</li>
 *   <li>{@code vomo_updated_at}: the VOMO version the row reflects (the sink's version guard);</li>
 *   <li>{@code content_hash}: the content hash of the VOMO record the row was written from;</li>
 *   <li>{@code deleted}, {@code deleted_at}: soft deletion; {@code erased_at}: personal data scrubbed;</li>
 *   <li>{@code last_action_id}, {@code written_by}, {@code written_at}: who wrote the row last
 *       (the partner, or the sink with the id of its action, which makes re-application a no-op).</li>
 * </ul>
 */
public final class DestinationTables {

    public static final List<String> BOOKKEEPING_COLUMNS = List.of(
            "record_key", "customer", "external_id", "vomo_updated_at", "content_hash",
            "deleted", "deleted_at", "erased_at", "last_action_id", "written_by", "written_at");

    private DestinationTables() {
    }

    /** {@code CREATE TABLE IF NOT EXISTS} for one resource (PostgreSQL dialect). */
    public static String createTable(Resource resource) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(FieldMapping.table(resource)).append(" (\n")
                .append("  record_key text PRIMARY KEY,\n")
                .append("  customer text NOT NULL,\n")
                .append("  external_id text NOT NULL,\n");
        for (MappedField f : FieldMapping.fields(resource)) {
            sb.append("  ").append(f.column()).append(" text,\n");
        }
        sb.append("  vomo_updated_at timestamptz,\n")
                .append("  content_hash text,\n")
                .append("  deleted boolean NOT NULL DEFAULT false,\n")
                .append("  deleted_at timestamptz,\n")
                .append("  erased_at timestamptz,\n")
                .append("  last_action_id text,\n")
                .append("  written_by text NOT NULL,\n")
                .append("  written_at timestamptz NOT NULL\n")
                .append(")");
        return sb.toString();
    }

    /** An index on customer (readers scan one customer at a time). */
    public static String createCustomerIndex(Resource resource) {
        String t = FieldMapping.table(resource);
        return "CREATE INDEX IF NOT EXISTS " + t + "_customer ON " + t + " (customer, record_key)";
    }

    /** Every statement to create all tables, in order. */
    public static List<String> createAll() {
        List<String> out = new ArrayList<>();
        for (Resource r : Resource.values()) {
            out.add(createTable(r));
            out.add(createCustomerIndex(r));
        }
        return out;
    }

    /** The mapped columns of a resource, in mapping order. */
    public static List<String> mappedColumns(Resource resource) {
        return FieldMapping.fields(resource).stream().map(MappedField::column).toList();
    }
}
