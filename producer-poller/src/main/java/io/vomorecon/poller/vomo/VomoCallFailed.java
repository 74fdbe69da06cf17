package io.vomorecon.poller.vomo;

import java.util.OptionalInt;

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
}
