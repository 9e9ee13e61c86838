package org.relevanceworkbench.cli;

import java.nio.file.Path;
import org.relevanceworkbench.export.QrelsExport;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.TopicDao;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "qrels", description = {
    "Export qrels as TREC qrels (topic 0 docno grade), sorted by topic (numeric",
    "ids by value), then docno. One variant per file (og unless --variant);",
    "--all-variants writes every variant with MTEB-style query ids (301-og,",
    "301-changed), which qrels import splits back."})
final class ExportQrelsCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QrelsOptions qrels;

    @ArgGroup(exclusive = true)
    Variants variants;

    static final class Variants {
        @Option(names = "--variant", paramLabel = "NAME", description = "the variant to export (default: og)")
        String variant;

        @Option(names = "--all-variants", description = "every variant, query ids topic-variant")
        boolean all;
    }

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE",
            description = "file to write (whole or not at all), or - for standard output")
    Path output;

    @Option(names = "--with-conditions", description = "with --assessor: add the condition each judgment was made under"
            + " (condition, p shown, queue order, app version) after the grade; for analysis, not for trec_eval")
    boolean withConditions;

    @Override
    protected int run(Database db) throws Exception {
        boolean all = variants != null && variants.all;
        String variant = all ? null : variants != null && variants.variant != null ? variants.variant : TopicDao.BASELINE;
        QrelsExport export = new QrelsExport(db);
        QrelsExport.Prepared prepared = withConditions
                ? export.prepareWithConditions(collection, qrels.selection(), variant)
                : export.prepare(collection, qrels.selection(), variant);
        ExportOutput.write(output, out(), prepared::writeTo);
        err().println("wrote " + prepared.qrels().size() + " qrels of " + qrels.selection().describe() + " ("
                + (all ? "all variants" : variant) + ") to " + ExportOutput.describe(output));
        if (prepared.unresolved() > 0) {
            err().println("note: left out " + prepared.unresolved()
                    + " documents the assessors disagree on and nobody adjudicated");
        }
        return Cli.OK;
    }
}
