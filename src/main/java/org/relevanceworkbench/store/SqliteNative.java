package org.relevanceworkbench.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * SQLite's native library, kept extracted between starts. sqlite-jdbc copies its library out of its jar into the
 * temporary folder at every start and compares the copy with the original a byte at a time: 0.25–0.35 s of every
 * command here. So the first start copies it once into {@code ~/.relevance-workbench/native/<key>/} (see
 * {@link #keptCopy}: a new driver version gets its own folder), and every start points the driver at that copy
 * ({@code org.sqlite.lib.path}, which it tries first). Anything unexpected — no jar, an unwritable home, a short copy —
 * leaves the driver to do as it always did; and should the copy not load, the driver extracts its own.
 */
final class SqliteNative {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteNative.class);
    /** Where the copies live; a system property of this name moves them (tests). */
    static final String FOLDER_PROPERTY = "relevance-workbench.native-dir";
    private static boolean prepared;

    private SqliteNative() {
    }

    /** Points sqlite-jdbc at a kept copy of its library, once per process, before the driver first loads it. */
    static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getProperty("org.sqlite.lib.path") != null) {
            return; // the user chose a library
        }
        try {
            Path copy = keptCopy(folder());
            if (copy != null) {
                System.setProperty("org.sqlite.lib.path", copy.getParent().toString());
                System.setProperty("org.sqlite.lib.name", copy.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("SQLite's library is extracted by its driver: {}", e.toString());
        }
    }

    static Path folder() {
        String chosen = System.getProperty(FOLDER_PROPERTY);
        return chosen != null ? Path.of(chosen) : Path.of(System.getProperty("user.home"), ".relevance-workbench", "native");
    }

    /**
     * The kept copy of the driver's library for this platform, made now if needed; null where there is none. Its
     * folder is named by the driver's jar (file name, size, time) and the platform, spelled out rather than hashed so
     * that two drivers never share one, and so that a start finds it without asking the driver where its library
     * lies: the driver finds that out by running {@code uname} (0.1 s).
     */
    static Path keptCopy(Path folder) throws IOException {
        String driver = jarKey(SQLiteJDBCLoader.class);
        if (driver == null) {
            return null;
        }
        String key = driver + "-" + System.getProperty("os.name") + "-" + System.getProperty("os.arch");
        Path dir = folder.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
        String name = LibraryLoaderUtil.getNativeLibName();
        Path copy = dir.resolve(name);
        if (Files.isRegularFile(copy) && Files.size(copy) > 0) {
            return copy;
        }
        URL url = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        if (url == null) {
            return null;
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        long size = connection.getContentLengthLong();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, name, ".part");
        try (InputStream in = connection.getInputStream()) {
            Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
            if (size <= 0 || Files.size(part) != size) {
                return null;
            }
            Files.move(part, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
        return copy;
    }

    /**
     * The jar a class was loaded from, as its file name (less ".jar"), size and time: what names a kept copy or a kept
     * verdict, so that another build of the jar never finds them; null for classes from a folder.
     */
    static String jarKey(Class<?> code) {
        try {
            Path jar = Path.of(code.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                return null;
            }
            return jar.getFileName().toString().replaceFirst("\\.jar$", "") + "-" + Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
