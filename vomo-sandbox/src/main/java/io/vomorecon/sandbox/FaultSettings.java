package io.vomorecon.sandbox;

/**
 * How often the API misbehaves for one customer: per-request probabilities of a 500, a slow
 * answer, a timeout (the answer is held, then a 504) and a list page cut short; and how many
 * 429 storms per simulated day the mutation engine starts, each refusing that many requests.
 */
public record FaultSettings(double p500, double pSlow, long slowMillis, double pTimeout, long timeoutMillis,
                            double pCutShort, double stormsPerDay, int stormRequests) {

    public static FaultSettings none() {
        return new FaultSettings(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The named profiles of {@code --faults}. */
    public static FaultSettings profile(String name) {
        return switch (name) {
            case "none" -> none();
            // a few of each per simulated day at the request volumes of the demo
            case "realistic" -> new FaultSettings(0.002, 0.002, 250, 0.0003, 6_000, 0.001, 2, 20);
            case "chaos" -> new FaultSettings(0.02, 0.02, 400, 0.003, 6_000, 0.01, 12, 60);
            default -> throw new io.vomorecon.platform.config.ConfigException("faults", "unknown fault profile '" + name + "'",
                    "use none, realistic or chaos");
        };
    }
}
