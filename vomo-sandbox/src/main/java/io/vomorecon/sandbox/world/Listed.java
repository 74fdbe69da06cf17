package io.vomorecon.sandbox.world;

/** A record that appears in a paginated list: ordered by {@code updated_at}, then id. */
public interface Listed {
    long id();

    long updatedAt();
}
