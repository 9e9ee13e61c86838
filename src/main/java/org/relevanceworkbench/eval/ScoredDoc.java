package org.relevanceworkbench.eval;

/**
 * One retrieved document of a query: its docno and score (trec_eval's {@code sim}; higher ranks first). {@code line}
 * is the results-file line it came from, 0 when built in code; it only makes error messages point somewhere.
 */
public record ScoredDoc(String docno, double score, long line) {
    public ScoredDoc {
        if (docno == null || docno.isEmpty()) {
            throw new IllegalArgumentException("docno must not be empty");
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of " + docno + " is NaN");
        }
    }

    public ScoredDoc(String docno, double score) {
        this(docno, score, 0);
    }
}
