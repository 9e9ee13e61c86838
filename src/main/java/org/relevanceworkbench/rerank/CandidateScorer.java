package org.relevanceworkbench.rerank;

import java.util.List;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.Candidate;
import org.relevanceworkbench.model.DocumentScore;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.Provenance;
import org.relevanceworkbench.model.ScoreListener;

/**
 * What scores a topic variant's candidates: FollowIR-7B, or BM25 as an instruction-blind
 * baseline when no model is at hand. Scores stream batch by batch.
 */
public interface CandidateScorer {
    /** The run's scorer name: "followir" or "bm25". */
    String scorerName();

    /** What makes its scores comparable; runs record it. */
    Provenance provenance();

    /** Whether its scores are worth keeping in the score cache (BM25's are cheaper to recompute). */
    boolean cacheable();

    List<DocumentScore> score(String query, String instruction, List<Candidate> candidates, ScoreListener listener,
            CancellationToken cancel);

    /** FollowIR-7B through a loaded scorer. */
    static CandidateScorer followIr(FollowIrScorer scorer) {
        return new CandidateScorer() {
            @Override
            public String scorerName() {
                return "followir";
            }

            @Override
            public Provenance provenance() {
                return scorer.provenance();
            }

            @Override
            public boolean cacheable() {
                return true;
            }

            @Override
            public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
                    ScoreListener listener, CancellationToken cancel) {
                return scorer.score(query, instruction, candidates, listener, cancel);
            }
        };
    }
}
