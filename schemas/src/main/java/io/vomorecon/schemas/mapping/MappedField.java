package io.vomorecon.schemas.mapping;

/**
 * One field the partner pushes to the destination: the destination column, where it comes from
 * in the VOMO record (a dotted path), how both sides are normalised, and whether it is personal
 * data (scrubbed on erasure).
 */
public record MappedField(String column, String vomoPath, Normalizer normalizer, boolean personal) {

    public static MappedField of(String column, Normalizer normalizer) {
        return new MappedField(column, column, normalizer, false);
    }

    public static MappedField personal(String column, Normalizer normalizer) {
        return new MappedField(column, column, normalizer, true);
    }

    public static MappedField of(String column, String vomoPath, Normalizer normalizer) {
        return new MappedField(column, vomoPath, normalizer, false);
    }
}
