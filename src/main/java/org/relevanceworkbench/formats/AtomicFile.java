package org.relevanceworkbench.formats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file through a temporary sibling and renames it into place only when complete, so a
 * crash or an error never leaves a half-written export where the user expects a whole one.
 */
public final class AtomicFile {
    private AtomicFile() {
    }

    /** What fills the file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer writer) throws Exception;
    }

    public static void write(Path target, Content content) throws Exception {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        try {
            try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temp),
                    StandardCharsets.UTF_8), 1 << 16)) {
                content.writeTo(writer);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Exception | Error e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
