package org.relevanceworkbench.rerank;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.UserException;

/**
 * Which documents to score or judge for a topic: BM25's top k for the topic's query
 * (instruction-blind, as FollowIR's candidate lists are), every document of the collection, the
 * documents a stored run lists for the topic, or a pool: the union of the top k of several runs,
 * as TREC pools its judgments.
 */
public record CandidateSpec(Kind kind, int k, List<String> runs) {
    public enum Kind { BM25, ALL, RUN, POOL }

    /** Parses {@code bm25:100}, {@code all}, {@code run:NAME} or {@code pool:K:RUN1,RUN2}. */
    public static CandidateSpec parse(String spec) {
        String s = spec == null ? "" : spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.equals("all")) {
            return new CandidateSpec(Kind.ALL, 0, List.of());
        }
        if (lower.startsWith("bm25:")) {
            Integer k = positive(s.substring(5));
            if (k != null) {
                return new CandidateSpec(Kind.BM25, k, List.of());
            }
        }
        if (lower.startsWith("run:") && s.length() > 4) {
            return new CandidateSpec(Kind.RUN, 0, List.of(s.substring(4)));
        }
        if (lower.startsWith("pool:")) {
            String[] parts = s.substring(5).split(":", 2);
            Integer k = positive(parts[0]);
            if (k != null && parts.length == 2 && !parts[1].isBlank()) {
                return new CandidateSpec(Kind.POOL, k, Arrays.stream(parts[1].split(",")).map(String::strip)
                        .filter(r -> !r.isEmpty()).toList());
            }
        }
        throw new UserException("candidates must be bm25:K (K ≥ 1), all, run:NAME or pool:K:RUN1,RUN2, not '" + spec + "'");
    }

    private static Integer positive(String text) {
        try {
            int k = Integer.parseInt(text.strip());
            return k >= 1 ? k : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case BM25 -> "bm25:" + k;
            case ALL -> "all";
            case RUN -> "run:" + runs.get(0);
            case POOL -> "pool:" + k + ":" + String.join(",", runs);
        };
    }
}
