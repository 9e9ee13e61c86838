package org.relevanceworkbench.corpus;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.RecordSink;

/**
 * Hands one file's records from the thread that parses and validates them to the writer thread that stores them,
 * in batches through a bounded queue: the two run at once (two cores: parsing no longer waits for SQLite and SQLite no
 * longer waits for parsing), and the records in flight never exceed {@code capacity × batch}, whatever the file's
 * size. Records and skipped-record problems travel in one stream, so the writer sees them in file order, exactly as
 * when one thread did both. The reader's failure (an I/O error, a truncated gzip) travels the same way and is rethrown
 * on the writer, inside the file's transaction, which then rolls back; a writer that stops (cancel, --strict, a full
 * disk) abandons the pipe and the reader's next hand-over throws.
 */
final class RecordPipe<R> {
    /** Measured (bench store): larger batches gain nothing; 8 in flight keep the writer fed. */
    static final int BATCH = 256;
    static final int CAPACITY = 8;
    private static final Object END = new Object();

    /** A problem the reader found, in the stream where a record would be. */
    private record Skipped(Problem problem) {
    }

    /** The reader's failure, last in the stream. */
    private record Failed(Throwable failure) {
    }

    private final BlockingQueue<Object[]> queue;
    private final int batchSize;
    private volatile boolean abandoned;
    private Object[] batch;
    private int size;

    RecordPipe() {
        this(CAPACITY, BATCH);
    }

    RecordPipe(int capacity, int batchSize) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.batch = new Object[batchSize];
    }

    /** What the reader writes to, on the reading thread. */
    RecordSink<R> sink() {
        return new RecordSink<>() {
            @Override
            public void accept(R record) {
                add(record);
            }

            @Override
            public void problem(Problem problem) {
                add(new Skipped(problem));
            }
        };
    }

    private void add(Object item) {
        batch[size++] = item;
        if (size == batchSize) {
            flush();
        }
    }

    private void flush() {
        if (size == 0) {
            return;
        }
        Object[] full = size == batch.length ? batch : java.util.Arrays.copyOf(batch, size);
        put(full);
        batch = new Object[batchSize];
        size = 0;
    }

    private void put(Object[] items) {
        try {
            while (!queue.offer(items, 50, TimeUnit.MILLISECONDS)) {
                if (abandoned) {
                    throw new Abandoned();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
        if (abandoned) {
            throw new Abandoned();
        }
    }

    /** The reader is done: everything it read is in the pipe. */
    void end() {
        add(END);
        flush();
    }

    /** The reader failed: the writer rethrows {@code failure} after the records before it. */
    void fail(Throwable failure) {
        if (abandoned) {
            return;
        }
        try {
            add(new Failed(failure));
            flush();
        } catch (Abandoned alreadyStopped) {
            // the writer stopped first; its own failure is the file's
        }
    }

    /** On the writer: stops the reader at its next hand-over. */
    void abandon() {
        abandoned = true;
        queue.clear();
    }

    /** On the writer: hands every record and problem to {@code sink}, in file order, until the reader is done. */
    @SuppressWarnings("unchecked")
    void drainInto(RecordSink<R> sink) throws Exception {
        while (true) {
            Object[] items;
            try {
                items = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            }
            for (Object item : items) {
                if (item == END) {
                    return;
                }
                if (item instanceof Skipped skipped) {
                    sink.problem(skipped.problem());
                } else if (item instanceof Failed failed) {
                    throw rethrow(failed.failure());
                } else {
                    sink.accept((R) item);
                }
            }
        }
    }

    private static Exception rethrow(Throwable failure) {
        if (failure instanceof Exception e) {
            return e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new RuntimeException(failure);
    }

    /** Thrown on the reading thread once the writer has stopped. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the writer stopped", null, false, false);
        }
    }
}
