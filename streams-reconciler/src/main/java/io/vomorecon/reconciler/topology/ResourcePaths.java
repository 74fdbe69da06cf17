package io.vomorecon.reconciler.topology;

import io.vomorecon.schemas.Resource;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link Resource#fromPath} and {@link Resource#require} as one map lookup: those stream over the
 * constants, and every input record and every swept key asks. Same answers, same error text
 * (it delegates to {@code require} for an unknown path). Holds nothing but the constants.
 */
final class ResourcePaths {

    private static final Map<String, Resource> BY_PATH = Arrays.stream(Resource.values())
            .collect(Collectors.toUnmodifiableMap(Resource::path, r -> r));

    private ResourcePaths() {
    }

    static Optional<Resource> find(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }

    static Resource require(String path) {
        Resource r = BY_PATH.get(path);
        return r != null ? r : Resource.require(path);
    }
}
