package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** SQLite's library kept extracted between starts: made once, the driver's own bytes, found again without a copy. */
class SqliteNativeTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartKeepsACopyOfTheDriversLibraryAndLaterStartsFindIt() throws Exception {
        Path copy = SqliteNative.keptCopy(dir);
        assertThat(copy).isNotNull().startsWith(dir);
        assertThat(copy.getFileName().toString()).isEqualTo(LibraryLoaderUtil.getNativeLibName());
        try (InputStream original = SQLiteJDBCLoader.class.getResourceAsStream(
                LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName())) {
            assertThat(Files.readAllBytes(copy)).as("the driver's library, byte for byte").isEqualTo(original.readAllBytes());
        }
        FileTime written = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(copy, written);
        assertThat(SqliteNative.keptCopy(dir)).isEqualTo(copy);
        assertThat(Files.getLastModifiedTime(copy)).as("found, not copied again").isEqualTo(written);
        try (var left = Files.list(copy.getParent())) {
            assertThat(left).as("no part file left behind").containsExactly(copy);
        }
    }

    @Test
    void aFolderThatCannotBeMadeIsAnErrorThatPrepareLeavesToTheDriver() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> SqliteNative.keptCopy(notAFolder)).isInstanceOf(IOException.class);
    }

    @Test
    void theDriverRunsOnTheKeptCopyInThisProcess() {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            assertThat(db.schemaVersion()).isEqualTo(Migrations.latest(Migrations.ALL));
        }
        assertThat(System.getProperty(SqliteNative.FOLDER_PROPERTY)).as("set by the build for the tests").isNotNull();
        Path library = Path.of(System.getProperty("org.sqlite.lib.path"), System.getProperty("org.sqlite.lib.name"));
        assertThat(library).startsWith(SqliteNative.folder()).isRegularFile();
    }
}
