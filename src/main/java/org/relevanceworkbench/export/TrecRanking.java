package org.relevanceworkbench.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.relevanceworkbench.store.RunScore;

/**
 * Ranks as trec_eval derives them. trec_eval ignores the rank column: it sorts a topic's lines by
 * score descending, ties by docno descending ({@code strcmp}). Exported ranks are therefore
 * re-derived in exactly that order, so the ranks printed are the ranks evaluated. A topic whose
 * lines lack scores (a {@code top_ranked.jsonl} import gives an order only) keeps its stored order
 * and gets score = -rank, which makes trec_eval's order that same order.
 */
final class TrecRanking {
    // trec_eval compares scores with > and <, so -0.0 and 0.0 tie (Double.compare would order them).
    private static final Comparator<RunScore> BY_SCORE = ((Comparator<RunScore>) (a, b) -> a.score() > b.score() ? -1
            : a.score() < b.score() ? 1 : 0).thenComparing(RunScore::docId, TrecOrder.DOCNOS.reversed());
    private static final Comparator<RunScore> BY_STORED_RANK = Comparator.comparingInt(RunScore::rank)
            .thenComparing(RunScore::docId, TrecOrder.DOCNOS.reversed());

    private TrecRanking() {
    }

    /** The scores of one topic (one variant), ranked 1..n. */
    static List<RankedDocument> rank(List<RunScore> topicScores) {
        boolean scored = topicScores.stream().map(RunScore::score).allMatch(Objects::nonNull);
        List<RunScore> sorted = new ArrayList<>(topicScores);
        sorted.sort(scored ? BY_SCORE : BY_STORED_RANK);
        List<RankedDocument> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            RunScore s = sorted.get(i);
            int rank = i + 1;
            out.add(new RankedDocument(s.docId(), rank, scored ? s.score() : -rank, s.score()));
        }
        return out;
    }
}
