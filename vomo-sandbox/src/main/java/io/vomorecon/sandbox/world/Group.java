package io.vomorecon.sandbox.world;

import java.util.TreeMap;

/** A VOMO group (groups nest through {@code parent_id}); mutable state owned by {@link CustomerWorld}. */
public final class Group extends ListedRecord {
    public String name;
    public String description;
    /** 0 = top level (served as null). */
    public long parentId;
    public boolean hasSubgroups;
    public boolean forbidden;
    /** Members by user id (sorted, so iteration is deterministic). */
    public final TreeMap<Long, GroupMember> members = new TreeMap<>();
    /** {@link #members} in list order; read through {@link CustomerWorld#membersInListOrder}. */
    final ListOrderCache<GroupMember> membersInListOrder = new ListOrderCache<>();

    Group(long id, long createdAt) {
        super(id, createdAt);
    }
}
