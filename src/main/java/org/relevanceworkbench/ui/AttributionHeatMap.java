package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.AttributionService;
import org.relevanceworkbench.attribution.ClauseSummary;
import org.relevanceworkbench.attribution.DeltaColors;
import org.relevanceworkbench.attribution.DocumentAttribution;

/**
 * The Attribution tab's heat map as data: a row per candidate, a column per clause left out, one for the query alone
 * and, with clause-alone, one per clause alone; a cell is Δ = p(scored) − p(full). Under the rows, the per-clause
 * summary (flips, mean |Δp|, Kendall τ-b, p-MRR when there are qrels). Rows sort by any column's Δ, by p_full or by
 * document id, ties in candidate order. Immutable (sorting gives a new map) and free of JavaFX, so that it is tested
 * on its own; {@link HeatMapLayout} places it and {@link HeatMapView} draws it.
 */
public final class AttributionHeatMap {
    /** What a column scores instead of the full instruction. */
    public enum Kind { WITHOUT, QUERY_ALONE, ALONE }

    /**
     * One column.
     *
     * @param clause  0-based clause index; -1 for the query alone
     * @param header  what the column header says: the clause number, "query", "1 alone"
     * @param text    the clause's text (the column's tooltip); for the query alone a description
     * @param summary the summary row's values; null for clause-alone columns (none is computed for them)
     */
    public record Column(Kind kind, int clause, String header, String text, ClauseSummary summary) {
        /** "without clause 2", "query alone", "clause 2 alone". */
        public String name() {
            return switch (kind) {
                case WITHOUT -> AttributionService.rowName(clause, false);
                case ALONE -> AttributionService.rowName(clause, true);
                case QUERY_ALONE -> "query alone";
            };
        }
    }

    /** A summary row under the heat map. */
    public enum Summary {
        FLIPS("flips", "documents whose score crosses 0.5 between the full instruction and this column's"),
        MEAN_ABS_DELTA("mean |Δp|", "the mean of |p(column) − p(full)| over the documents"),
        KENDALL_TAU("τ", "Kendall τ-b of the ranking under this column against the full instruction's"),
        P_MRR("p-MRR", "p-MRR of the full ranking against this column's (the qrels of the baseline and this variant)");

        private final String label;
        private final String explanation;

        Summary(String label, String explanation) {
            this.label = label;
            this.explanation = explanation;
        }

        public String label() {
            return label;
        }

        public String explanation() {
            return explanation;
        }
    }

    /** Sort the rows by column {@code column}'s Δ, or by {@link #P_FULL} or {@link #DOCUMENT}. */
    public record Sort(int column, boolean descending) {
    }

    /** The sort key of p(full). */
    public static final int P_FULL = -1;
    /** The sort key of the document id. */
    public static final int DOCUMENT = -2;

    private final Attribution attribution;
    private final boolean probabilities;
    private final List<Column> columns;
    private final List<Summary> summaries;
    private final Sort sort;
    private final int[] order; // display row → index into attribution.documents()
    private final double range;

    private AttributionHeatMap(Attribution attribution, boolean probabilities, List<Column> columns, Sort sort,
            double range) {
        this.attribution = attribution;
        this.probabilities = probabilities;
        this.columns = columns;
        this.sort = sort;
        this.range = range;
        List<Summary> present = new ArrayList<>(List.of(Summary.FLIPS, Summary.MEAN_ABS_DELTA, Summary.KENDALL_TAU));
        if (columns.stream().anyMatch(c -> c.summary() != null && c.summary().pMrr() != null)) {
            present.add(Summary.P_MRR);
        }
        this.summaries = List.copyOf(present);
        this.order = order(sort);
    }

    /**
     * The heat map of an attribution, rows by p_full, highest first (the full instruction's ranking).
     *
     * @param probabilities whether the scores are p(true) (FollowIR) rather than BM25 scores: Δp then spans ±1 and
     *                      the colours use that scale; BM25's Δ uses the largest |Δ| there is, rounded up
     */
    public static AttributionHeatMap of(Attribution a, boolean probabilities) {
        List<Column> columns = new ArrayList<>();
        for (int k = 0; a.leaveOneOut() && k < a.clauses().size(); k++) {
            columns.add(new Column(Kind.WITHOUT, k, Integer.toString(k + 1), a.clauses().get(k),
                    a.summaries().get(k)));
        }
        columns.add(new Column(Kind.QUERY_ALONE, -1, "query", "The query alone: every clause left out",
                a.queryAlone()));
        for (int k = 0; a.clauseAlone() && k < a.clauses().size(); k++) {
            columns.add(new Column(Kind.ALONE, k, (k + 1) + " alone", a.clauses().get(k), null));
        }
        double largest = 0;
        for (DocumentAttribution d : a.documents()) {
            for (int c = 0; c < columns.size(); c++) {
                double delta = delta(d, columns.get(c));
                if (Double.isFinite(delta)) {
                    largest = Math.max(largest, Math.abs(delta));
                }
            }
        }
        double range = probabilities ? 1 : niceRange(largest);
        return new AttributionHeatMap(a, probabilities, List.copyOf(columns), new Sort(P_FULL, true), range);
    }

    /** The smallest 1, 2 or 5 times a power of ten at or above {@code largest} (1 when there is nothing). */
    public static double niceRange(double largest) {
        if (!(largest > 0) || !Double.isFinite(largest)) {
            return 1;
        }
        return ScatterLayout.niceStep(largest);
    }

    /** The same rows sorted by {@code next}. */
    public AttributionHeatMap sorted(Sort next) {
        if (next.column() < DOCUMENT || next.column() >= columns.size()) {
            throw new IndexOutOfBoundsException("no column " + next.column());
        }
        return new AttributionHeatMap(attribution, probabilities, columns, next, range);
    }

    /**
     * What a click on a header does: the sorted column again reverses the order; another column sorts by it, Δ
     * lowest first (the documents whose score leans most on the clause on top), p_full highest first, ids A to Z.
     */
    public AttributionHeatMap toggled(int column) {
        if (column == sort.column()) {
            return sorted(new Sort(column, !sort.descending()));
        }
        return sorted(new Sort(column, column == P_FULL));
    }

    private int[] order(Sort s) {
        List<DocumentAttribution> docs = attribution.documents();
        Integer[] index = new Integer[docs.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        Comparator<Integer> by;
        if (s.column() == DOCUMENT) {
            by = Comparator.comparing(i -> docs.get(i).docId());
        } else {
            by = Comparator.comparingDouble(i -> key(docs.get(i), s.column()));
        }
        if (s.descending()) {
            by = by.reversed();
        }
        Comparator<Integer> known = Comparator.comparing(i -> s.column() != DOCUMENT
                && Double.isNaN(key(docs.get(i), s.column()))); // unknown values last, either way
        Arrays.sort(index, known.thenComparing(by).thenComparingInt(i -> i));
        return Arrays.stream(index).mapToInt(Integer::intValue).toArray();
    }

    private double key(DocumentAttribution d, int column) {
        return column == P_FULL ? d.pFull() : delta(d, columns.get(column));
    }

    private static double scored(DocumentAttribution d, Column c) {
        return switch (c.kind()) {
            case WITHOUT -> d.pWithout().get(c.clause());
            case QUERY_ALONE -> d.pQueryAlone();
            case ALONE -> d.pAlone().get(c.clause());
        };
    }

    private static double delta(DocumentAttribution d, Column c) {
        return scored(d, c) - d.pFull();
    }

    public Attribution attribution() {
        return attribution;
    }

    /** Whether the scores are p(true); false for the BM25 baseline's scores. */
    public boolean probabilities() {
        return probabilities;
    }

    public Sort sort() {
        return sort;
    }

    /** The colour scale's half-width: Δ of ±range takes the end colours. */
    public double range() {
        return range;
    }

    public int rows() {
        return order.length;
    }

    public List<Column> columns() {
        return columns;
    }

    public int columnCount() {
        return columns.size();
    }

    public Column column(int c) {
        return columns.get(c);
    }

    public List<Summary> summaries() {
        return summaries;
    }

    /** The document shown in display row {@code row}. */
    public DocumentAttribution row(int row) {
        return attribution.documents().get(order[row]);
    }

    /** The display rows' document ids, top to bottom. */
    public List<String> docIds() {
        List<String> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(attribution.documents().get(i).docId());
        }
        return out;
    }

    /** The display row of a document, or -1. */
    public int rowOf(String docId) {
        for (int r = 0; r < order.length; r++) {
            if (row(r).docId().equals(docId)) {
                return r;
            }
        }
        return -1;
    }

    /** The score of display row {@code row} under column {@code column} (without the clause, alone, …). */
    public double scored(int row, int column) {
        return scored(row(row), columns.get(column));
    }

    /** Δ = p(column) − p(full) of a cell. */
    public double delta(int row, int column) {
        return delta(row(row), columns.get(column));
    }

    /** A cell's colour, 0xRRGGBB, on {@link DeltaColors}' scale of ±{@link #range}. */
    public int rgb(int row, int column) {
        return DeltaColors.rgb(delta(row, column), range);
    }

    private String p() {
        return probabilities ? "p" : "BM25";
    }

    private String number(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.US, probabilities ? "%.4f" : "%.3f", value);
    }

    private String signed(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.US, probabilities ? "%+.4f" : "%+.3f", value);
    }

    /** What a cell shows when it is wide enough: Δ with two decimals. */
    public String cellText(int row, int column) {
        double d = delta(row, column);
        if (Double.isNaN(d)) {
            return "";
        }
        String text = String.format(Locale.US, Math.abs(d) >= 10 ? "%.0f" : Math.abs(d) >= 1 && !probabilities
                ? "%.1f" : "%.2f", d);
        return text.equals("-0.00") ? "0.00" : text;
    }

    /** The tooltip of a cell: document, column, the two scores and Δ. */
    public String cellTooltip(int row, int column) {
        DocumentAttribution d = row(row);
        Column c = columns.get(column);
        String scoredName = switch (c.kind()) {
            case WITHOUT -> p() + "_without";
            case QUERY_ALONE -> p() + "_query_alone";
            case ALONE -> p() + "_alone";
        };
        StringBuilder out = new StringBuilder(d.docId()).append(" · ").append(c.name());
        if (c.kind() != Kind.QUERY_ALONE) {
            out.append('\n').append('“').append(shorten(c.text(), 90)).append('”');
        }
        out.append('\n').append(p()).append("_full ").append(number(d.pFull())).append(" → ").append(scoredName)
                .append(' ').append(number(scored(row, column))).append(" · Δ").append(probabilities ? "p " : " ")
                .append(signed(delta(row, column)));
        return out.toString();
    }

    /** The tooltip of a column header: its clause in full and its summary. */
    public String headerTooltip(int column) {
        Column c = columns.get(column);
        StringBuilder out = new StringBuilder();
        switch (c.kind()) {
            case WITHOUT -> out.append("Clause ").append(c.clause() + 1).append(": ").append(c.text());
            case ALONE -> out.append("The query with clause ").append(c.clause() + 1).append(" alone: ")
                    .append(c.text());
            case QUERY_ALONE -> out.append(c.text());
        }
        if (c.summary() != null) {
            out.append("\n\n");
            List<String> parts = new ArrayList<>();
            for (Summary s : summaries) {
                parts.add(s.label() + " " + summaryText(s, column));
            }
            out.append(String.join(" · ", parts));
        }
        out.append("\n\nClick to sort by this column; right-click to make it a variant.");
        return out.toString();
    }

    /** A summary cell's text: "9", "0.283", "0.337", "+0.082"; "—" where none is computed. */
    public String summaryText(Summary s, int column) {
        ClauseSummary c = columns.get(column).summary();
        if (c == null) {
            return "—";
        }
        return switch (s) {
            case FLIPS -> Integer.toString(c.flips());
            case MEAN_ABS_DELTA -> Double.isNaN(c.meanAbsDelta()) ? "n/a"
                    : String.format(Locale.US, "%.3f", c.meanAbsDelta());
            case KENDALL_TAU -> Double.isNaN(c.kendallTau()) ? "n/a" : String.format(Locale.US, "%.3f", c.kendallTau());
            case P_MRR -> c.pMrr() == null ? "—" : String.format(Locale.US, "%+.3f", c.pMrr());
        };
    }

    /** The p_full column's text of a row. */
    public String pFullText(int row) {
        return number(row(row).pFull());
    }

    /** The tooltip of a row's document id and p_full. */
    public String rowTooltip(int row) {
        DocumentAttribution d = row(row);
        String title = d.title() == null || d.title().isBlank() ? "" : "\n" + shorten(d.title(), 90);
        return d.docId() + title + "\n" + p() + "_full " + number(d.pFull()) + " (with the whole instruction)";
    }

    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
