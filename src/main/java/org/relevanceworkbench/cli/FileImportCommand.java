package org.relevanceworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code topics import}, {@code qrels import} and {@code runs import}: files into an existing collection. */
abstract class FileImportCommand extends WorkspaceCommand {
    @Option(names = "--collection", paramLabel = "NAME", description = "the collection (default: the workspace's only one)")
    String collection;

    @Mixin
    ImportSupport support;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    /** What the summary lines count: "topics", "qrels", "run lines". */
    protected abstract String what();

    protected abstract RecordKind kind();

    /** The command's own options on top of the shared ones. */
    protected ImportOptions options(ImportOptions shared) {
        return shared;
    }

    protected abstract ImportResult importFiles(ImportService service, String collection, List<SourceFile> sources,
            ImportOptions options, ImportListener listener, CancellationToken cancel);

    @Override
    protected int run(Database db) {
        ConsoleProgress progress = ConsoleProgress.forTerminal(err());
        ImportService service = new ImportService(db);
        ImportOptions options = options(support.options(kind()));
        return ImportSupport.runAndReport(what(), out(), err(), progress, cancel -> importFiles(service, collection,
                ImportSupport.sources(files), options, progress, cancel));
    }
}
