package io.vomorecon.sandbox.world;

/** A postal address with its IANA time zone (users and projects). */
public record Address(String street, String city, String state, String zip, String timezone) {
}
