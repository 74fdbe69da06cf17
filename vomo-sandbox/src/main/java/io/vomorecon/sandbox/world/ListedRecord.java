package io.vomorecon.sandbox.world;

/**
 * The identity and timestamps every listed sandbox record has: an id, a creation second and the
 * {@code updated_at} second that orders lists. Mutable state belongs to {@link CustomerWorld}.
 */
abstract class ListedRecord implements Listed {
    final long id;
    final long createdAt;
    long updatedAt;

    ListedRecord(long id, long createdAt) {
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
