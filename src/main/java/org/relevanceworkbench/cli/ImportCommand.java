package org.relevanceworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
    "Import documents into a collection (created if new), then build its BM25 index.",
    "Formats: beir-jsonl, tsv, csv, trec-sgml, txt-folder (a folder); gzip is read transparently.",
    "Bad records are skipped and listed as file:line: reason; a fatal problem rolls that file back."})
final class ImportCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME", description = "the collection")
    String collection;

    @Option(names = "--no-wait", description = "return once documents are stored; the BM25 index is built later "
            + "(by 'index', 'search' or the window)")
    boolean noWait;

    @Mixin
    ImportSupport support;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files or folders to import")
    List<Path> files;

    @Override
    protected int run(Database db) {
        ConsoleProgress progress = ConsoleProgress.forTerminal(err());
        ImportService service = new ImportService(db);
        int code = ImportSupport.runAndReport("documents", out(), err(), progress, cancel -> service.importDocuments(
                collection, ImportSupport.sources(files), support.options(RecordKind.DOCUMENTS), progress, cancel));
        Collection stored = db.read(c -> new CollectionDao(c).require(collection));
        if (noWait) {
            out().println("BM25 index of '" + stored.name() + "' not built yet (--no-wait): 'index' builds it");
            return code;
        }
        CancellationToken cancel = new CancellationToken();
        long added = ImportSupport.withInterruptAsCancel(cancel,
                () -> new FtsIndexer(db).indexPending(stored, progress, cancel));
        progress.clear();
        long documents = db.read(c -> new CollectionDao(c).stats(stored).documents());
        out().println("collection '" + stored.name() + "': " + documents + " documents; BM25 index updated with "
                + added + " documents");
        return code;
    }
}
