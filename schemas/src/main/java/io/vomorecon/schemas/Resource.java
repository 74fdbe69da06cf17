package io.vomorecon.schemas;

import java.util.Arrays;
import java.util.Optional;

/**
 * The VOMO resources vomo-recon reconciles, with the key shape of each: how many id components
 * its key has and what they are. A resource whose records only exist inside a parent (a
 * participation inside a project date, a member inside a group) is keyed parent first, so one
 * prefix per parent is a run scope.
 */
public enum Resource {
    USERS("users", "user_id"),
    PROJECTS("projects", "project_id"),
    /** key: project id, date id; listed only through {@code all_dates} of a project. */
    PROJECT_DATES("project-dates", "project_id", "project_date_id"),
    /** key: project date id, user id; not listable, embedded in project-date and user detail. */
    PARTICIPATIONS("participations", "project_date_id", "user_id"),
    GROUPS("groups", "group_id"),
    /** key: group id, user id; from {@code GET /groups/{id}/members}. */
    GROUP_MEMBERS("group-members", "group_id", "user_id"),
    CAMPAIGNS("campaigns", "campaign_id"),
    FORMS("forms", "form_id"),
    /** key: form id, completion id; from {@code GET /forms/{id}/completions}. */
    FORM_COMPLETIONS("form-completions", "form_id", "completion_id"),
    CERTIFICATES("certificates", "certificate_id");

    private final String path;
    private final String[] idNames;

    Resource(String path, String... idNames) {
        this.path = path;
        this.idNames = idNames;
    }

    /** The resource's name in keys and configuration, e.g. {@code project-dates}. */
    public String path() {
        return path;
    }

    /** Number of id components in a key of this resource. */
    public int idArity() {
        return idNames.length;
    }

    /** Whether records of this resource only exist below a parent record. */
    public boolean isNested() {
        return idNames.length > 1;
    }

    public static Optional<Resource> fromPath(String path) {
        return Arrays.stream(values()).filter(r -> r.path.equals(path)).findFirst();
    }

    public static Resource require(String path) {
        return fromPath(path).orElseThrow(() -> new IllegalArgumentException(
                "unknown resource '" + path + "'; known: " + Arrays.toString(Arrays.stream(values()).map(Resource::path).toArray())));
    }
}
