package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportProgress;

/**
 * How the window shows an import and an index build in progress, the same at first start (the sample corpora) and
 * for any import: a fraction for a progress bar and a line of text, set on the FX thread.
 */
final class ProgressText {
    private ProgressText() {
    }

    /** "Importing corpus.jsonl: 12,000 records, 15,230 records/s". */
    static String importing(ImportProgress p) {
        return String.format(Locale.US, "Importing %s: %,d records, %,.0f records/s", Path.of(p.file()).getFileName(),
                p.records(), p.recordsPerSecond());
    }

    /** "Indexing trec-mini: 100 / 216 documents". */
    static String indexing(String collection, long indexed, long total) {
        return String.format(Locale.US, "Indexing %s: %,d / %,d documents", collection, indexed, total);
    }

    /** An import's progress, heard on its thread, shown in {@code fraction} and {@code text}. */
    static ImportListener importListener(TaskExecutor tasks, DoubleProperty fraction, StringProperty text) {
        return new ImportListener() {
            @Override
            public void progress(ImportProgress p) {
                tasks.onUi(() -> {
                    fraction.set(p.fraction());
                    text.set(importing(p));
                });
            }
        };
    }

    /** An index build's progress, heard on its thread, shown in {@code fraction} and {@code text}. */
    static FtsIndexer.Listener indexListener(TaskExecutor tasks, DoubleProperty fraction, StringProperty text) {
        return (collection, indexed, total) -> tasks.onUi(() -> {
            fraction.set(total == 0 ? 1 : (double) indexed / total); // an empty index is built
            text.set(indexing(collection, indexed, total));
        });
    }
}
