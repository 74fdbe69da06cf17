package io.vomorecon.sandbox;

/**
 * How much changes per simulated day, per 1,000 users of a customer (a customer of 50,000 users
 * sees 50 times the changes of one of 1,000). Fractions accumulate: a rate of 0.3 per day gives
 * a change about every three days. {@link #none()} freezes the world.
 */
public record MutationRates(
        double userCreates, double userUpdates, double userHardDeletes, double userSoftDeletes,
        double userMoves, double userPermissionLosses, double userAnonymizations, double userSilentChanges,
        double projectUpdates, double datesAdded, double datesDeleted, double datesRescheduled,
        double participationsAdded, double participationsCancelled,
        double membersAdded, double membersDeactivated, double membersRemoved, double groupParentChanges,
        double completionsAdded, double completionsEdited, double campaignUpdates, double campaignDeletes) {

    public static MutationRates defaults() {
        return new MutationRates(
                4, 12, 0.6, 0.8,
                0.3, 0.3, 0.3, 1.5,
                1.5, 1, 0.5, 0.5,
                6, 2,
                3, 1, 0.5, 0.3,
                2, 1, 0.3, 0.1);
    }

    public static MutationRates none() {
        return new MutationRates(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The same rates multiplied (e.g. 10 for a short IT that needs every kind to happen). */
    public MutationRates times(double f) {
        return new MutationRates(userCreates * f, userUpdates * f, userHardDeletes * f, userSoftDeletes * f,
                userMoves * f, userPermissionLosses * f, userAnonymizations * f, userSilentChanges * f,
                projectUpdates * f, datesAdded * f, datesDeleted * f, datesRescheduled * f,
                participationsAdded * f, participationsCancelled * f,
                membersAdded * f, membersDeactivated * f, membersRemoved * f, groupParentChanges * f,
                completionsAdded * f, completionsEdited * f, campaignUpdates * f, campaignDeletes * f);
    }
}
