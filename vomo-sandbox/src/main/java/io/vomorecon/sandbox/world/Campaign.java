package io.vomorecon.sandbox.world;

/** A VOMO campaign ("initiative"); mutable state owned by {@link CustomerWorld}. */
public final class Campaign implements Listed {
    final long id;
    final long createdAt;
    long updatedAt;
    public String name;
    public String description;
    public String url;
    public long authorId;
    public boolean forbidden;

    Campaign(long id, long createdAt) {
        this.id = id;
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

    public long createdAt() {
        return createdAt;
    }
}
