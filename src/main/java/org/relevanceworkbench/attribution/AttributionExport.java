package org.relevanceworkbench.attribution;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relevanceworkbench.export.Table;
import org.relevanceworkbench.formats.CsvWriter;
import org.relevanceworkbench.formats.JsonlRowWriter;

/**
 * An attribution written out, in two shapes.
 * <ul>
 *   <li><b>Lines</b> (what {@code attribute --output} writes): per candidate, one line per clause left out
 *       ({@code doc_id, clause_index, clause, instruction_without, p_full, p_without, delta}; clauses count from 1),
 *       one for the query alone ({@code clause_index} and {@code clause} null, {@code instruction_without} ""), and
 *       with clause-alone one per clause ({@code doc_id, clause_index, clause, instruction_alone, p_full, p_alone,
 *       delta}); then, with word occlusion, one per word ({@code doc_id, word_index, word, instruction_without,
 *       p_full, p_without, delta}). {@code instruction_*} is exactly the instruction scored, and Δ = p(it) − p(full).
 *       CSV has one header and the union of the columns: {@code kind} (without, query_alone, alone, word),
 *       {@code doc_id, clause_index, clause, word_index, word, instruction_scored, p_full, p_scored, delta}.</li>
 *   <li><b>The table</b> (the heat map as numbers): a row per document — {@code row} = document, {@code doc_id},
 *       {@code title}, {@code p_full}, {@code p_query_alone}, {@code delta_query_alone}, {@code delta_clause_K} per
 *       clause (and {@code delta_alone_K} with clause-alone) — after a first row ({@code row} = clause) holding each
 *       clause's text in its column, and before the summary rows {@code flips}, {@code mean_abs_delta},
 *       {@code kendall_tau} and {@code p_mrr} (the last only when the topic has qrels to compute it).</li>
 * </ul>
 * CSV is RFC 4180 with text cells neutralised against formula injection ({@link CsvWriter}); JSON Lines keeps numbers
 * as numbers and null as null ({@link JsonlRowWriter}).
 */
public final class AttributionExport {
    static final List<String> CLAUSE_KEYS = List.of("doc_id", "clause_index", "clause", "instruction_without",
            "p_full", "p_without", "delta");
    static final List<String> ALONE_KEYS = List.of("doc_id", "clause_index", "clause", "instruction_alone", "p_full",
            "p_alone", "delta");
    static final List<String> WORD_KEYS = List.of("doc_id", "word_index", "word", "instruction_without", "p_full",
            "p_without", "delta");
    static final List<String> CSV_COLUMNS = List.of("kind", "doc_id", "clause_index", "clause", "word_index", "word",
            "instruction_scored", "p_full", "p_scored", "delta");

    private AttributionExport() {
    }

    /** How many lines {@link #writeLines} writes (CSV adds its header). */
    public static int lineCount(Attribution a) {
        int perDocument = (a.leaveOneOut() ? a.clauses().size() : 0) + 1 + (a.clauseAlone() ? a.clauses().size() : 0);
        return a.documents().size() * perDocument + (a.words() == null ? 0 : a.words().words().size());
    }

    public static void writeLines(Attribution a, Table.Format format, Writer out) throws IOException {
        if (format == Table.Format.csv) {
            CsvWriter csv = new CsvWriter(out);
            csv.writeRow(CSV_COLUMNS);
            for (Line line : lines(a)) {
                csv.writeRow(Arrays.asList(line.kind, line.docId, line.clauseIndex, line.clause, line.wordIndex,
                        line.word, line.instruction, line.pFull, line.p, line.p - line.pFull));
            }
            return;
        }
        JsonlRowWriter clauses = new JsonlRowWriter(out, CLAUSE_KEYS);
        JsonlRowWriter alone = new JsonlRowWriter(out, ALONE_KEYS);
        JsonlRowWriter words = new JsonlRowWriter(out, WORD_KEYS);
        for (Line line : lines(a)) {
            double delta = line.p - line.pFull;
            switch (line.kind) {
                case "word" -> words.writeRow(Arrays.asList(line.docId, line.wordIndex, line.word, line.instruction,
                        line.pFull, line.p, delta));
                case "alone" -> alone.writeRow(Arrays.asList(line.docId, line.clauseIndex, line.clause,
                        line.instruction, line.pFull, line.p, delta));
                default -> clauses.writeRow(Arrays.asList(line.docId, line.clauseIndex, line.clause, line.instruction,
                        line.pFull, line.p, delta));
            }
        }
    }

    /** One line of the long shape. */
    private record Line(String kind, String docId, Integer clauseIndex, String clause, Integer wordIndex, String word,
            String instruction, double pFull, double p) {
    }

    private static List<Line> lines(Attribution a) {
        List<Line> out = new ArrayList<>();
        Clauses clauses = a.clauses();
        for (DocumentAttribution d : a.documents()) {
            for (int k = 0; k < d.pWithout().size(); k++) {
                out.add(new Line("without", d.docId(), k + 1, clauses.get(k), null, null, clauses.without(k), d.pFull(),
                        d.pWithout().get(k)));
            }
            out.add(new Line("query_alone", d.docId(), null, null, null, null, "", d.pFull(), d.pQueryAlone()));
            for (int k = 0; k < d.pAlone().size(); k++) {
                out.add(new Line("alone", d.docId(), k + 1, clauses.get(k), null, null, clauses.get(k), d.pFull(),
                        d.pAlone().get(k)));
            }
        }
        if (a.words() != null) {
            WordOcclusion w = a.words();
            for (WordOcclusion.Word word : w.words()) {
                out.add(new Line("word", w.docId(), null, null, word.index(), word.word(), word.instruction(),
                        w.pFull(), word.pWithout()));
            }
        }
        return out;
    }

    /** The heat map with its clause texts and summary rows, as a table to write as CSV or JSON Lines. */
    public static Table table(Attribution a) {
        int n = a.leaveOneOut() ? a.clauses().size() : 0;
        int alone = a.clauseAlone() ? a.clauses().size() : 0;
        List<String> columns = new ArrayList<>(List.of("row", "doc_id", "title", "p_full", "p_query_alone",
                "delta_query_alone"));
        for (int k = 1; k <= n; k++) {
            columns.add("delta_clause_" + k);
        }
        for (int k = 1; k <= alone; k++) {
            columns.add("delta_alone_" + k);
        }
        List<List<Object>> rows = new ArrayList<>();
        List<Object> texts = new ArrayList<>(Arrays.asList("clause", null, null, null, null, null));
        for (int k = 0; k < n; k++) {
            texts.add(a.clauses().get(k));
        }
        for (int k = 0; k < alone; k++) {
            texts.add(a.clauses().get(k));
        }
        rows.add(texts);
        for (DocumentAttribution d : a.documents()) {
            List<Object> row = new ArrayList<>(Arrays.asList("document", d.docId(), d.title(), d.pFull(),
                    d.pQueryAlone(), d.deltaQueryAlone()));
            for (int k = 0; k < n; k++) {
                row.add(d.delta(k));
            }
            for (int k = 0; k < alone; k++) {
                row.add(d.deltaAlone(k));
            }
            rows.add(row);
        }
        rows.add(summaryRow("flips", a, alone, s -> s.flips()));
        rows.add(summaryRow("mean_abs_delta", a, alone, s -> number(s.meanAbsDelta())));
        rows.add(summaryRow("kendall_tau", a, alone, s -> number(s.kendallTau())));
        if (a.queryAlone().pMrr() != null || a.summaries().stream().anyMatch(s -> s.pMrr() != null)) {
            rows.add(summaryRow("p_mrr", a, alone, ClauseSummary::pMrr));
        }
        return new Table(columns, rows);
    }

    private static List<Object> summaryRow(String name, Attribution a, int alone,
            java.util.function.Function<ClauseSummary, Object> value) {
        List<Object> row = new ArrayList<>(Arrays.asList(name, null, null, null, null, value.apply(a.queryAlone())));
        for (ClauseSummary s : a.summaries()) {
            row.add(value.apply(s));
        }
        for (int k = 0; k < alone; k++) {
            row.add(null);
        }
        return row;
    }

    /** NaN (τ over fewer than two documents) is written as null: neither CSV nor JSON has a NaN. */
    private static Double number(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
