package io.vomorecon.sandbox.partner;

import io.vomorecon.schemas.Resource;

/**
 * The reference sync's polling workers, one checkpoint each, and the resources each one writes.
 * Written the way VOMO's docs suggest, with the blind spots that follow from the API: a new
 * participation is only seen through the detail of a user who changed, a date of a project that
 * changed, or today's dates; group members only when the group changed; form completions by
 * {@code created_after}, so edits are never seen.
 */
public enum SyncStream {
    USERS(Resource.USERS),
    PROJECTS(Resource.PROJECTS),
    TODAY(Resource.PROJECT_DATES),
    GROUPS(Resource.GROUPS),
    CAMPAIGNS(Resource.CAMPAIGNS),
    FORMS(Resource.FORMS),
    FORM_COMPLETIONS(Resource.FORM_COMPLETIONS),
    CERTIFICATES(Resource.CERTIFICATES);

    private final Resource primary;

    SyncStream(Resource primary) {
        this.primary = primary;
    }

    /** The resource whose list this stream polls (its bugs apply there). */
    public Resource primary() {
        return primary;
    }

    /** The stream that owns a resource's records. */
    public static SyncStream of(Resource r) {
        return switch (r) {
            case USERS -> USERS;
            case PROJECTS -> PROJECTS;
            case PROJECT_DATES, PARTICIPATIONS -> TODAY;
            case GROUPS, GROUP_MEMBERS -> GROUPS;
            case CAMPAIGNS -> CAMPAIGNS;
            case FORMS -> FORMS;
            case FORM_COMPLETIONS -> FORM_COMPLETIONS;
            case CERTIFICATES -> CERTIFICATES;
        };
    }
}
