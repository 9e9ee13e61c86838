package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;

/**
 * What a command that reads BM25 does first: an import may have left documents unindexed (a cancelled or crashed
 * index build), and BM25 over part of a collection would answer without saying so.
 */
final class Bm25IndexFirst {
    private Bm25IndexFirst() {
    }

    /** Indexes the collection's pending documents, with progress on {@code err} and Ctrl-C as cancel. */
    static Collection finish(Database db, String collectionName, PrintWriter err) {
        Collection target = db.read(c -> new CollectionDao(c).require(collectionName));
        FtsIndexer indexer = new FtsIndexer(db);
        if (!indexer.isComplete(target)) {
            ConsoleProgress progress = ConsoleProgress.forTerminal(err);
            err.println("note: finishing the BM25 index of '" + target.name() + "' first");
            CancellationToken cancel = new CancellationToken();
            ImportSupport.withInterruptAsCancel(cancel, () -> indexer.indexPending(target, progress, cancel));
            progress.clear();
        }
        return target;
    }
}
