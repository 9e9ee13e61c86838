package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportProgress;
import org.relevanceworkbench.corpus.ImportReport;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.FormatDetector;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Database;

/**
 * Imports from the window (a File menu item or files dropped on it): one background task at a time through the
 * {@link ImportService} the commands use, with progress, records/s and Cancel, then the report in the commands' words.
 */
public final class ImportViewModel {
    private final Database db;
    private final TaskExecutor tasks;
    private final Runnable imported;
    private final Consumer<Throwable> failures;
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<ImportReport> report = new SimpleObjectProperty<>();
    private CancellationToken cancel = new CancellationToken();

    /** {@code imported} runs after every import, finished or not (the workspace lists refresh). */
    public ImportViewModel(Database db, TaskExecutor tasks, Runnable imported, Consumer<Throwable> failures) {
        this.db = db;
        this.tasks = tasks;
        this.imported = imported;
        this.failures = failures;
    }

    /**
     * Imports files of one kind into a collection (created for documents; for the others, the
     * collection must exist), in the background with progress and Cancel, then shows the report.
     */
    public void importFiles(RecordKind kind, List<Path> files, String collectionName) {
        importGroups(Map.of(kind, files), collectionName);
    }

    /**
     * Imports files dropped on the window into one collection: grouped by what each seems to hold
     * (from its name), documents first so topics, qrels and runs find them, in one task with one report.
     */
    public void importDropped(List<Path> files, String collectionName) {
        Map<RecordKind, List<Path>> byKind = new EnumMap<>(RecordKind.class);
        for (Path file : files) {
            byKind.computeIfAbsent(FormatDetector.guessKind(file), k -> new ArrayList<>()).add(file);
        }
        importGroups(byKind, collectionName);
    }

    /** Whether a drop of {@code files} brings documents, for which the collection is asked (a new name creates it). */
    public static boolean bringsDocuments(List<Path> files) {
        return files.stream().anyMatch(f -> FormatDetector.guessKind(f) == RecordKind.DOCUMENTS);
    }

    public void cancel() {
        cancel.cancel();
    }

    private void importGroups(Map<RecordKind, List<Path>> groups, String collectionName) {
        if (importing.get() || groups.values().stream().allMatch(List::isEmpty)) {
            return;
        }
        Map<RecordKind, List<Path>> ordered = new EnumMap<>(groups); // documents first: RecordKind's order
        importing.set(true);
        progress.set(0);
        cancel = new CancellationToken();
        CancellationToken token = cancel;
        tasks.run(() -> {
            ImportService service = new ImportService(db);
            List<ImportReport> reports = new ArrayList<>();
            for (Map.Entry<RecordKind, List<Path>> group : ordered.entrySet()) {
                RecordKind kind = group.getKey();
                List<SourceFile> sources = group.getValue().stream().map(SourceFile::of).toList();
                reports.add(ImportReport.of(kind.label(), service.importFiles(kind, collectionName, sources,
                        ImportOptions.defaults(), ProgressText.importListener(tasks, progress, status),
                        ProgressText.indexListener(tasks, progress, status), token), ""));
            }
            return ImportReport.combine(reports);
        }, done -> {
            importing.set(false);
            status.set(done.summary().lines().reduce((a, b) -> b).orElse(""));
            report.set(done);
            imported.run();
        }, failure -> {
            importing.set(false);
            status.set(failure instanceof CancelledException ? "Import cancelled" : "Import failed");
            imported.run();
            if (!(failure instanceof CancelledException)) {
                failures.accept(failure);
            }
        });
    }

    public BooleanProperty importingProperty() {
        return importing;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** The last finished import's report, for the view's dialog. */
    public ObjectProperty<ImportReport> reportProperty() {
        return report;
    }
}
