package org.relevanceworkbench.formats;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
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

    /** What fills a binary file (an image). */
    @FunctionalInterface
    public interface BinaryContent {
        void writeTo(OutputStream out) throws Exception;
    }

    public static void write(Path target, Content content) throws Exception {
        writeBytes(target, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** The same for bytes: through a temporary sibling, renamed into place only when complete. */
    public static void writeBytes(Path target, BinaryContent content) throws Exception {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                content.writeTo(out);
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
