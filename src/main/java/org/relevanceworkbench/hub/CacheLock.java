package org.relevanceworkbench.hub;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;

/**
 * The lock file {@code huggingface_hub} takes while it writes a blob ({@code .locks/models--ORG--NAME/<etag>.lock} in
 * the cache, {@code .cache/huggingface/download/<file>.lock} in a plain folder), taken the way its {@code filelock}
 * takes it, so that this app and Python tools exclude each other: {@code flock(LOCK_EX | LOCK_NB)} on Linux and
 * macOS (through JNA, which DJL already brings; Java's own {@link FileChannel#tryLock} is an {@code fcntl} lock, which
 * Linux keeps apart from {@code flock}), and Java's lock on Windows, where both are {@code LockFileEx} byte-range
 * locks. A file system without {@code flock} falls back to Java's lock. The lock file stays after release, as
 * huggingface_hub leaves it.
 */
final class CacheLock implements AutoCloseable {
    private final Path file;
    private final int fd; // -1: held through channel
    private final FileChannel channel;
    private final FileLock lock;

    private CacheLock(Path file, int fd, FileChannel channel, FileLock lock) {
        this.file = file;
        this.fd = fd;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, or refuses with one line naming who holds it. */
    static CacheLock acquire(Path file, String what) {
        try {
            return tryAcquire(file).orElseThrow(() -> new UserException("another program is writing " + what
                    + " (its lock " + file + " is held): let it finish, then run this again"));
        } catch (IOException e) {
            throw new UserException("cannot create the lock file " + file + ": " + HubClient.reason(e), e);
        }
    }

    /** The lock if it is free now; empty if another process (or another download here) holds it. */
    static Optional<CacheLock> tryAcquire(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (Posix.LIBC != null) {
            int fd = Posix.LIBC.open(file.toAbsolutePath().toString(), Posix.O_RDWR | Posix.O_CREAT, 0664);
            if (fd >= 0) {
                if (Posix.LIBC.flock(fd, Posix.LOCK_EX | Posix.LOCK_NB) == 0) {
                    return Optional.of(new CacheLock(file, fd, null, null));
                }
                int errno = Native.getLastError();
                Posix.LIBC.close(fd);
                if (errno == Posix.EWOULDBLOCK) {
                    return Optional.empty();
                }
                // no flock on this file system (ENOLCK, EOPNOTSUPP): Java's lock below
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new CacheLock(file, -1, channel, lock));
        } catch (OverlappingFileLockException e) {
            channel.close();
            return Optional.empty();
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        if (fd >= 0) {
            Posix.LIBC.flock(fd, Posix.LOCK_UN);
            Posix.LIBC.close(fd);
            return;
        }
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // as huggingface_hub's WeakFileLock: a failed release is not an error
        }
    }

    /** The three libc calls, where there is a libc with flock (Linux, macOS); null elsewhere or without JNA. */
    static final class Posix {
        static final boolean MAC = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        static final int O_RDWR = 2;
        static final int O_CREAT = MAC ? 0x200 : 0x40;
        static final int LOCK_EX = 2;
        static final int LOCK_NB = 4;
        static final int LOCK_UN = 8;
        static final int EWOULDBLOCK = MAC ? 35 : 11;
        static final LibC LIBC = load();

        /** {@code open} is variadic in C; a Java varargs parameter makes JNA call it as such. */
        public interface LibC extends Library {
            int open(String path, int flags, Object... mode);

            int flock(int fd, int operation);

            int close(int fd);
        }

        private static LibC load() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!(os.contains("linux") || MAC)) {
                return null;
            }
            try {
                return Native.load("c", LibC.class);
            } catch (LinkageError | RuntimeException e) {
                return null;
            }
        }

        private Posix() {
        }
    }
}
