package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.Locale;
import org.relevanceworkbench.corpus.ImportProgress;

/** How the window words an import and an index build in progress: the same at first start and for any import. */
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

    /** How far an index build is, 0 to 1 (an empty one is done). */
    static double fraction(long indexed, long total) {
        return total == 0 ? 1 : (double) indexed / total;
    }
}
