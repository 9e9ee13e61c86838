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

@Command(name = "qrels", description = "Relevance judgments (qrels).", subcommands = QrelsCommand.Import.class)
final class QrelsCommand {
    @Command(name = "import", description = {
        "Import qrels. Formats: trec (topic iteration docno grade), beir-tsv (query-id corpus-id score).",
        "The variant of a line: its query id's -og/-changed suffix, else --variant, else og/changed in the",
        "file's path (qrels_changed/test.tsv), else og."})
    static final class Import extends FileImportCommand {
        @Option(names = "--variant", paramLabel = "NAME", description = "variant of lines that name none")
        String variant;

        @Option(names = "--source", paramLabel = "NAME", description = "name of this qrels set (default: imported)")
        String source;

        @Override
        protected String what() {
            return "qrels";
        }

        @Override
        protected RecordKind kind() {
            return RecordKind.QRELS;
        }

        @Override
        protected ImportOptions options(ImportOptions shared) {
            return shared.withVariant(variant).withQrelsSource(source);
        }

        @Override
        protected ImportResult importFiles(ImportService service, String collection, List<SourceFile> sources,
                ImportOptions options, ImportListener listener, CancellationToken cancel) {
            return service.importQrels(collection, sources, options, listener, cancel);
        }
    }
}
