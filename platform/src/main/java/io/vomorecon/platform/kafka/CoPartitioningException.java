package io.vomorecon.platform.kafka;

/** The three reconciler inputs do not have the same partition count; the reconciler must not run. */
public class CoPartitioningException extends RuntimeException {
    public CoPartitioningException(String message) {
        super(message);
    }
}
