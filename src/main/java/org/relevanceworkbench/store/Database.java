package org.relevanceworkbench.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.relevanceworkbench.common.UserException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One workspace: a SQLite file in WAL mode with foreign keys and a busy timeout.
 *
 * <p>Every write goes through one writer thread that owns one connection, so writes never race
 * each other inside this process and never run on the FX thread; {@link #write} runs its work in
 * one IMMEDIATE transaction and rolls it back on any exception. Reads use a small pool of
 * query-only connections, which WAL lets run beside the writer.
 */
public final class Database implements AutoCloseable {
    /** "RWB1": marks a SQLite file as ours, so we never migrate somebody else's database. */
    static final int APPLICATION_ID = 0x52574231;
    private static final int READERS = 4;
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final Connection writer;
    private final ExecutorService writerExecutor;
    private volatile Thread writerThread;
    private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
    private final List<Connection> allReaders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private Database(Path file, Connection writer) {
        this.file = file;
        this.writer = writer;
        this.writerExecutor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sqlite-writer");
            thread.setDaemon(true);
            writerThread = thread;
            return thread;
        });
    }

    /** Opens (creating if absent) a workspace and brings its schema to this app's version. */
    public static Database open(Path file) {
        return open(file, Migrations.ALL);
    }

    static Database open(Path file, List<Migration> migrations) {
        SqliteNative.prepare();
        Path absolute = file.toAbsolutePath();
        try {
            Path parent = absolute.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new UserException("cannot create the folder of " + file + ": " + e.getMessage(), e);
        }
        if (Files.isDirectory(absolute)) {
            throw new UserException(file + " is a folder, not a workspace database file");
        }
        Connection writer = null;
        try {
            writer = connect(absolute, false);
            new SchemaUpgrader(absolute, writer, migrations).upgrade();
            return new Database(absolute, writer);
        } catch (SQLException e) {
            closeQuietly(writer);
            throw describe(file, e);
        } catch (RuntimeException e) {
            closeQuietly(writer);
            throw e;
        }
    }

    static UserException describe(Path file, SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            if (code == SQLiteErrorCode.SQLITE_NOTADB) {
                return new UserException(file + " is not a SQLite database", e);
            }
            if (code == SQLiteErrorCode.SQLITE_CANTOPEN) {
                return new UserException("cannot open " + file + " (check that its folder is writable)", e);
            }
            if (code == SQLiteErrorCode.SQLITE_READONLY) {
                return new UserException(file + " is read-only", e);
            }
        }
        return new UserException("cannot open " + file + ": " + e.getMessage(), e);
    }

    private static Connection connect(Path file, boolean queryOnly) throws SQLException {
        Properties props = new Properties();
        props.setProperty("journal_mode", "WAL");
        props.setProperty("synchronous", "NORMAL");
        props.setProperty("foreign_keys", "true");
        props.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        props.setProperty("temp_store", "MEMORY");
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, props);
        try (Statement st = connection.createStatement()) {
            // The WAL pragma is applied lazily by some drivers; state it so the file is WAL at once.
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("PRAGMA cache_size=-65536"); // 64 MiB of page cache: FTS5 builds need it
            if (queryOnly) {
                st.execute("PRAGMA query_only=1");
            }
        }
        return connection;
    }

    public Path file() {
        return file;
    }

    /** Runs {@code work} in one write transaction on the writer thread and waits for it. */
    public <T> T write(SqlWork<T> work) {
        if (Thread.currentThread() == writerThread) {
            return runOnWriter(work); // nested: already inside the writer's transaction
        }
        return await(submitWrite(work));
    }

    /** Queues {@code work} for the writer thread; it runs in one transaction. */
    public <T> CompletableFuture<T> submitWrite(SqlWork<T> work) {
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> runInTransaction(work), writerExecutor);
    }

    /**
     * Queues optional {@code work}, a cache the app does without: it runs as {@link #submitWrite} runs work, but when
     * another process holds the workspace's write lock it gives up at once (its future fails) instead of waiting up
     * to the busy timeout, so that a search never makes its command wait to exit.
     */
    public <T> CompletableFuture<T> submitOptionalWrite(SqlWork<T> work) {
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> {
            busyTimeout(0);
            try {
                return runInTransaction(work);
            } finally {
                busyTimeout(BUSY_TIMEOUT_MS);
            }
        }, writerExecutor);
    }

    private void busyTimeout(int millis) {
        try (Statement st = writer.createStatement()) {
            st.execute("PRAGMA busy_timeout = " + millis);
        } catch (SQLException e) {
            throw sneaky(e);
        }
    }

    /**
     * The writer stays in auto-commit mode between transactions and begins each one itself:
     * the driver's own transactions (auto-commit off) would begin the next one at every commit
     * and so hold the write lock forever, locking every other process out of the workspace.
     * IMMEDIATE takes the write lock at BEGIN, so two processes wait for each other (busy
     * timeout) instead of failing at their first write.
     */
    private <T> T runInTransaction(SqlWork<T> work) {
        try (Statement st = writer.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run(writer);
                st.execute("COMMIT");
                return result;
            } catch (Throwable failure) {
                rollback(st, failure); // also when COMMIT itself failed (disk full, I/O error)
                throw failure;
            }
        } catch (Throwable failure) {
            throw sneaky(failure);
        }
    }

    private static void rollback(Statement st, Throwable failure) {
        try {
            st.execute("ROLLBACK");
        } catch (SQLException alreadyRolledBack) {
            // SQLite rolls some failures back by itself (SQLITE_FULL); then there is nothing left to undo
            if (!String.valueOf(alreadyRolledBack.getMessage()).contains("no transaction is active")) {
                failure.addSuppressed(alreadyRolledBack);
            }
        }
    }

    private <T> T runOnWriter(SqlWork<T> work) {
        try {
            return work.run(writer);
        } catch (Exception e) {
            throw sneaky(e);
        }
    }

    /** Runs read-only {@code work} on a pooled query-only connection, on the calling thread. */
    public <T> T read(SqlWork<T> work) {
        ensureOpen();
        if (Thread.currentThread() == writerThread) {
            return runOnWriter(work); // sees the writer's own uncommitted rows, as it should
        }
        Connection connection = borrowReader();
        try {
            return work.run(connection);
        } catch (Exception e) {
            throw sneaky(e);
        } finally {
            if (!idleReaders.offer(connection)) {
                closeQuietly(connection);
            }
        }
    }

    private Connection borrowReader() {
        Connection connection = idleReaders.poll();
        if (connection != null) {
            return connection;
        }
        try {
            Connection fresh = connect(file, true);
            allReaders.add(fresh);
            return fresh;
        } catch (SQLException e) {
            throw describe(file, e);
        }
    }

    /** Waits for a queued write and rethrows its failure as it was thrown. */
    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.relevanceworkbench.common.CancelledException();
        } catch (ExecutionException e) {
            throw sneaky(unwrap(e.getCause()));
        }
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static RuntimeException sneaky(Throwable t) {
        Database.<RuntimeException>throwUnchecked(t);
        return new IllegalStateException("unreachable");
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
        throw (E) t;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("database " + file + " is closed");
        }
    }

    /** The schema version stored in the file. */
    public int schemaVersion() {
        return read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                return rs.getInt(1);
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writerExecutor.shutdown();
        try {
            writerExecutor.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Connection reader : allReaders) {
            closeQuietly(reader);
        }
        try (Statement st = writer.createStatement()) {
            st.execute("PRAGMA optimize");
        } catch (SQLException ignored) {
            // best effort: closing must not fail because statistics could not be refreshed
        }
        closeQuietly(writer);
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing useful to do while closing
        }
    }
}
