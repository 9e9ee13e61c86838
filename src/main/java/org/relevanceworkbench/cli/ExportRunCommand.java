package org.relevanceworkbench.cli;

import java.nio.file.Path;
import org.relevanceworkbench.export.RunExport;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", description = {
    "Export one variant of a run as a TREC run (topic Q0 docno rank score tag).",
    "Ranks are re-derived as trec_eval orders lines (score descending, ties by",
    "docno descending), so the ranks printed are the ranks evaluated; scores are",
    "exact shortest decimals. A run imported without scores (top_ranked.jsonl)",
    "keeps its order, with score = -rank."})
final class ExportRunCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--run", required = true, paramLabel = "NAME")
    String run;

    @Option(names = "--variant", required = true, paramLabel = "NAME")
    String variant;

    @Option(names = "--tag", paramLabel = "TAG", description = "the run tag column (default: the run's name)")
    String tag;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE",
            description = "file to write (whole or not at all), or - for standard output")
    Path output;

    @Override
    protected int run(Database db) throws Exception {
        RunExport.Prepared prepared = new RunExport(db).prepare(collection, run, variant, tag);
        ExportOutput.write(output, out(), prepared::writeTo);
        err().println("wrote " + prepared.lines() + " lines of run '" + run + "' (" + variant + ", "
                + prepared.topics().size() + " topics) to "
                + ExportOutput.describe(output));
        return Cli.OK;
    }
}
