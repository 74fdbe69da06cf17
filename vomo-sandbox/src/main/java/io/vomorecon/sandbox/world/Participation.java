package io.vomorecon.sandbox.world;

/**
 * A user's participation in a project date. VOMO gives it no {@code updated_at}: its changes are
 * visible only by content. Mutable state owned by {@link CustomerWorld}.
 */
public final class Participation {
    public final long id;
    public final long userId;
    public final long projectDateId;
    public final long projectId;
    public final long signedUpAt;
    public long checkedInAt;
    public long checkedOutAt;
    /** Hours in hundredths (1050 = 10.50), so formatting is exact and deterministic. */
    public int hoursCents;
    public boolean verified;
    public String role;
    public int guests;
    /** signed_up, attended, cancelled. */
    public String status;

    Participation(long id, long userId, long projectDateId, long projectId, long signedUpAt) {
        this.id = id;
        this.userId = userId;
        this.projectDateId = projectDateId;
        this.projectId = projectId;
        this.signedUpAt = signedUpAt;
    }
}
