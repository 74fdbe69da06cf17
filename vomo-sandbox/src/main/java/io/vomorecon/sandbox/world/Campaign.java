package io.vomorecon.sandbox.world;

/** A VOMO campaign ("initiative"); mutable state owned by {@link CustomerWorld}. */
public final class Campaign extends ListedRecord {
    public String name;
    public String description;
    public String url;
    public long authorId;
    public boolean forbidden;

    Campaign(long id, long createdAt) {
        super(id, createdAt);
    }
}
