package io.vomorecon.sink.plan;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.ContentHash;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.mapping.FieldMapping;
import io.vomorecon.schemas.values.ActionKind;
import io.vomorecon.schemas.values.CorrectionOutcome.Mode;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.Finding;
import io.vomorecon.schemas.values.FindingStatus;
import io.vomorecon.schemas.values.Verdict;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Plans one action per finding from the policy of its customer and resource (docs/sink.md,
 * "Policies"). Pure: it reads nothing but the finding and the policy, so the same finding always
 * gets the same plan and the same action id. It must never plan a destructive action for a
 * deletion without an actionable verdict (DELETED or ANONYMIZED).
 */
public final class ActionPlanner {

    private final PolicyBook policies;

    public ActionPlanner(PolicyBook policies) {
        this.policies = policies;
    }

    public Plan plan(Finding f) {
        if (f.status() == FindingStatus.RESOLVED) {
            return new Plan.Cancel(f);
        }
        if (f.status() == FindingStatus.CANDIDATE) {
            return new Plan.Ignore(f, "deletion candidate awaiting its verdict");
        }
        Optional<Resource> resource = Resource.fromPath(f.resource());
        if (resource.isEmpty()) {
            return new Plan.Invalid(f, ActionIds.of(f.key(), ActionIds.NO_TARGET, ActionKind.SKIP), ActionKind.SKIP,
                    "unknown resource '" + f.resource() + "'");
        }
        Policy policy = policies.policyFor(f.customer(), f.resource());
        Plan direct = switch (f.kind()) {
            case MISSED_CREATE, MISSED_UPDATE, SILENT_CHANGE, PUSH_FAILURE -> reprocess(f, resource.get());
            case DRIFT -> policy.autoFixDrift()
                    ? reprocess(f, resource.get())
                    : alertOnly(f, "unexplained drift on " + driftedFields(f) + "; auto-fix-drift is off");
            case SCHEDULE_DRIFT -> alertOnly(f, "schedule drift is repaired through the findings of its project dates");
            case DELETION, ORPHAN_EXTERNAL -> deletion(f, resource.get(), policy);
        };
        if (policy.mode() == Mode.DELEGATE && direct instanceof Plan.Write w) {
            String target = w.action().kind() == ActionKind.RE_PROCESS
                    ? ActionIds.target(f.vomoVersion(), f.vomoHash()) : ActionIds.NO_TARGET;
            return new Plan.Delegate(f, ActionIds.of(f.key(), target + "/" + w.action().kind(), ActionKind.REPROCESS_REQUEST),
                    w.action().kind());
        }
        return direct;
    }

    private Plan reprocess(Finding f, Resource resource) {
        String actionId = ActionIds.reprocess(f.key(), f.vomoVersion(), f.vomoHash());
        if (f.vomoRecord().isEmpty()) {
            return new Plan.Invalid(f, actionId, ActionKind.RE_PROCESS,
                    f.kind() + " finding carries no vomoRecord to re-process");
        }
        JsonNode record = f.vomoRecord().get();
        Map<String, String> fields;
        try {
            fields = FieldMapping.fromVomo(resource, record);
        } catch (IllegalArgumentException e) {
            return new Plan.Invalid(f, actionId, ActionKind.RE_PROCESS, "VOMO record cannot be mapped: " + safeMappingReason(e));
        }
        Optional<String> hash = f.vomoHash().or(() -> Optional.of(ContentHash.of(record)));
        return new Plan.Write(f, new WriteAction(actionId, ActionKind.RE_PROCESS, f.key(), f.customer(), resource,
                f.vomoVersion(), hash, fields, false));
    }

    private Plan deletion(Finding f, Resource resource, Policy policy) {
        if (f.verdict().isEmpty()) {
            return skip(f, "open " + f.kind() + " finding without a verification verdict");
        }
        Verdict v = f.verdict().get();
        return switch (v) {
            case DELETED -> new Plan.Write(f, new WriteAction(ActionIds.deletion(f.key()), ActionKind.PROPAGATE_DELETION,
                    f.key(), f.customer(), resource, Optional.empty(), Optional.empty(), Map.of(), policy.hardDelete()));
            case ANONYMIZED -> new Plan.Write(f, new WriteAction(ActionIds.erasure(f.key()), ActionKind.ERASE_PERSONAL_DATA,
                    f.key(), f.customer(), resource, Optional.empty(), Optional.empty(), Map.of(), false));
            case SCOPE_CHANGE -> skip(f, "scope change: the record moved to another organisation; not a deletion");
            case PERMISSION_NARROWED -> skip(f, "permission narrowed: the token lost access; not a deletion");
            case SOFT_DELETED -> skip(f, "soft-deleted in VOMO (inactive); the destination row is kept");
            case FILTER_MISMATCH -> skip(f, "filter mismatch: the record exists in VOMO; investigate the list query");
        };
    }

    private static Plan skip(Finding f, String reason) {
        return new Plan.Skip(f, ActionIds.of(f.key(), ActionIds.NO_TARGET, ActionKind.SKIP), ActionKind.SKIP, reason);
    }

    private static Plan alertOnly(Finding f, String reason) {
        return new Plan.Skip(f, ActionIds.of(f.key(), ActionIds.target(f.vomoVersion(), f.vomoHash()), ActionKind.ALERT_ONLY),
                ActionKind.ALERT_ONLY, reason);
    }

    private static String driftedFields(Finding f) {
        if (f.fieldDiffs().isEmpty()) {
            return "unnamed fields";
        }
        return f.fieldDiffs().stream().map(FieldDiff::field).sorted().collect(Collectors.joining(", ", "[", "]"));
    }

    /** The mapping error names the column and normaliser; what follows may quote the value, so it is cut. */
    static String safeMappingReason(IllegalArgumentException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int as = m.indexOf("cannot be normalised as ");
        if (as >= 0) {
            int colon = m.indexOf(':', as);
            return colon > 0 ? m.substring(0, colon) : m;
        }
        return "a field value cannot be normalised";
    }
}
