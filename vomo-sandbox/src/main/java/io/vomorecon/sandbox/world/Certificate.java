package io.vomorecon.sandbox.world;

/** A certificate definition; mutable state owned by {@link CustomerWorld}. */
public final class Certificate implements Listed {
    final long id;
    final long createdAt;
    long updatedAt;
    public String name;
    public String expiryPeriod;

    Certificate(long id, long createdAt) {
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
