package org.relevanceworkbench.compare;

import java.util.Arrays;
import java.util.Map;

/**
 * One document of a comparison: its score and rank under each variant (absent where a variant did not score it).
 * Ranks are 1-based, by score descending, ties by doc id descending as trec_eval orders them.
 *
 * <p>Held as two arrays indexed by variant, the variants' positions shared by every row of the comparison: a window
 * refreshes a comparison of a million rows several times a minute, and two maps of boxed numbers per row made the
 * collector's young pauses the longest stalls of its FX thread.
 */
public final class ComparisonRow {
    private final String docId;
    private final String title;
    private final Map<String, Integer> columns;
    private final double[] scores;
    /** 0 where the variant did not score the document. */
    private final int[] ranks;

    ComparisonRow(String docId, String title, Map<String, Integer> columns, double[] scores, int[] ranks) {
        this.docId = docId;
        this.title = title;
        this.columns = columns;
        this.scores = scores;
        this.ranks = ranks;
    }

    public String docId() {
        return docId;
    }

    public String title() {
        return title;
    }

    /** The column of a variant this row has a score under, or -1. */
    private int column(String variant) {
        Integer c = variant == null ? null : columns.get(variant);
        return c == null || ranks[c] == 0 ? -1 : c;
    }

    public Double score(String variant) {
        int c = column(variant);
        return c < 0 ? null : scores[c];
    }

    public Integer rank(String variant) {
        int c = column(variant);
        return c < 0 ? null : ranks[c];
    }

    /** score(b) − score(a), or null when either is missing. */
    public Double delta(String a, String b) {
        int ca = column(a);
        int cb = column(b);
        return ca < 0 || cb < 0 ? null : scores[cb] - scores[ca];
    }

    /** How many places the document climbed from a to b (negative: it fell), or null. */
    public Integer rankChange(String a, String b) {
        int ca = column(a);
        int cb = column(b);
        return ca < 0 || cb < 0 ? null : ranks[ca] - ranks[cb];
    }

    /** Whether its score crosses the threshold between a and b (relevant under one, not the other). */
    public boolean flipped(String a, String b, double threshold) {
        int ca = column(a);
        int cb = column(b);
        return ca >= 0 && cb >= 0 && (scores[ca] >= threshold) != (scores[cb] >= threshold);
    }

    /** Equal when of the same document with the same scores and ranks: a refresh that changed nothing changes no row. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ComparisonRow r && docId.equals(r.docId) && java.util.Objects.equals(title, r.title)
                && columns.equals(r.columns) && Arrays.equals(scores, r.scores) && Arrays.equals(ranks, r.ranks);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(docId, title, Arrays.hashCode(scores), Arrays.hashCode(ranks));
    }

    @Override
    public String toString() {
        return "ComparisonRow[" + docId + "]";
    }
}
