package io.vomorecon.reconciler.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.reconciler.classify.ResourceRules;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.mapping.MappedField;
import io.vomorecon.schemas.mapping.Normalizer;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.ExternalRow;
import io.vomorecon.schemas.values.PartnerState;
import io.vomorecon.schemas.values.Snapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Plausible VOMO records of every resource (with VOMO's quirks: string ids, 0/1 booleans, decimal
 * strings, space-separated timestamps) and the partner entry and destination row an in-sync
 * partner would hold for them. Used by the benchmark and the tests; never contains real personal data.
 */
public final class SyntheticRecords {

    private SyntheticRecords() {
    }

    /** The key of record number {@code n} of a resource (nested resources get parent {@code n / 10}). */
    public static String key(String customer, Resource r, long n) {
        if (r.isNested()) {
            return RecordKey.of(customer, r, String.valueOf(1000 + n / 10), String.valueOf(n)).encode();
        }
        return RecordKey.of(customer, r, String.valueOf(n)).encode();
    }

    /** A record of the resource for the key; {@code variant} changes a mapped value without changing ids. */
    public static JsonNode record(String key, int variant, Instant updatedAt) {
        RecordKey k = RecordKey.parse(key);
        Resource r = Resource.require(k.resource());
        ObjectNode o = Json.mapper().createObjectNode();
        String id = k.id();
        String ts = updatedAt.toString();
        switch (r) {
            case USERS -> {
                o.put("id", id);
                o.put("first_name", "Fn" + id + (variant == 0 ? "" : "v" + variant));
                o.put("last_name", "Ln" + id);
                o.put("full_name", "Fn" + id + " Ln" + id);
                o.put("email", "User" + id + "@Example.test");
                o.put("phone", "555-01" + String.format("%02d", Math.floorMod(id.hashCode(), 100)) + "-0000");
                o.put("birthday", "1990-01-01");
                o.put("membership_status", "active");
                o.put("membership_role", "Volunteer");
                o.put("created_at", "2021-03-29 21:25:37");
            }
            case PROJECTS -> {
                o.put("id", Long.parseLong(id));
                o.put("name", "Project " + id + (variant == 0 ? "" : " v" + variant));
                o.put("organization_id", "77");
                o.putObject("address").put("timezone", "Europe/Berlin");
                o.put("published_at", "2021-03-30T15:29:03.000000Z");
                o.put("draft", 0);
                o.put("anytime", false);
            }
            case PROJECT_DATES -> {
                o.put("id", id);
                o.put("project_id", k.idPath().get(0));
                o.put("starts_at", "2025-11-19T10:15:00+00:00");
                o.put("ends_at", variant == 0 ? "2025-11-19T12:15:00+00:00" : "2025-11-19T13:15:00+00:00");
                o.put("status", "scheduled");
            }
            case PARTICIPATIONS -> {
                o.put("id", "9" + id);
                o.put("user_id", id);
                o.put("project_date_id", k.idPath().get(0));
                o.put("project_id", 5);
                o.put("hours", variant == 0 ? "10.00" : "11.50");
                o.put("verified", 1);
                o.put("status", "Attended");
                o.put("checked_in_at", "2025-11-19 10:20:00");
            }
            case GROUPS -> {
                o.put("id", id);
                o.put("name", "Group " + id);
                if (variant == 0) {
                    o.putNull("parent_id");
                } else {
                    o.put("parent_id", 40 + variant);
                }
                o.put("has_subgroups", 0);
            }
            case GROUP_MEMBERS -> {
                o.put("user_id", id);
                o.put("group_id", k.idPath().get(0));
                o.put("status", variant == 0 ? "active" : "inactive");
                o.put("joined_at", "2024-01-01T00:00:00Z");
            }
            case CAMPAIGNS -> {
                o.put("id", id);
                o.put("campaign_name", "Campaign " + id + (variant == 0 ? "" : " v" + variant));
                o.put("url", "https://example.test/c/" + id);
                o.put("organization_slug", "acme");
            }
            case FORMS -> {
                o.put("id", id);
                o.put("name", "Form " + id);
                ArrayNode fields = o.putArray("fields");
                fields.addObject().put("id", 1).put("label", "Shirt size").put("type", "select");
                if (variant != 0) {
                    fields.addObject().put("id", 2).put("label", "Diet").put("type", "text");
                }
                o.put("active", 1);
            }
            case FORM_COMPLETIONS -> {
                o.put("id", id);
                o.put("form_id", k.idPath().get(0));
                o.put("user_id", "8" + id);
                o.put("project_id", 5);
                o.putArray("field_responses").addObject().put("field_id", 1).put("value", variant == 0 ? "M" : "L");
            }
            case CERTIFICATES -> {
                o.put("id", id);
                o.put("name", "Certificate " + id + (variant == 0 ? "" : " v" + variant));
                o.put("expiry_period", "P1Y");
            }
        }
        if (ResourceRules.versioned(r)) {
            o.put("updated_at", ts);
        }
        return o;
    }

    public static Snapshot snapshot(String runId, String key, int variant, Instant updatedAt, Instant observedAt) {
        JsonNode rec = record(key, variant, updatedAt);
        RecordKey k = RecordKey.parse(key);
        Optional<Instant> u = ResourceRules.versioned(Resource.require(k.resource())) ? Optional.of(updatedAt) : Optional.empty();
        return new Snapshot(Topics.SCHEMA_VERSION, runId, k.customer(), k.resource(), key, rec, u, ContentHash.of(rec), observedAt);
    }

    /** The ledger entry of a partner that processed and pushed exactly this snapshot. */
    public static PartnerState partnerFor(Snapshot s, Instant at) {
        Map<String, String> mapped = FieldMapping.fromVomo(Resource.require(s.resource()), s.record());
        return new PartnerState(Topics.SCHEMA_VERSION, s.customer(), s.resource(), s.key(), s.updatedAt(),
                Optional.of(s.contentHash()), true, mapped, Optional.of("ext-" + s.key().hashCode()), at, false,
                PartnerState.PartnerSource.PARTNER);
    }

    /** The destination row that reflects exactly this snapshot. */
    public static ExternalRow externalFor(Snapshot s, Optional<String> runId, Instant at) {
        Map<String, String> mapped = FieldMapping.fromVomo(Resource.require(s.resource()), s.record());
        return new ExternalRow(Topics.SCHEMA_VERSION, runId, s.customer(), s.resource(), s.key(),
                ExternalRow.ExternalSource.READER, true, mapped, s.updatedAt(), false, false,
                Optional.of("ext-" + s.key().hashCode()), at);
    }

    /** A mapped column of the resource whose destination value can be set to any text (for planting drift). */
    public static String textualColumn(Resource r) {
        return FieldMapping.fields(r).stream()
                .filter(f -> f.normalizer() == Normalizer.TEXT || f.normalizer() == Normalizer.EMAIL
                        || f.normalizer() == Normalizer.LOWER || f.normalizer() == Normalizer.ID)
                .map(MappedField::column).findFirst()
                .orElseThrow(() -> new IllegalStateException("resource " + r.path() + " has no textual column"));
    }
}
