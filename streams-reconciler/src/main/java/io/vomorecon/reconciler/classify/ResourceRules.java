package io.vomorecon.reconciler.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.RecordKey;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import io.vomorecon.schemas.values.FieldDiff;
import io.vomorecon.schemas.values.FindingKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What each resource adds to a finding beyond the generic table: the parent ids of nested keys
 * (participations by project date and user, members by group and user, completions by form, dates
 * by project), a group's {@code parent_id} move, a form's structure change, a project date's
 * status, a user's scrubbed identity. It only describes; it never decides the kind.
 */
public final class ResourceRules {

    private static final Pattern SCRUBBED_EMAIL = Pattern.compile("^vomodeleteduser\\d+@vomo\\.org$");

    private ResourceRules() {
    }

    public static Map<String, String> details(KeyState s, FindingKind kind, List<FieldDiff> diffs) {
        Map<String, String> d = new LinkedHashMap<>();
        RecordKey key = RecordKey.parse(s.key());
        List<String> ids = key.idPath();
        Optional<JsonNode> record = s.vomo().map(v -> v.record());
        switch (s.resource()) {
            case PARTICIPATIONS -> {
                d.put("projectDateId", ids.get(0));
                d.put("userId", ids.get(ids.size() - 1));
            }
            case GROUP_MEMBERS -> {
                d.put("groupId", ids.get(0));
                d.put("userId", ids.get(ids.size() - 1));
                record.flatMap(r -> VomoValues.text(r.get("status"))).ifPresent(st -> d.put("memberStatus", st));
            }
            case PROJECT_DATES -> {
                d.put("projectId", ids.get(0));
                record.flatMap(r -> VomoValues.text(r.get("status"))).ifPresent(st -> d.put("dateStatus", st));
            }
            case FORM_COMPLETIONS -> {
                d.put("formId", ids.get(0));
                if (changed(diffs, "field_responses")) {
                    d.put("responsesChanged", "true");
                }
            }
            case GROUPS -> diffs.stream().filter(f -> f.field().equals("parent_id")).findFirst().ifPresent(f ->
                    d.put("parentChange", f.externalValue().orElse("(top level)") + " -> " + f.vomoValue().orElse("(top level)")));
            case FORMS -> {
                if (changed(diffs, "fields")) {
                    d.put("formStructureChanged", "true");
                }
            }
            case USERS -> {
                if (record.map(ResourceRules::looksScrubbed).orElse(false)) {
                    d.put("anonymized", "true");
                }
            }
            default -> {
                // projects, campaigns, certificates: the generic table says it all
            }
        }
        if (kind == FindingKind.DELETION || kind == FindingKind.ORPHAN_EXTERNAL) {
            d.put("partnerLive", String.valueOf(s.partnerLive()));
            d.put("externalLive", String.valueOf(s.externalLive()));
        }
        return d;
    }

    /** VOMO's erasure placeholder: "Deleted User" with a vomodeleteduser address. */
    static boolean looksScrubbed(JsonNode user) {
        String email = VomoValues.text(user.get("email")).orElse("").trim().toLowerCase();
        String first = VomoValues.text(user.get("first_name")).orElse("");
        return SCRUBBED_EMAIL.matcher(email).matches() || ("Deleted".equals(first)
                && "User".equals(VomoValues.text(user.get("last_name")).orElse("")));
    }

    private static boolean changed(List<FieldDiff> diffs, String field) {
        return diffs.stream().anyMatch(f -> f.field().equals(field));
    }

    /** Whether a resource's records carry {@code updated_at} (participations do not). */
    public static boolean versioned(Resource resource) {
        return resource != Resource.PARTICIPATIONS;
    }
}
