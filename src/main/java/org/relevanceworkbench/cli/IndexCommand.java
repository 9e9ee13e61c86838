package org.relevanceworkbench.cli;

import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "index", description = {"Build whatever part of the BM25 indexes is missing.",
    "After import --no-wait, or a build that was interrupted."})
final class IndexCommand extends WorkspaceCommand {
    @Option(names = "--collection", paramLabel = "NAME", description = "only this collection")
    String collection;

    @Override
    protected int run(Database db) {
        List<Collection> targets = collections(db, collection);
        ConsoleProgress progress = ConsoleProgress.forTerminal(err());
        FtsIndexer indexer = new FtsIndexer(db);
        CancellationToken cancel = new CancellationToken();
        for (Collection target : targets) {
            long added = ImportSupport.withInterruptAsCancel(cancel, () -> indexer.indexPending(target, progress, cancel));
            progress.clear();
            out().println("collection '" + target.name() + "': " + added + " documents added to the BM25 index");
        }
        return Cli.OK;
    }
}
