package org.relevanceworkbench.scoring;

import java.util.List;
import org.relevanceworkbench.common.CancellationToken;

/**
 * The scorer seam: what turns (query, instruction, document) into a score. Three backends stand behind it — FollowIR-7B
 * on DJL in this process, FollowIR-7B on inference servers, and BM25 as an instruction-blind baseline — and every
 * command and screen that scores (score, rerank, the window's runs, judging suggestions) goes through it.
 *
 * <p>A scorer is used from one thread at a time; {@link ScoreListener} calls arrive on that thread.
 */
public interface Scorer extends AutoCloseable {
    /** What makes its scores comparable; runs record it and the score cache keys on it. */
    Provenance provenance();

    /** Whether its scores are worth keeping in the score cache (BM25's are cheaper to recompute). */
    default boolean cacheable() {
        return provenance().backend() != Provenance.Backend.BM25;
    }

    /** The first word of the runs it writes: {@code followir} for FollowIR-7B wherever it runs, {@code bm25}. */
    default String scorerName() {
        return provenance().backend() == Provenance.Backend.BM25 ? "bm25" : "followir";
    }

    /** One line for a status bar: model, where it runs, precision. */
    String describe();

    /**
     * Scores every candidate for the query and instruction (null for none) and returns the scores in the candidates'
     * order. Batches stream to {@code listener} as they finish; a cancel stops between batches with a
     * {@link org.relevanceworkbench.common.CancelledException}, after every finished batch was delivered.
     */
    List<DocumentScore> score(String query, String instruction, List<Candidate> candidates, ScoreListener listener,
            CancellationToken cancel);

    /** Frees what the scorer holds (weights, connections); idempotent. */
    @Override
    void close();
}
