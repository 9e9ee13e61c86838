package org.relevanceworkbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.relevanceworkbench.export.LlamaFactoryExport;
import org.relevanceworkbench.formats.AtomicFile;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "llamafactory", description = {
    "Export judged pairs as LLaMA-Factory SFT data in FollowIR-7B's training",
    "format: a JSON array of {instruction, input, output} where instruction +",
    "\"\\n\" + input (LLaMA-Factory's join) is the FollowIR prompt between",
    "\"[INST] \" and \" [/INST]\", and output is true when the grade reaches",
    "--level. A dataset_info.json beside the file registers it as dataset",
    "followIR-train (its other entries are kept)."})
final class ExportLlamaFactoryCommand extends WorkspaceCommand {
    @Mixin
    CollectionScopeOptions scoped;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QrelsOptions qrels;

    @Option(names = "--level", defaultValue = "1", paramLabel = "GRADE",
            description = "the lowest grade labelled true (default: ${DEFAULT-VALUE})")
    int level;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE",
            description = "the JSON file (whole or not at all), or - for standard output (then no dataset_info.json)")
    Path output;

    @Override
    protected int run(Database db) throws Exception {
        LlamaFactoryExport.Prepared prepared = new LlamaFactoryExport(db).prepare(scoped.collection, scoped.topic, scoped.variant,
                qrels.selection(), level);
        if (ExportOutput.isStandardOutput(output)) {
            ExportOutput.write(output, out(), prepared::writeTo);
        } else {
            // Read (and check) an existing dataset_info.json before writing anything.
            String info = LlamaFactoryExport.datasetInfo(output);
            ExportOutput.write(output, out(), prepared::writeTo);
            Path infoFile = LlamaFactoryExport.datasetInfoPath(output);
            try {
                AtomicFile.write(infoFile, writer -> writer.write(info));
            } catch (IOException e) {
                throw ExportOutput.cannotWrite(infoFile, e);
            }
        }
        err().println("wrote " + prepared.records().size() + " records to "
                + (ExportOutput.isStandardOutput(output) ? "standard output"
                        : output + " (dataset " + LlamaFactoryExport.DATASET_NAME + " in "
                                + LlamaFactoryExport.datasetInfoPath(output).getFileName() + ")"));
        if (prepared.leftOut() > 0) {
            err().println("note: left out " + prepared.leftOut()
                    + " qrels whose topic, variant or document the collection does not hold");
        }
        if (prepared.unresolved() > 0) {
            err().println("note: left out " + prepared.unresolved()
                    + " documents the assessors disagree on and nobody adjudicated");
        }
        return Cli.OK;
    }
}
