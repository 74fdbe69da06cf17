package io.vomorecon.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Json;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.topics.Topics;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingKind;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.RunKind;
import io.vomorecon.schemas.values.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Findings and VOMO records as the reconciler would send them, for tests. */
public final class Fixtures {

    public static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Fixtures() {
    }

    public static ObjectNode user(String id, String email, Instant updatedAt) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", Long.parseLong(id));
        n.put("email", email);
        n.put("first_name", "Ada");
        n.put("last_name", "Lovelace");
        n.put("phone", "(555) 555-0100");
        n.put("birthday", "1990-12-10");
        n.put("membership_status", "Active");
        n.put("membership_role", "Volunteer");
        n.put("updated_at", updatedAt.toString());
        return n;
    }

    public static String userKey(String customer, String id) {
        return RecordKey.of(customer, Resource.USERS, id).encode();
    }

    public static Finding gap(String customer, String id, FindingKind kind, ObjectNode record, Instant version) {
        String key = userKey(customer, id);
        return new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, kind.name()), kind, FindingStatus.OPEN,
                Optional.empty(), customer, "users", key, "r-" + customer + "-users-INCREMENTAL-1-abcd", RunKind.INCREMENTAL,
                T0, Optional.of(version), Optional.of(ContentHash.of(record)), Optional.empty(), Optional.empty(),
                Optional.of(record), List.of(), Map.of(), Optional.empty());
    }

    public static Finding drift(String customer, String id, ObjectNode record, Instant version) {
        String key = userKey(customer, id);
        return new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, "DRIFT"), FindingKind.DRIFT, FindingStatus.OPEN,
                Optional.empty(), customer, "users", key, "r-x", RunKind.FULL, T0, Optional.of(version),
                Optional.of(ContentHash.of(record)), Optional.of(version), Optional.empty(), Optional.of(record),
                List.of(new FieldDiff("phone", Optional.of("+15555550100"), Optional.of("+15555550199")),
                        new FieldDiff("email", Optional.empty(), Optional.of("x"))), Map.of(), Optional.empty());
    }

    public static Finding deletion(String customer, String id, FindingKind kind, FindingStatus status, Optional<Verdict> verdict) {
        String key = userKey(customer, id);
        return new Finding(Topics.SCHEMA_VERSION, ContentHash.stableId(key, kind.name()), kind, status, verdict,
                customer, "users", key, "r-x", RunKind.FULL, T0, Optional.empty(), Optional.empty(), Optional.of(T0),
                Optional.of("h"), Optional.empty(), List.of(), Map.of(), Optional.empty());
    }

    public static Finding resolved(Finding f) {
        return new Finding(f.schemaVersion(), f.findingId(), f.kind(), FindingStatus.RESOLVED, f.verdict(), f.customer(),
                f.resource(), f.key(), f.runId(), f.runKind(), f.detectedAt(), f.vomoVersion(), f.vomoHash(),
                f.partnerVersion(), f.partnerHash(), f.vomoRecord(), f.fieldDiffs(), f.details(), Optional.of(T0.plusSeconds(60)));
    }
}
