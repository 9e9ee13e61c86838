package org.relevanceworkbench.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;

/**
 * Verdicts of self-checks that depend only on code and platform — this app's jar, SQLite's driver and library, the
 * JVM — kept between starts as empty files beside the kept SQLite library ({@link SqliteNative#folder}), so that a
 * check that costs a quarter of a second runs once per install, not in every command. Only a pass is kept: a failed
 * check runs again at the next start. Where the code does not come from a jar (tests, an IDE) nothing is kept.
 */
public final class KeptVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(KeptVerdicts.class);

    private KeptVerdicts() {
    }

    /** True when {@code check} of {@code code} passed before on this platform. */
    public static boolean passed(String check, Class<?> code) {
        Path marker = marker(SqliteNative.folder(), check, code);
        return marker != null && Files.isRegularFile(marker);
    }

    /** Keeps that {@code check} of {@code code} passed; best effort. */
    public static void recordPass(String check, Class<?> code) {
        Path marker = marker(SqliteNative.folder(), check, code);
        if (marker == null) {
            return;
        }
        try {
            Files.createDirectories(marker.getParent());
            if (!Files.exists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("the verdict of '{}' is not kept: {}", check, e.toString());
        }
    }

    /**
     * The file that says {@code check} passed, named by the check and the SHA-256 of everything its verdict depends on
     * (spelled out, that is longer than a file name may be); null when the code or the driver is not in a jar.
     */
    static Path marker(Path folder, String check, Class<?> code) {
        String app = SqliteNative.jarKey(code);
        String driver = SqliteNative.jarKey(SQLiteJDBCLoader.class);
        if (app == null || driver == null) {
            return null;
        }
        String key = app + "-" + driver + "-" + System.getProperty("org.sqlite.lib.path") + "-"
                + System.getProperty("org.sqlite.lib.name") + "-" + System.getProperty("java.vm.vendor") + "-"
                + System.getProperty("java.vm.version") + "-" + System.getProperty("os.name") + "-"
                + System.getProperty("os.arch");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return folder.resolve("verdicts").resolve(check + "-" + HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            return null; // every JVM has SHA-256; without it, nothing is kept
        }
    }
}
