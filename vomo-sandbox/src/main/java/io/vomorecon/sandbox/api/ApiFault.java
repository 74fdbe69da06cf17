package io.vomorecon.sandbox.api;

/** The kinds of API misbehaviour the sandbox can inject. */
public enum ApiFault {
    /** 500 with a JSON message. */
    ERROR_500,
    /** The right answer, late. */
    SLOW,
    /** The answer is held past any sane client timeout, then a 504. */
    TIMEOUT,
    /** A list page with records left out (links.next still points on). */
    CUT_SHORT,
    /** A run of 429s for the token. */
    STORM
}
