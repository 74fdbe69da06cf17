package io.vomorecon.schemas.mapping;

import static io.vomorecon.schemas.mapping.Normalizer.BOOLEAN;
import static io.vomorecon.schemas.mapping.Normalizer.DATE;
import static io.vomorecon.schemas.mapping.Normalizer.DECIMAL;
import static io.vomorecon.schemas.mapping.Normalizer.EMAIL;
import static io.vomorecon.schemas.mapping.Normalizer.ID;
import static io.vomorecon.schemas.mapping.Normalizer.INSTANT;
import static io.vomorecon.schemas.mapping.Normalizer.JSON_HASH;
import static io.vomorecon.schemas.mapping.Normalizer.LOWER;
import static io.vomorecon.schemas.mapping.Normalizer.PHONE_E164;
import static io.vomorecon.schemas.mapping.Normalizer.TEXT;

import com.fasterxml.jackson.databind.JsonNode;
import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.VomoValues;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-resource field mapping between a VOMO record and the destination's row: the
 * contract shared by the reference partner sync (which writes rows), the external-state reader
 * (which reads them back), the reconciler (which compares them with VOMO for drift) and the
 * corrections sink (which rewrites them). The destination table of a resource is
 * {@code ext_<resource>} with one text column per mapped field.
 */
public final class FieldMapping {

    private static final Map<Resource, List<MappedField>> DEFAULTS = new EnumMap<>(Resource.class);

    static {
        DEFAULTS.put(Resource.USERS, List.of(
                MappedField.personal("email", EMAIL),
                MappedField.personal("first_name", TEXT),
                MappedField.personal("last_name", TEXT),
                MappedField.personal("phone", PHONE_E164),
                MappedField.personal("birthday", DATE),
                MappedField.of("membership_status", LOWER),
                MappedField.of("membership_role", LOWER)));
        DEFAULTS.put(Resource.PROJECTS, List.of(
                MappedField.of("name", TEXT),
                MappedField.of("organization_id", ID),
                MappedField.of("timezone", "address.timezone", TEXT),
                MappedField.of("published_at", INSTANT),
                MappedField.of("draft", BOOLEAN),
                MappedField.of("anytime", BOOLEAN)));
        DEFAULTS.put(Resource.PROJECT_DATES, List.of(
                MappedField.of("project_id", ID),
                MappedField.of("starts_at", INSTANT),
                MappedField.of("ends_at", INSTANT),
                MappedField.of("status", LOWER)));
        DEFAULTS.put(Resource.PARTICIPATIONS, List.of(
                MappedField.of("user_id", ID),
                MappedField.of("project_date_id", ID),
                MappedField.of("project_id", ID),
                MappedField.of("hours", DECIMAL),
                MappedField.of("verified", BOOLEAN),
                MappedField.of("status", LOWER),
                MappedField.of("checked_in_at", INSTANT)));
        DEFAULTS.put(Resource.GROUPS, List.of(
                MappedField.of("name", TEXT),
                MappedField.of("parent_id", ID)));
        DEFAULTS.put(Resource.GROUP_MEMBERS, List.of(
                MappedField.of("user_id", ID),
                MappedField.of("status", LOWER)));
        DEFAULTS.put(Resource.CAMPAIGNS, List.of(
                MappedField.of("campaign_name", TEXT),
                MappedField.of("url", TEXT),
                MappedField.of("organization_slug", LOWER)));
        DEFAULTS.put(Resource.FORMS, List.of(
                MappedField.of("name", TEXT),
                MappedField.of("fields", JSON_HASH)));
        DEFAULTS.put(Resource.FORM_COMPLETIONS, List.of(
                MappedField.of("user_id", ID),
                MappedField.of("project_id", ID),
                MappedField.of("field_responses", JSON_HASH)));
        DEFAULTS.put(Resource.CERTIFICATES, List.of(
                MappedField.of("name", TEXT),
                MappedField.of("expiry_period", LOWER)));
    }

    private FieldMapping() {
    }

    public static List<MappedField> fields(Resource resource) {
        return DEFAULTS.get(resource);
    }

    public static Optional<MappedField> field(Resource resource, String column) {
        return fields(resource).stream().filter(f -> f.column().equals(column)).findFirst();
    }

    /** The destination table of a resource, e.g. {@code ext_project_dates}. */
    public static String table(Resource resource) {
        return "ext_" + resource.path().replace('-', '_');
    }

    /**
     * The mapped, normalised values of a VOMO record, column to value, in mapping order. A field
     * VOMO left null or out is absent from the map; a value that cannot be normalised is an
     * {@link IllegalArgumentException} naming the column.
     */
    public static Map<String, String> fromVomo(Resource resource, JsonNode record) {
        Map<String, String> out = new LinkedHashMap<>();
        for (MappedField f : fields(resource)) {
            try {
                f.normalizer().fromVomo(VomoValues.path(record, f.vomoPath())).ifPresent(v -> out.put(f.column(), v));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("field '" + f.column() + "' of a " + resource.path()
                        + " record cannot be normalised as " + f.normalizer() + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Normalises destination values (column to raw text) the same way; unknown columns are dropped. */
    public static Map<String, String> fromDestination(Resource resource, Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (MappedField f : fields(resource)) {
            String v = raw.get(f.column());
            if (v != null) {
                f.normalizer().fromText(v).ifPresent(n -> out.put(f.column(), n));
            }
        }
        return out;
    }
}
