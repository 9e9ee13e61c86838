package org.relevanceworkbench.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;

class AtomicFolderTest {
    @TempDir
    Path dir;

    private static AtomicFolder.Content files(String marker) {
        return folder -> {
            Files.writeString(folder.resolve("a.txt"), marker);
            Files.createDirectory(folder.resolve("sub"));
            Files.writeString(folder.resolve("sub/b.txt"), marker);
        };
    }

    private Stream<String> names() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    @Test
    void theFolderAppearsWhole() throws Exception {
        Path target = dir.resolve("study");
        AtomicFolder.write(target, false, files("one"));
        assertThat(Files.readString(target.resolve("sub/b.txt"))).isEqualTo("one");
        assertThat(names()).containsExactly("study");
    }

    @Test
    void aFailureHalfwayLeavesNeitherTheFolderNorItsTemporarySibling() {
        Path target = dir.resolve("study");
        assertThatThrownBy(() -> AtomicFolder.write(target, false, folder -> {
            files("one").writeInto(folder);
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anEmptyFolderIsFilledButAFullOneOnlyReplacedWhenAskedFor() throws Exception {
        Path target = Files.createDirectory(dir.resolve("study"));
        AtomicFolder.write(target, false, files("one"));
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("one");
        assertThatThrownBy(() -> AtomicFolder.write(target, false, files("two"))).isInstanceOf(UserException.class)
                .hasMessageContaining("already exists and is not empty");
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("one");
        Files.writeString(target.resolve("stale.txt"), "from an older export");
        AtomicFolder.write(target, true, files("two"));
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("two");
        assertThat(target.resolve("stale.txt")).doesNotExist();
        assertThat(names()).containsExactly("study");
    }

    @Test
    void aFailedReplacementKeepsTheOldFolder() throws Exception {
        Path target = dir.resolve("study");
        AtomicFolder.write(target, false, files("one"));
        assertThatThrownBy(() -> AtomicFolder.write(target, true, folder -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("one");
        assertThat(names()).containsExactly("study");
    }

    @Test
    void aFileInTheWayIsAUserError() throws Exception {
        Path target = Files.writeString(dir.resolve("study"), "a file");
        assertThatThrownBy(() -> AtomicFolder.write(target, true, files("one"))).isInstanceOf(UserException.class)
                .hasMessage(target + " exists and is not a folder");
        assertThat(names()).containsExactly("study");
    }
}
