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

@Command(name = "qrels", description = "Relevance judgments (qrels).", subcommands = QrelsCommand.Import.class)
final class QrelsCommand {
    @ParentCommand
    Cli parent;

    @Command(name = "import", description = {
        "Import qrels. Formats: trec (topic iteration docno grade), beir-tsv (query-id corpus-id score).",
        "The variant of a line: its query id's -og/-changed suffix, else --variant, else og/changed in the",
        "file's path (qrels_changed/test.tsv), else og."})
    static final class Import extends WorkspaceCommand {
        @ParentCommand
        QrelsCommand parent;

        @Option(names = "--collection", paramLabel = "NAME",
                description = "the collection (default: the workspace's only one)")
        String collection;

        @Option(names = "--variant", paramLabel = "NAME", description = "variant of lines that name none")
        String variant;

        @Option(names = "--source", paramLabel = "NAME", description = "name of this qrels set (default: imported)")
        String source;

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
            return ImportSupport.runAndReport("qrels", out(), err(), progress, cancel -> service.importQrels(
                    collection, ImportSupport.sources(files),
                    support.options(RecordKind.QRELS).withVariant(variant).withQrelsSource(source), progress, cancel));
        }
    }
}
