package io.vomorecon.schemas.values;

import java.util.Optional;

/** One mapped field that differs: its normalised VOMO and destination values (absent when missing). */
public record FieldDiff(String field, Optional<String> vomoValue, Optional<String> externalValue) {
    public FieldDiff {
        vomoValue = vomoValue == null ? Optional.empty() : vomoValue;
        externalValue = externalValue == null ? Optional.empty() : externalValue;
    }
}
