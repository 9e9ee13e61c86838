package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.relevanceworkbench.corpus.FileReport;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportProgress;

/**
 * Progress on the terminal: a line rewritten in place while a file imports or an index builds,
 * only when stderr is a terminal, so that logs and tests get the summaries alone.
 */
final class ConsoleProgress implements ImportListener, FtsIndexer.Listener {
    private final PrintWriter err;
    private final boolean live;
    private long lastIndexPrint;
    private boolean lineOpen;

    ConsoleProgress(PrintWriter err, boolean live) {
        this.err = err;
        this.live = live;
    }

    static ConsoleProgress forTerminal(PrintWriter err) {
        return new ConsoleProgress(err, System.console() != null);
    }

    @Override
    public void progress(ImportProgress p) {
        if (!live) {
            return;
        }
        String fraction = p.fraction() >= 0 ? String.format(Locale.US, "%3.0f%% ", 100 * p.fraction()) : "";
        show(String.format(Locale.US, "%s: %s%,d records, %,d skipped, %,.0f records/s", p.file(), fraction,
                p.records(), p.skipped(), p.recordsPerSecond()));
    }

    @Override
    public void fileDone(FileReport report) {
        clear();
    }

    @Override
    public void progress(String collection, long indexed, long total) {
        if (!live) {
            return;
        }
        long now = System.nanoTime();
        if (indexed < total && now - lastIndexPrint < 100_000_000L) {
            return;
        }
        lastIndexPrint = now;
        show(String.format(Locale.US, "BM25 index of '%s': %,d / %,d documents", collection, indexed, total));
        if (indexed >= total) {
            clear();
        }
    }

    private void show(String line) {
        err.print("\r\033[K" + line);
        err.flush();
        lineOpen = true;
    }

    void clear() {
        if (lineOpen) {
            err.print("\r\033[K");
            err.flush();
            lineOpen = false;
        }
    }
}
