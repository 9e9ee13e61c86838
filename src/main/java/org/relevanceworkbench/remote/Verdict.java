package org.relevanceworkbench.remote;

import org.relevanceworkbench.scoring.DocumentScore;

/**
 * What a server said of one prompt, before the client puts the document's id, token count and truncation to it.
 * NaN marks what the route does not report.
 */
record Verdict(double pTrue, double logitTrue, double logitFalse, double logitDiff, DocumentScore.Bounds bounds) {

    /** From the log-odds alone (vLLM's raw classify output): p = σ(diff), exactly. */
    static Verdict ofLogitDiff(double diff) {
        return new Verdict(DocumentScore.sigmoid(diff), Double.NaN, Double.NaN, diff, null);
    }

    /**
     * From p alone (vLLM's classify output with its sigmoid applied): the log-odds follow, except at 0 or 1 where the
     * float the server sent has lost them.
     */
    static Verdict ofProbability(double p) {
        double diff = p > 0 && p < 1 ? DocumentScore.logit(p) : Double.NaN;
        return new Verdict(p, Double.NaN, Double.NaN, diff, null);
    }

    DocumentScore toScore(String id, int nTokens, boolean truncated) {
        return new DocumentScore(id, pTrue, logitTrue, logitFalse, logitDiff, nTokens, truncated, bounds);
    }
}
