package org.relevanceworkbench.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.Problem;
import org.relevanceworkbench.formats.ProblemKind;
import org.relevanceworkbench.formats.RecordSink;
import org.relevanceworkbench.formats.SourceFile;

/**
 * Between a reader and a {@link StoreTarget}: counts, keeps the first skipped-record messages,
 * reports progress a few times a second, stops on cancel, and turns the first problem into a
 * rollback under --strict.
 */
final class ReportingSink<R> implements RecordSink<R> {
    private static final long REPORT_EVERY_NANOS = 100_000_000L;

    private final StoreTarget<R> target;
    private final SourceFile source;
    private final ImportOptions options;
    private final ImportListener listener;
    private final CancellationToken cancel;
    private final long started = System.nanoTime();
    private long lastReport = started;
    private long imported;
    private long skipped;
    private final Map<ProblemKind, Long> skippedByKind = new EnumMap<>(ProblemKind.class);
    private final List<Problem> problems = new ArrayList<>();

    ReportingSink(StoreTarget<R> target, SourceFile source, ImportOptions options, ImportListener listener,
            CancellationToken cancel) {
        this.target = target;
        this.source = source;
        this.options = options;
        this.listener = listener;
        this.cancel = cancel;
    }

    @Override
    public void accept(R record) throws Exception {
        cancel.throwIfCancelled();
        imported++; // taken back if the target refuses it
        target.store(record, this::refused);
        maybeReport();
    }

    private void refused(Problem problem) {
        imported--;
        record(problem);
    }

    /** A problem the reader found: the records before it that the target still holds are stored (or refused) first. */
    @Override
    public void problem(Problem problem) {
        flushTarget();
        record(problem);
    }

    /** Stores what the target still holds; call before the file's report. */
    void finish() {
        flushTarget();
    }

    private void flushTarget() {
        try {
            target.flush(this::refused);
        } catch (Exception e) {
            throw ReportingSink.<RuntimeException>sneaky(e); // as thrown: a full disk must still read as one
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private void record(Problem problem) {
        cancel.throwIfCancelled();
        if (options.strict()) {
            throw new StrictModeViolation(problem);
        }
        skipped++;
        skippedByKind.merge(problem.kind(), 1L, Long::sum);
        if (problems.size() < options.keptProblems()) {
            problems.add(problem);
        }
        maybeReport();
    }

    private void maybeReport() {
        long now = System.nanoTime();
        if (now - lastReport >= REPORT_EVERY_NANOS) {
            lastReport = now;
            reportProgress();
        }
    }

    void reportProgress() {
        listener.progress(new ImportProgress(source.name(), source.bytesRead(), source.size(), imported, skipped,
                System.nanoTime() - started));
    }

    FileReport report(Format format) {
        return new FileReport(source.name(), format, imported, skipped, java.util.Collections.unmodifiableMap(new EnumMap<>(skippedByKind)),
                List.copyOf(problems), null, null);
    }
}
