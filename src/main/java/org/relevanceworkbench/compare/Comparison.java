package org.relevanceworkbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores of one topic's documents under several variants, side by side: the rows of the
 * comparison table and the numbers of its summary strip.
 */
public final class Comparison {
    private final List<String> variants;
    private final List<ComparisonRow> rows;

    /** What the summary strip shows for two variants a and b. */
    public record Summary(int compared, int flips, double meanAbsDelta, double kendallTau) {
    }

    private Comparison(List<String> variants, List<ComparisonRow> rows) {
        this.variants = variants;
        this.rows = rows;
    }

    /**
     * @param scores per variant, doc id → score
     * @param titles doc id → title (may lack ids)
     */
    public static Comparison of(List<String> variants, Map<String, Map<String, Double>> scores,
            Map<String, String> titles) {
        Map<String, Integer> columns = new HashMap<>();
        for (String variant : variants) {
            columns.putIfAbsent(variant, columns.size());
        }
        Map<String, Integer> rowOf = new LinkedHashMap<>(); // doc → row, in the order the variants first name them
        for (String variant : variants) {
            for (String doc : scores.getOrDefault(variant, Map.of()).keySet()) {
                rowOf.putIfAbsent(doc, rowOf.size());
            }
        }
        int width = columns.size();
        double[][] docScores = new double[rowOf.size()][width];
        int[][] docRanks = new int[rowOf.size()][width];
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            List<Map.Entry<String, Double>> ranked = ranked(scores.getOrDefault(column.getKey(), Map.of()));
            int c = column.getValue();
            for (int i = 0; i < ranked.size(); i++) {
                int row = rowOf.get(ranked.get(i).getKey());
                docScores[row][c] = ranked.get(i).getValue();
                docRanks[row][c] = i + 1;
            }
        }
        Map<String, Integer> shared = Map.copyOf(columns);
        List<ComparisonRow> rows = new ArrayList<>(rowOf.size());
        for (Map.Entry<String, Integer> doc : rowOf.entrySet()) {
            int row = doc.getValue();
            rows.add(new ComparisonRow(doc.getKey(), titles.get(doc.getKey()), shared, docScores[row], docRanks[row]));
        }
        String first = variants.isEmpty() ? null : variants.get(0);
        rows.sort(Comparator.comparing((ComparisonRow r) -> r.rank(first) == null ? Integer.MAX_VALUE : r.rank(first))
                .thenComparing(ComparisonRow::docId));
        return new Comparison(List.copyOf(variants), List.copyOf(rows)); // immutable: the window shows this very list
    }

    /** The documents by score descending, ties by doc id descending (trec_eval's order): rank i + 1 is entry i. */
    static List<Map.Entry<String, Double>> ranked(Map<String, Double> scores) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(scores.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        return sorted;
    }

    public List<String> variants() {
        return variants;
    }

    public List<ComparisonRow> rows() {
        return rows;
    }

    public Summary summary(String a, String b, double threshold) {
        List<ComparisonRow> both = rows.stream().filter(r -> r.score(a) != null && r.score(b) != null).toList();
        int flips = (int) both.stream().filter(r -> r.flipped(a, b, threshold)).count();
        double meanAbs = both.stream().mapToDouble(r -> Math.abs(r.delta(a, b))).average().orElse(Double.NaN);
        double[] x = both.stream().mapToDouble(r -> r.score(a)).toArray();
        double[] y = both.stream().mapToDouble(r -> r.score(b)).toArray();
        return new Summary(both.size(), flips, meanAbs, KendallTau.tauB(x, y));
    }
}
