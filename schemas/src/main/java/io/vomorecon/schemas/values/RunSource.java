package io.vomorecon.schemas.values;

/** Which side a run read: VOMO (on vomo.snapshots) or the destination (on external.state). */
public enum RunSource { VOMO, EXTERNAL }
