package org.relevanceworkbench.compare;

import java.util.Map;

/**
 * One document of a comparison: its score and rank under each variant (absent where a variant
 * did not score it). Ranks are 1-based, by score descending, ties by doc id descending as
 * trec_eval orders them.
 */
public record ComparisonRow(String docId, String title, Map<String, Double> scores, Map<String, Integer> ranks) {

    public Double score(String variant) {
        return scores.get(variant);
    }

    public Integer rank(String variant) {
        return ranks.get(variant);
    }

    /** score(b) − score(a), or null when either is missing. */
    public Double delta(String a, String b) {
        Double sa = scores.get(a);
        Double sb = scores.get(b);
        return sa == null || sb == null ? null : sb - sa;
    }

    /** How many places the document climbed from a to b (negative: it fell), or null. */
    public Integer rankChange(String a, String b) {
        Integer ra = ranks.get(a);
        Integer rb = ranks.get(b);
        return ra == null || rb == null ? null : ra - rb;
    }

    /** Whether its score crosses the threshold between a and b (relevant under one, not the other). */
    public boolean flipped(String a, String b, double threshold) {
        Double sa = scores.get(a);
        Double sb = scores.get(b);
        return sa != null && sb != null && (sa >= threshold) != (sb >= threshold);
    }
}
