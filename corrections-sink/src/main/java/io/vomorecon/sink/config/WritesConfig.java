package io.vomorecon.sink.config;

/**
 * How writes reach the destination: multi-row statements on or off, the largest number of
 * findings taken per poll (and rows per statement), and the per-customer write budget
 * ({@code 0} = unlimited) that keeps a large correction batch from swamping the destination.
 */
public record WritesConfig(Boolean batching, Integer batchSize, Integer perCustomerPerSecond) {

    public WritesConfig {
        batching = batching == null ? Boolean.TRUE : batching;
        batchSize = batchSize == null ? 500 : batchSize;
        perCustomerPerSecond = perCustomerPerSecond == null ? 0 : perCustomerPerSecond;
    }

    public static WritesConfig defaults() {
        return new WritesConfig(null, null, null);
    }
}
