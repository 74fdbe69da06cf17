package io.vomorecon.sandbox.world;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A VOMO user in one customer's world. Mutable state owned by {@link CustomerWorld}: changed only
 * under its write lock, and only through it when the change moves the user in a list.
 */
public final class User extends ListedRecord {
    public String firstName;
    public String lastName;
    public String email;
    public String phone;
    public Address address;
    public LocalDate birthday;
    public String gender;
    public String userStatus;
    public String membershipStatus;
    public String membershipRole;
    /** The organisation the user belongs to: the customer's own, or its sister after a move. */
    public long organizationId;
    /** The token lost permission on this record (403 by id, absent from lists). */
    public boolean forbidden;
    public boolean anonymized;
    public String skills;

    User(long id, long createdAt) {
        super(id, createdAt);
    }

    public Optional<Address> addressOpt() {
        return Optional.ofNullable(address);
    }

    public String fullName() {
        return firstName + " " + lastName;
    }
}
