package io.vomorecon.sandbox.world;

/** A user's membership of a group; mutable state owned by {@link CustomerWorld}. */
public final class GroupMember implements Listed {
    public final long userId;
    public final long groupId;
    public String status;
    public final long joinedAt;
    public long updatedAt;

    GroupMember(long userId, long groupId, long joinedAt) {
        this.userId = userId;
        this.groupId = groupId;
        this.joinedAt = joinedAt;
        this.updatedAt = joinedAt;
        this.status = "active";
    }

    @Override
    public long id() {
        return userId;
    }

    @Override
    public long updatedAt() {
        return updatedAt;
    }
}
