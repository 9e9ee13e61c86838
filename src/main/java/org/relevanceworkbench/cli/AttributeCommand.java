package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.AttributionExport;
import org.relevanceworkbench.attribution.AttributionPlan;
import org.relevanceworkbench.attribution.AttributionRequest;
import org.relevanceworkbench.attribution.AttributionService;
import org.relevanceworkbench.attribution.ClauseSummary;
import org.relevanceworkbench.attribution.Cost;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.export.Table;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "attribute", description = {
    "Which clauses of an instruction move each document's score. Every candidate",
    "is scored with the full instruction, without each clause in turn and with",
    "the query alone; delta = p(without) - p(full). Clauses are sentences and",
    ";-parts, never cut inside quotes or brackets, counted from 1. jsonl lines:",
    "{doc_id, clause_index, clause, instruction_without, p_full, p_without, delta};",
    "each candidate's query-alone line has clause_index and clause null and",
    "instruction_without \"\". Scores go through the score cache: a rerun scores",
    "nothing."})
final class AttributeCommand extends WorkspaceCommand {
    @Option(names = "--collection", required = true, paramLabel = "NAME")
    String collection;

    @Option(names = "--topic", required = true, paramLabel = "ID")
    String topic;

    @Option(names = "--variant", required = true, paramLabel = "NAME", description = "the instruction to attribute")
    String variant;

    @Option(names = "--candidates", defaultValue = "bm25:100", paramLabel = "SPEC",
            description = "bm25:K, all, run:NAME or pool:K:RUN1,RUN2 (default ${DEFAULT-VALUE})")
    String candidates;

    @Mixin
    ModelOptions model;

    @Option(names = {"--output", "-o"}, paramLabel = "FILE",
            description = "the lines, written whole or not at all (- for standard output)")
    Path output;

    @Option(names = "--format", defaultValue = "jsonl", paramLabel = "jsonl|csv",
            description = "jsonl (default) or csv (RFC 4180, formula-safe; one header, a kind column)")
    Table.Format format;

    @Option(names = "--table", paramLabel = "FILE",
            description = "also the attribution table in --format: a row per document, a delta column per clause,"
                    + " the clause texts first and the per-clause summary (flips, mean |delta|, Kendall tau, p-MRR) last")
    Path table;

    @Option(names = "--words", paramLabel = "DOC_ID",
            description = "also that document's word occlusion: one line per word of the instruction (up to "
                    + AttributionService.MAX_WORDS + " words)")
    String words;

    @Option(names = "--max-clauses", defaultValue = "" + AttributionRequest.DEFAULT_MAX_CLAUSES, paramLabel = "N",
            description = "accept up to N clauses (default ${DEFAULT-VALUE})")
    int maxClauses;

    @Option(names = "--clause-alone", description = "also score the query with each clause alone")
    boolean clauseAlone;

    @Option(names = "--as-variant", paramLabel = "NAME",
            description = "afterwards, store the instruction without --clause K (with --clause-alone: clause K alone)"
                    + " as a new variant NAME of the topic")
    String asVariant;

    @Option(names = "--clause", paramLabel = "K", description = "the clause --as-variant takes (from 1)")
    Integer clause;

    @Option(names = "--dry-run", description = "say what it costs (pairs, cached, to score) and stop")
    boolean dryRun;

    @Option(names = "--docs-per-second", defaultValue = "0", paramLabel = "RATE",
            description = "the scorer's rate, for an ETA before it runs")
    double docsPerSecond;

    @Override
    protected int run(Database db) throws Exception {
        if ((asVariant == null) != (clause == null)) {
            throw new UserException("--as-variant NAME and --clause K go together");
        }
        if (output == null && !dryRun) {
            throw new UserException("--output FILE is required (or --dry-run)");
        }
        for (Path p : new Path[] {output, table}) {
            if (p != null && !ExportOutput.isStandardOutput(p) && Files.isDirectory(p)) {
                throw new UserException("cannot write " + p + ": it is a folder");
            }
        }
        if (table != null && ExportOutput.isStandardOutput(table) && output != null
                && ExportOutput.isStandardOutput(output)) {
            throw new UserException("--output and --table cannot both be standard output");
        }
        AttributionService service = new AttributionService(db);
        AttributionRequest request = AttributionRequest.of(collection, topic, variant, CandidateSpec.parse(candidates))
                .withMaxClauses(maxClauses).withClauseAlone(clauseAlone).withWords(words);
        AttributionPlan plan = service.plan(request); // every check before the model loads: bad input changes nothing
        if (asVariant != null) {
            service.checkWhatIf(collection, topic, variant, plan.clauses(), clause - 1, clauseAlone, asVariant);
        }
        PrintWriter err = err();
        plan.notes().forEach(n -> err.println("note: " + n));
        Attribution result;
        long started = System.nanoTime();
        try (Scorer scorer = model.scorer(err)) {
            Cost cost = service.cost(plan, scorer);
            err.printf(Locale.US, "topic '%s', variant '%s': %d %s, %d candidates; %s%n", plan.topic().topicId(),
                    plan.variant().name(), plan.clauses().size(), plan.clauses().size() == 1 ? "clause" : "clauses",
                    plan.candidates().size(), cost.describe(docsPerSecond));
            err.flush();
            if (dryRun) {
                return Cli.OK;
            }
            CancellationToken cancel = new CancellationToken();
            boolean live = System.console() != null;
            result = ImportSupport.withInterruptAsCancel(cancel, () -> service.run(plan, scorer,
                    new AttributionService.Listener() {
                        @Override
                        public void progress(int done, int total) {
                            if (live) {
                                err.printf(Locale.US, "\r\033[Kattributing: %,d / %,d pairs", done, total);
                                err.flush();
                            }
                        }
                    }, cancel));
            if (live) {
                err.print("\r\033[K");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        ExportOutput.write(output, out(), w -> AttributionExport.writeLines(result, format, w));
        if (table != null) {
            Table t = AttributionExport.table(result);
            ExportOutput.write(table, out(), w -> t.write(format, w));
        }
        if (asVariant != null) {
            Variant created = service.whatIf(collection, topic, variant, plan.clauses(), clause - 1, clauseAlone,
                    asVariant);
            err.println("variant '" + created.name() + "' of topic '" + plan.topic().topicId() + "': "
                    + AttributionService.rowName(clause - 1, clauseAlone) + " of '" + variant + "'");
        }
        summary(result, ExportOutput.isStandardOutput(output)
                || (table != null && ExportOutput.isStandardOutput(table)) ? err : out());
        err.printf(Locale.US, "wrote %d lines to %s%s; %d pairs scored, %d from the cache, in %.1f s%n",
                AttributionExport.lineCount(result), ExportOutput.describe(output),
                table == null ? "" : " and the table to " + ExportOutput.describe(table), result.scored(),
                result.cost().cached(), seconds);
        err.flush();
        return Cli.OK;
    }

    /** The per-clause summary, one line each (on standard error when standard output holds the lines). */
    private static void summary(Attribution a, PrintWriter to) {
        for (ClauseSummary s : a.summaries()) {
            to.println(line("clause " + s.index(), s) + "  " + shorten(s.clause()));
        }
        to.println(line("query alone", a.queryAlone()));
        to.flush();
    }

    private static String line(String name, ClauseSummary s) {
        return String.format(Locale.US, "%-11s flips %d, mean |delta| %.4f, Kendall tau %s%s", name, s.flips(),
                s.meanAbsDelta(), Double.isNaN(s.kendallTau()) ? "n/a" : String.format(Locale.US, "%.3f",
                        s.kendallTau()), s.pMrr() == null ? "" : String.format(Locale.US, ", p-MRR %.3f", s.pMrr()));
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
