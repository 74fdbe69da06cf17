package io.vomorecon.poller.vomo;

import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;

/**
 * A VOMO request that did not give a usable answer: 5xx or I/O errors past the retries, 429s
 * for longer than the allowed wait, or a status a list must not answer (401, 403, 404, 422).
 * The message names the path (ids only, never a token or a record's content) and the reason;
 * a run that meets one aborts with it.
 */
public class VomoCallFailed extends Exception {

    private final String path;
    private final String reason;
    private final OptionalInt status;

    public VomoCallFailed(String path, String reason, OptionalInt status) {
        super(path + ": " + reason);
        this.path = path;
        this.reason = reason;
        this.status = status;
    }

    public String path() {
        return path;
    }

    public String reason() {
        return reason;
    }

    /** The HTTP status of the last answer, when there was one. */
    public OptionalInt status() {
        return status;
    }

    /**
     * Rethrows what a read running on another thread threw, as the reading thread would have:
     * its {@code VomoCallFailed}, runtime exception or error unchanged.
     */
    public static VomoCallFailed rethrow(ExecutionException e) throws VomoCallFailed {
        Throwable cause = e.getCause();
        if (cause instanceof VomoCallFailed v) {
            throw v;
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException("a read threw " + cause.getClass().getName(), cause);
    }
}
