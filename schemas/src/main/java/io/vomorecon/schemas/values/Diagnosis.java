package io.vomorecon.schemas.values;

import java.util.Optional;

/** A diagnosis of an anomalous run: the code, the field for MAPPING_REGRESSION, and the figures that led to it. */
public record Diagnosis(DiagnosisCode code, Optional<String> field, String explanation) {
    public Diagnosis {
        field = field == null ? Optional.empty() : field;
    }
}
