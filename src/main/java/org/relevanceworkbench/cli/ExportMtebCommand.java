package org.relevanceworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.export.MtebExport;
import org.relevanceworkbench.export.MtebStudy;
import org.relevanceworkbench.export.QrelsSelection;
import org.relevanceworkbench.formats.AtomicFolder;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "mteb", description = {
    "Export a study in MTEB's FollowIR layout: corpus.jsonl, queries.jsonl",
    "(instruction_og, instruction_changed), qrels_og/test.tsv,",
    "qrels_changed/test.tsv, qrel_diff.jsonl and top_ranked.jsonl. The folder is",
    "filled beside its destination and renamed into place when complete."})
final class ExportMtebCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--variants", required = true, split = ",", paramLabel = "OG,CHANGED",
            description = "the two variants: the first becomes og, the second changed")
    List<String> variants;

    @Option(names = "--topics", split = ",", paramLabel = "ID", description = "the topics (default: all with both variants)")
    List<String> topics;

    @Option(names = "--qrels", defaultValue = "imported", paramLabel = "QRELS",
            description = "imported (default), source:NAME, assessor:NAME or adjudicated[:ADJUDICATOR]")
    String qrels;

    @Option(names = "--candidates", defaultValue = MtebExport.QRELS_CANDIDATES, paramLabel = "SPEC",
            description = "top_ranked: qrels (default: the judged documents), run:NAME, bm25:K or all")
    String candidates;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "DIR", description = "the folder to create")
    Path output;

    @Option(names = "--replace", description = "replace the folder if it exists and is not empty")
    boolean replace;

    @Override
    protected int run(Database db) throws Exception {
        if (ExportOutput.isStandardOutput(output)) {
            throw new UserException("an MTEB export is a folder: give --output DIR");
        }
        QrelsSelection selection = QrelsSelection.parse(qrels);
        if (candidates.strip().toLowerCase(Locale.ROOT).startsWith("bm25:")) {
            Bm25IndexFirst.finish(db, collection, err()); // BM25 candidates need every document indexed
        }
        MtebStudy study = new MtebExport(db).prepare(collection, variants, topics, selection, candidates);
        try {
            AtomicFolder.write(output, replace, study::writeInto);
        } catch (IOException e) {
            throw ExportOutput.cannotWrite(output, e);
        }
        study.warnings().forEach(w -> err().println("note: " + w));
        err().println("wrote " + study.queries().size() + " queries, " + study.corpus().size() + " documents, "
                + (study.qrelsOg().size() + study.qrelsChanged().size()) + " qrels and "
                + study.topRanked().values().stream().mapToInt(List::size).sum() + " candidates to " + output);
        return Cli.OK;
    }
}
