package io.vomorecon.schemas.values;

/** How a run ended as the reconciler saw it. Only COMPLETED may yield deletions. */
public enum RunStatus { COMPLETED, ABORTED, COUNT_MISMATCH }
