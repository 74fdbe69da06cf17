package io.vomorecon.sandbox;

/**
 * What a client needs to reach one sandbox customer: its id (the slug, first key component),
 * its organisation and sister organisation ids, its throwaway sandbox token, and its size.
 */
public record SandboxCustomer(String id, long organizationId, String organizationSlug, long sisterOrganizationId,
                              String token, int users) {

    /** Never prints the token: a sandbox token is throwaway, but the habit matters. */
    @Override
    public String toString() {
        return "SandboxCustomer[" + id + ", organization " + organizationId + ", " + users + " users]";
    }
}
