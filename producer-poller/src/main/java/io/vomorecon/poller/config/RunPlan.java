package io.vomorecon.poller.config;

import io.vomorecon.schemas.Resource;
import io.vomorecon.schemas.values.RunKind;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which run kinds exist for which resource: the one place that knows that participations are
 * only read per project date, members only per group, and that audit samples need a detail
 * endpoint. The scheduler, the CLI and the worker all ask here.
 */
public final class RunPlan {

    /** Resources with a list endpoint: INCREMENTAL and FULL runs read them directly. */
    public static final Set<Resource> LISTABLE = EnumSet.of(Resource.USERS, Resource.PROJECTS, Resource.GROUPS,
            Resource.CAMPAIGNS, Resource.FORMS, Resource.CERTIFICATES);

    /** Resources with a {@code GET /{resource}/{id}} detail endpoint: AUDIT_SAMPLE re-reads them by id. */
    public static final Set<Resource> DETAIL_READABLE = EnumSet.of(Resource.USERS, Resource.PROJECTS, Resource.GROUPS,
            Resource.CAMPAIGNS);

    /** Resources with a server-side {@code updated_after} filter (others are filtered on the client). */
    public static final Set<Resource> UPDATED_AFTER_FILTER = EnumSet.of(Resource.USERS, Resource.PROJECTS);

    private RunPlan() {
    }

    /** Whether a run of this kind can read this resource. */
    public static boolean supports(Resource resource, RunKind kind) {
        return switch (kind) {
            case INCREMENTAL, FULL -> LISTABLE.contains(resource);
            case AUDIT_SAMPLE -> DETAIL_READABLE.contains(resource);
            case PARTICIPATIONS -> resource == Resource.PARTICIPATIONS;
            case SCHEDULE -> resource == Resource.PROJECT_DATES;
            case MEMBERSHIP -> resource == Resource.GROUP_MEMBERS;
            case FORM_COMPLETIONS -> resource == Resource.FORM_COMPLETIONS;
        };
    }

    /** The kind's name in configuration files: {@code audit-sample}, {@code form-completions}. */
    public static String configName(RunKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<RunKind> kindFromConfigName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RunKind k : RunKind.values()) {
            if (k.name().equals(n)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Every kind that can read a resource, for error messages. */
    public static Set<RunKind> kindsFor(Resource resource) {
        Set<RunKind> out = EnumSet.noneOf(RunKind.class);
        for (RunKind k : RunKind.values()) {
            if (supports(resource, k)) {
                out.add(k);
            }
        }
        return out;
    }
}
