package org.relevanceworkbench.corpus;

/**
 * One BM25 result. {@code score} is FTS5's bm25() negated, so higher is better. The snippet marks
 * matched terms with {@link #MARK_START} and {@link #MARK_END}, which no document text contains;
 * each client renders them its own way.
 */
public record SearchHit(int rank, long row, String docId, String title, double score, String snippet) {
    public static final char MARK_START = '\u0002';
    public static final char MARK_END = '\u0003';

    /** The snippet with matches wrapped in {@code open} and {@code close}. */
    public String snippet(String open, String close) {
        return snippet == null ? "" : snippet.replace(String.valueOf(MARK_START), open)
                .replace(String.valueOf(MARK_END), close);
    }
}
