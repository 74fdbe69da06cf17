package io.vomorecon.platform.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTreesTest {

    @TempDir
    Path tmp;

    @Test
    void deletesTheWholeTree() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("a/b/c"));
        Files.writeString(root.resolve("a/b/c/file"), "x");
        Files.writeString(root.resolve("top"), "y");

        DirectoryTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(tmp).exists();
    }

    @Test
    void aMissingDirectoryIsFine() throws Exception {
        Path missing = tmp.resolve("never-made");
        DirectoryTrees.delete(missing);
        assertThat(missing).doesNotExist();
    }
}
