package io.vomorecon.schemas.values;

/** The life of a finding: CANDIDATE (deletions awaiting verification), OPEN, then RESOLVED. */
public enum FindingStatus { CANDIDATE, OPEN, RESOLVED }
