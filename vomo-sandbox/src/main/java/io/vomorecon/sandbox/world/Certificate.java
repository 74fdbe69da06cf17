package io.vomorecon.sandbox.world;

/** A certificate definition; mutable state owned by {@link CustomerWorld}. */
public final class Certificate extends ListedRecord {
    public String name;
    public String expiryPeriod;

    Certificate(long id, long createdAt) {
        super(id, createdAt);
    }
}
