package org.relevanceworkbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.export.Table;
import org.relevanceworkbench.export.TableExport;
import org.relevanceworkbench.rerank.RunName;
import org.relevanceworkbench.store.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "table", description = {
    "Export a topic's comparison table: one row per document of the runs, with",
    "title, p(true) and rank per variant, delta p and rank change between two",
    "variants, imported qrels and each assessor's grades. csv: RFC 4180, UTF-8,",
    "CRLF; a text cell starting with = + - @, tab or CR gets a leading ' (against",
    "formula injection); numbers stay numbers. jsonl: one object per row with the",
    "same keys, numbers as numbers, null as null."})
final class ExportTableCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--topic", required = true, paramLabel = "ID")
    String topic;

    @ArgGroup(exclusive = true)
    Runs runs = new Runs();

    static final class Runs {
        @Option(names = "--runs", split = ",", paramLabel = "VARIANT=RUN",
                description = "the run of each variant, e.g. og=bm25,changed=followir-changed")
        Map<String, String> byVariant;

        @Option(names = "--run-prefix", paramLabel = "PREFIX", defaultValue = RunName.FOLLOWIR_PREFIX,
                description = "else the runs named PREFIX + variant (default: ${DEFAULT-VALUE}, as rerank names them)")
        String prefix = RunName.FOLLOWIR_PREFIX;
    }

    @Option(names = "--compare", split = ",", paramLabel = "A,B",
            description = "the variants to compare (default: the first two with scores); delta p = p(B) - p(A)")
    List<String> compare;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "FORMAT", description = "csv or jsonl (default: csv)")
    Table.Format format;

    @Option(names = {"--output", "-o"}, required = true, paramLabel = "FILE",
            description = "file to write (whole or not at all), or - for standard output")
    Path output;

    @Override
    protected int run(Database db) throws Exception {
        Table table = new TableExport(db).build(collection, topic, runs.byVariant, runs.prefix, compare);
        ExportOutput.write(output, out(), writer -> table.write(format, writer));
        err().println("wrote " + table.rows().size() + " rows of topic '" + topic + "' to "
                + ExportOutput.describe(output));
        return Cli.OK;
    }
}
