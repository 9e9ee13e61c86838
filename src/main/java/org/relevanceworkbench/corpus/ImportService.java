package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.formats.FormatDetector;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionName;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.QrelDao;

/**
 * Imports files into a workspace. Each file is one transaction on the writer thread: its valid
 * records are stored and its bad ones reported, or, on a fatal problem (unreadable file,
 * truncated gzip, cancel, full disk, a bad record under --strict), nothing from it is stored.
 * Files before it stay imported. The BM25 index is built afterwards by {@link FtsIndexer}.
 */
public final class ImportService {
    private final Database db;

    public ImportService(Database db) {
        this.db = db;
    }

    @FunctionalInterface
    private interface TargetFactory<R> {
        StoreTarget<R> open(Connection connection, Collection collection, SourceFile source) throws Exception;
    }

    public ImportResult importDocuments(String collection, List<SourceFile> files, ImportOptions options,
            ImportListener listener, CancellationToken cancel) {
        Collection target = db.write(c -> new CollectionDao(c).getOrCreate(collection));
        return importAll(RecordKind.DOCUMENTS, target, files, options, listener, cancel,
                (c, col, src) -> new DocumentTarget(c, col));
    }

    /** Topics; files that only add instructions to topics (MTEB's instruction.jsonl) go last. */
    public ImportResult importTopics(String collection, List<SourceFile> files, ImportOptions options,
            ImportListener listener, CancellationToken cancel) {
        Collection target = resolveCollection(collection);
        List<SourceFile> ordered = new ArrayList<>();
        List<SourceFile> instructionsOnly = new ArrayList<>();
        for (SourceFile file : files) {
            (isInstructionsOnly(file) ? instructionsOnly : ordered).add(file);
        }
        ordered.addAll(instructionsOnly);
        return importAll(RecordKind.TOPICS, target, ordered, options, listener, cancel,
                (c, col, src) -> new TopicTarget(c, col));
    }

    public ImportResult importQrels(String collection, List<SourceFile> files, ImportOptions options,
            ImportListener listener, CancellationToken cancel) {
        Collection target = resolveCollection(collection);
        String source = options.qrelsSource() == null ? QrelDao.IMPORTED : options.qrelsSource();
        return importAll(RecordKind.QRELS, target, files, options, listener, cancel,
                (c, col, src) -> new QrelTarget(c, col, source, new VariantResolver(options.variant(), src)));
    }

    public ImportResult importRuns(String collection, List<SourceFile> files, ImportOptions options,
            ImportListener listener, CancellationToken cancel) {
        if (files.size() > 1 && options.runName() != null) {
            throw new UserException("--name names one run: import one run file at a time with it");
        }
        Collection target = resolveCollection(collection);
        return importAll(RecordKind.RUNS, target, files, options, listener, cancel,
                (c, col, src) -> new RunTarget(c, col, src, options, new VariantResolver(options.variant(), src)));
    }

    /**
     * Imports files of one kind; documents then get their BM25 index built, as {@code import} does
     * unless told --no-wait. The window imports through here; the commands call the per-kind methods.
     */
    public ImportResult importFiles(RecordKind kind, String collection, List<SourceFile> files, ImportOptions options,
            ImportListener listener, FtsIndexer.Listener indexing, CancellationToken cancel) {
        ImportResult result = switch (kind) {
            case DOCUMENTS -> importDocuments(collection, files, options, listener, cancel);
            case TOPICS -> importTopics(collection, files, options, listener, cancel);
            case QRELS -> importQrels(collection, files, options, listener, cancel);
            case RUNS -> importRuns(collection, files, options, listener, cancel);
        };
        if (kind == RecordKind.DOCUMENTS && result.imported() > 0) {
            Collection stored = db.read(c -> new CollectionDao(c).require(collection));
            new FtsIndexer(db).indexPending(stored, indexing, cancel);
        }
        return result;
    }

    /**
     * The collection that topics, qrels and runs go to: the named one (created if new), or the
     * workspace's only collection when no name is given.
     */
    public Collection resolveCollection(String name) {
        if (!CollectionName.normalize(name).isEmpty()) {
            return db.write(c -> new CollectionDao(c).getOrCreate(name));
        }
        List<Collection> all = db.read(c -> new CollectionDao(c).all());
        if (all.size() == 1) {
            return all.get(0);
        }
        throw new UserException(all.isEmpty()
                ? "the workspace has no collection yet: import documents first or name one with --collection"
                : "the workspace has several collections (" + String.join(", ",
                        all.stream().map(Collection::name).toList()) + "): name one with --collection");
    }

    private static boolean isInstructionsOnly(SourceFile file) {
        try {
            return !file.isDirectory() && FormatDetector.isInstructionsOnly(file);
        } catch (java.io.IOException e) {
            return false; // the import itself will report the unreadable file
        }
    }

    private <R> ImportResult importAll(RecordKind kind, Collection collection, List<SourceFile> files,
            ImportOptions options, ImportListener listener, CancellationToken cancel, TargetFactory<R> factory) {
        List<FileReport> reports = new ArrayList<>();
        for (SourceFile file : files) {
            FileReport report = importFile(kind, collection, file, options, listener, cancel, factory);
            reports.add(report);
            listener.fileDone(report);
            if (cancel.isCancelled()) {
                break;
            }
        }
        return new ImportResult(List.copyOf(reports));
    }

    private <R> FileReport importFile(RecordKind kind, Collection collection, SourceFile file, ImportOptions options,
            ImportListener listener, CancellationToken cancel, TargetFactory<R> factory) {
        Format format = options.format();
        SourceFile source = file;
        try {
            if (format == null) {
                FormatDetector.Detected detected = FormatDetector.detect(kind, file);
                format = detected.format();
                source = detected.source();
            } else if (format.kind() != kind) {
                throw new UserException(format.cliName() + " is not a " + kind.label() + " format");
            }
            Format chosen = format;
            SourceFile chosenSource = source;
            RecordPipe<R> pipe = new RecordPipe<>();
            // The writer stores while this thread parses and validates (see RecordPipe); one transaction per file.
            java.util.concurrent.CompletableFuture<FileReport> written = db.submitWrite(c -> {
                try (StoreTarget<R> target = factory.open(c, collection, chosenSource)) {
                    ReportingSink<R> sink = new ReportingSink<>(target, chosenSource, options, listener, cancel);
                    pipe.drainInto(sink);
                    sink.finish();
                    target.finish();
                    sink.reportProgress();
                    return sink.report(chosen);
                } catch (Throwable failure) {
                    pipe.abandon();
                    throw failure;
                }
            });
            try {
                chosen.<R>newReader().read(chosenSource, pipe.sink());
                pipe.end();
            } catch (RecordPipe.Abandoned writerStopped) {
                // the writer's failure is the file's: await it below
            } catch (Throwable readFailure) {
                pipe.fail(readFailure);
            }
            return Database.await(written);
        } catch (CancelledException e) {
            cancel.cancel();
            return fatal(source, format, e);
        } catch (Exception e) {
            return fatal(source, format, e);
        }
    }

    private static FileReport fatal(SourceFile source, Format format, Throwable failure) {
        return new FileReport(source.name(), format, 0, 0, Map.of(), List.of(),
                FatalErrors.describe(source.name(), failure), failure);
    }
}
