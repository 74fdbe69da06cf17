package io.vomorecon.sandbox.world;

import java.util.TreeMap;

/** One completion of a form; mutable state owned by {@link CustomerWorld}. */
public final class FormCompletion implements Listed {
    public final long id;
    public final long formId;
    public final long userId;
    public final long projectId;
    public final long participationId;
    public final long createdAt;
    public long updatedAt;
    /** Responses by field id; values are strings, as VOMO sends them. */
    public final TreeMap<Long, String> responses = new TreeMap<>();

    FormCompletion(long id, long formId, long userId, long projectId, long participationId, long createdAt) {
        this.id = id;
        this.formId = formId;
        this.userId = userId;
        this.projectId = projectId;
        this.participationId = participationId;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public long updatedAt() {
        return updatedAt;
    }
}
