package io.vomorecon.schemas.values;

/** The verdict of a run: HEALTHY (no gaps), DEGRADED (gaps under the thresholds), ANOMALOUS (held), INCOMPLETE (aborted or count mismatch). */
public enum RunVerdict { HEALTHY, DEGRADED, ANOMALOUS, INCOMPLETE }
