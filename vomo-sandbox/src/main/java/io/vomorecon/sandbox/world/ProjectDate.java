package io.vomorecon.sandbox.world;

import java.util.ArrayList;
import java.util.List;

/** One occurrence of a project with its participants; mutable state owned by {@link CustomerWorld}. */
public final class ProjectDate {
    public final long id;
    public final long projectId;
    public long startsAt;
    public long endsAt;
    /** scheduled, cancelled or deleted; a deleted date answers 404 and leaves {@code all_dates}. */
    public String status = "scheduled";
    public long updatedAt;
    /** Participations in sign-up order. */
    public final List<Participation> participants = new ArrayList<>();

    ProjectDate(long id, long projectId, long startsAt, long endsAt, long updatedAt) {
        this.id = id;
        this.projectId = projectId;
        this.startsAt = startsAt;
        this.endsAt = endsAt;
        this.updatedAt = updatedAt;
    }

    public boolean isDeleted() {
        return "deleted".equals(status);
    }
}
