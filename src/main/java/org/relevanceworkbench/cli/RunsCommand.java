package org.relevanceworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "runs", description = "Ranked runs.", subcommands = RunsCommand.Import.class)
final class RunsCommand {
    @ParentCommand
    Cli parent;

    @Command(name = "import", description = {
        "Import runs, one run per file. Formats: trec (topic Q0 docno rank score tag),",
        "top-ranked (FollowIR top_ranked.jsonl: qid, pid). The run is named --name, else its tag, else the file."})
    static final class Import extends WorkspaceCommand {
        @ParentCommand
        RunsCommand parent;

        @Option(names = "--collection", paramLabel = "NAME",
                description = "the collection (default: the workspace's only one)")
        String collection;

        @Option(names = "--name", paramLabel = "NAME", description = "the run's name")
        String name;

        @Option(names = "--replace", description = "replace a run of the same name")
        boolean replace;

        @Option(names = "--variant", paramLabel = "NAME", description = "variant of lines that name none")
        String variant;

        @Mixin
        ImportSupport support;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        protected Cli root() {
            return parent.parent;
        }

        @Override
        protected int run(Database db) {
            ConsoleProgress progress = ConsoleProgress.forTerminal(err());
            ImportService service = new ImportService(db);
            return ImportSupport.runAndReport("run lines", out(), err(), progress, cancel -> service.importRuns(
                    collection, ImportSupport.sources(files),
                    support.options(RecordKind.RUNS).withVariant(variant).withRunName(name, replace), progress, cancel));
        }
    }
}
