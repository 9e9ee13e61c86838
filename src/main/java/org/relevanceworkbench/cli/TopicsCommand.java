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

@Command(name = "topics", description = "Topics with their instruction variants.",
        subcommands = TopicsCommand.Import.class)
final class TopicsCommand {
    @ParentCommand
    Cli parent;

    @Command(name = "import", description = {
        "Import topics. Formats: trec (<top> with <narr>), trec-xml (<topic number=…>), jsonl (FollowIR",
        "queries.jsonl with instruction_og/instruction_changed, BEIR/ir_datasets queries, MTEB queries and",
        "instruction files). A narrative becomes the 'og' instruction; FollowIR files give 'og' and 'changed'."})
    static final class Import extends WorkspaceCommand {
        @ParentCommand
        TopicsCommand parent;

        @Option(names = "--collection", paramLabel = "NAME",
                description = "the collection (default: the workspace's only one)")
        String collection;

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
            return ImportSupport.runAndReport("topics", out(), err(), progress, cancel -> service.importTopics(
                    collection, ImportSupport.sources(files), support.options(RecordKind.TOPICS), progress, cancel));
        }
    }
}
