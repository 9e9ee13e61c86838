package org.relevanceworkbench.rerank;

import java.util.Locale;
import org.relevanceworkbench.common.UserException;

/**
 * Which documents to score for a topic: BM25's top k for the topic's query (instruction-blind, as
 * FollowIR's candidate lists are), every document of the collection, or the documents a stored
 * run lists for the topic.
 */
public record CandidateSpec(Kind kind, int k, String runName) {
    public enum Kind { BM25, ALL, RUN }

    /** Parses {@code bm25:100}, {@code all} or {@code run:NAME}. */
    public static CandidateSpec parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return new CandidateSpec(Kind.ALL, 0, null);
        }
        if (lower.startsWith("bm25:")) {
            try {
                int k = Integer.parseInt(s.substring(5));
                if (k >= 1) {
                    return new CandidateSpec(Kind.BM25, k, null);
                }
            } catch (NumberFormatException e) {
                // falls through to the error below
            }
        }
        if (lower.startsWith("run:") && s.length() > 4) {
            return new CandidateSpec(Kind.RUN, 0, s.substring(4));
        }
        throw new UserException("candidates must be bm25:K (K ≥ 1), all, or run:NAME, not '" + spec + "'");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BM25 -> "bm25:" + k;
            case ALL -> "all";
            case RUN -> "run:" + runName;
        };
    }
}
