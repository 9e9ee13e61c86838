package org.relevanceworkbench.cli;

import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "runs", description = "Ranked runs.", subcommands = RunsCommand.Import.class)
final class RunsCommand {
    @Command(name = "import", description = {
        "Import runs, one run per file. Formats: trec (topic Q0 docno rank score tag),",
        "top-ranked (FollowIR top_ranked.jsonl: qid, pid). The run is named --name, else its tag, else the file."})
    static final class Import extends FileImportCommand {
        @Option(names = "--name", paramLabel = "NAME", description = "the run's name")
        String name;

        @Option(names = "--replace", description = "replace a run of the same name")
        boolean replace;

        @Option(names = "--variant", paramLabel = "NAME", description = "variant of lines that name none")
        String variant;

        @Override
        protected String what() {
            return "run lines";
        }

        @Override
        protected RecordKind kind() {
            return RecordKind.RUNS;
        }

        @Override
        protected ImportOptions options(ImportOptions shared) {
            return shared.withVariant(variant).withRunName(name, replace);
        }

        @Override
        protected ImportResult importFiles(ImportService service, String collection, List<SourceFile> sources,
                ImportOptions options, ImportListener listener, CancellationToken cancel) {
            return service.importRuns(collection, sources, options, listener, cancel);
        }
    }
}
