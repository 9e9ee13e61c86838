package org.relevanceworkbench.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        this.rows = List.copyOf(rows); // immutable: the window shows this very list
    }

    /**
     * @param scores per variant, doc id → score
     * @param titles doc id → title (may lack ids)
     */
    public static Comparison of(List<String> variants, Map<String, Map<String, Double>> scores,
            Map<String, String> titles) {
        Map<String, Map<String, Integer>> ranks = new HashMap<>();
        Set<String> docs = new LinkedHashSet<>();
        for (String variant : variants) {
            Map<String, Double> s = scores.getOrDefault(variant, Map.of());
            ranks.put(variant, ranks(s));
            docs.addAll(s.keySet());
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (String doc : docs) {
            Map<String, Double> docScores = new LinkedHashMap<>();
            Map<String, Integer> docRanks = new LinkedHashMap<>();
            for (String variant : variants) {
                Double s = scores.getOrDefault(variant, Map.of()).get(doc);
                if (s != null) {
                    docScores.put(variant, s);
                    docRanks.put(variant, ranks.get(variant).get(doc));
                }
            }
            rows.add(new ComparisonRow(doc, titles.get(doc), Map.copyOf(docScores), Map.copyOf(docRanks)));
        }
        String first = variants.isEmpty() ? null : variants.get(0);
        rows.sort(Comparator.comparing((ComparisonRow r) -> r.rank(first) == null ? Integer.MAX_VALUE : r.rank(first))
                .thenComparing(ComparisonRow::docId));
        return new Comparison(List.copyOf(variants), List.copyOf(rows));
    }

    /** 1-based ranks by score descending, ties by doc id descending (trec_eval's order). */
    static Map<String, Integer> ranks(Map<String, Double> scores) {
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(scores.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            out.put(sorted.get(i).getKey(), i + 1);
        }
        return out;
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
