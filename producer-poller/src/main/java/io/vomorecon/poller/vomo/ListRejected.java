package io.vomorecon.poller.vomo;

import java.util.OptionalInt;

/** A list answered a status other than 2xx (401, 403, 404, 422...): no retry can help. */
public final class ListRejected extends VomoCallFailed {

    private final int page;

    public ListRejected(String path, int status, int page) {
        super(path, "list answered HTTP " + status + " at page " + page, OptionalInt.of(status));
        this.page = page;
    }

    /** The page that was refused (1 = the list itself is not readable, e.g. its parent is gone). */
    public int page() {
        return page;
    }

    public int httpStatus() {
        return status().orElse(0);
    }
}
