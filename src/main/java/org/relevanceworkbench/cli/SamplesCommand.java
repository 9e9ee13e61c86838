package org.relevanceworkbench.cli;

import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;

@Command(name = "samples", description = {"Import the bundled sample corpora (james-cameron, trec-mini).",
    "Only those the workspace does not have yet; the window does this on its first start."})
final class SamplesCommand extends WorkspaceCommand {
    @Override
    protected int run(Database db) {
        ConsoleProgress progress = ConsoleProgress.forTerminal(err());
        CancellationToken cancel = new CancellationToken();
        boolean failed = false;
        for (SampleCorpora.Loaded loaded : ImportSupport.withInterruptAsCancel(cancel,
                () -> new SampleCorpora(db).loadMissing(progress, progress, cancel))) {
            progress.clear();
            if (loaded.alreadyPresent()) {
                out().println("collection '" + loaded.collection() + "' is already in the workspace");
                continue;
            }
            String[] what = {"documents", "topics", "qrels"};
            for (int i = 0; i < loaded.results().size(); i++) {
                ImportResult result = loaded.results().get(i);
                ImportSupport.print(what[i], result, out(), err());
                failed |= result.failed();
            }
        }
        return failed ? Cli.FAILED : Cli.OK;
    }
}
