package io.vomorecon.platform.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the directories this project creates for itself (temporary broker logs, data, state). */
public final class DirectoryTrees {

    private DirectoryTrees() {
    }

    /**
     * Deletes a directory and everything below it, deepest first; a missing directory is fine.
     * Throws when the tree cannot be listed; a file that cannot be deleted is left and reported
     * by the {@code IOException} of its directory's deletion only if that directory is the root.
     */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        if (Files.exists(root)) {
            throw new IOException("could not delete everything below " + root);
        }
    }
}
