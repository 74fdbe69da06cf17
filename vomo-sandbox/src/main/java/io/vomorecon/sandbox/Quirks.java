package io.vomorecon.sandbox;

/**
 * VOMO's documented data quirks, each switchable. When a quirk is on it applies to a fixed,
 * id-derived share of records (so the same record always looks the same): ids as strings for
 * ids divisible by 5, the three timestamp shapes by id modulo 3; counters, hours and the
 * verified flag change shape everywhere.
 */
public record Quirks(boolean idsAsStrings, boolean timestampShapes, boolean countersAsStrings,
                     boolean hoursAsString, boolean verifiedAsInt) {

    public static Quirks all() {
        return new Quirks(true, true, true, true, true);
    }

    public static Quirks none() {
        return new Quirks(false, false, false, false, false);
    }
}
