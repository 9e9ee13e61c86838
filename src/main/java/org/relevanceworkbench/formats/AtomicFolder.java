package org.relevanceworkbench.formats;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.relevanceworkbench.common.UserException;

/**
 * Writes a folder of files through a temporary sibling folder that is renamed into place only when
 * every file in it is complete, so a crash or an error never leaves a folder that looks like a whole
 * export but lacks a file (an MTEB loader would read it without complaint). The files inside are
 * written plainly: the rename of their folder is what makes them appear together.
 */
public final class AtomicFolder {
    private AtomicFolder() {
    }

    /** What fills the folder. */
    @FunctionalInterface
    public interface Content {
        void writeInto(Path folder) throws Exception;
    }

    /**
     * Fills a new folder and renames it to {@code target}. The target must not exist or be an empty
     * folder; with {@code replace} an existing folder is swapped out and deleted once the new one is
     * in place.
     */
    public static void write(Path target, boolean replace, Content content) throws Exception {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        boolean occupied = checkTarget(target, absolute, replace);
        Path temp = uniqueSibling(absolute, ".part", true);
        try {
            content.writeInto(temp);
            if (occupied) {
                swap(temp, absolute);
            } else {
                rename(temp, absolute);
            }
        } catch (Exception | Error e) {
            try {
                deleteRecursively(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Whether the target holds a folder with files in it (which only {@code replace} may swap out). */
    private static boolean checkTarget(Path target, Path absolute, boolean replace) throws IOException {
        if (!Files.exists(absolute)) {
            return false;
        }
        if (!Files.isDirectory(absolute)) {
            throw new UserException(target + " exists and is not a folder");
        }
        boolean empty;
        try (Stream<Path> children = Files.list(absolute)) {
            empty = children.findAny().isEmpty();
        }
        if (!empty && !replace) {
            throw new UserException("folder " + target + " already exists and is not empty;"
                    + " export to a new folder or ask to replace it");
        }
        return !empty;
    }

    /** Renames onto a missing target or an empty folder (rename(2) replaces an empty folder atomically). */
    private static void rename(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(to); // empty, or we would not be here
            Files.move(from, to);
        }
    }

    /** Moves the old folder aside, the new one in, then deletes the old one; puts it back if the second move fails. */
    private static void swap(Path fresh, Path target) throws IOException {
        Path old = uniqueSibling(target, ".old", false);
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException restore) {
                e.addSuppressed(restore);
            }
            throw e;
        }
        deleteRecursively(old);
    }

    /**
     * A name beside {@code target} that does not exist yet, hidden with a leading dot; created as a
     * folder when {@code create}. Made by hand rather than with createTempDirectory, whose owner-only
     * permissions the export would keep after its rename.
     */
    private static Path uniqueSibling(Path target, String suffix, boolean create) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Path candidate = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + suffix);
            if (!create && !Files.exists(candidate)) {
                return candidate;
            }
            if (create) {
                try {
                    return Files.createDirectory(candidate);
                } catch (FileAlreadyExistsException taken) {
                    // another name, next round
                }
            }
        }
        throw new IOException("no free name for a temporary folder beside " + target);
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
