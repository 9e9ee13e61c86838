package org.relevanceworkbench.rerank;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.CachedScore;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.ScoreCacheDao;
import org.relevanceworkbench.store.ScoreKey;

/**
 * Scoring through the workspace's score cache: what is cached for a (query, instruction) and a collection's documents
 * is looked up, and what is missing goes through the scorer seam in one {@link Scorer#score} call, each batch written
 * to the cache as it finishes (so a cancelled or killed run keeps every finished batch). Reranks and attributions
 * share it, so a score computed by one is free for the other.
 */
public final class CachedScoring {
    /** Hears each batch of new scores after it was written to the cache. */
    @FunctionalInterface
    public interface BatchListener {
        void scored(List<CachedScore> batch, int done, int total);
    }

    private final Database db;
    private final Scorer scorer;

    public CachedScoring(Database db, Scorer scorer) {
        this.db = db;
        this.scorer = scorer;
    }

    /** The cache key of a (query, instruction) under a scorer's provenance: FollowIR's {@code {query}} field, hashed. */
    public static ScoreKey key(Provenance p, String query, String instruction) {
        return new ScoreKey(p.backendKey(), p.fingerprint(), p.templateHash(), p.dtype(), p.maxLength(),
                p.specialTokens(), sha256(FollowIrPrompt.queryField(query, instruction)));
    }

    /** The cached scores among {@code docIds} (by doc id); none for a scorer whose scores are not cached (BM25). */
    public static Map<String, CachedScore> lookup(Database db, Scorer scorer, long collectionId, String query,
            String instruction, List<String> docIds) {
        if (!scorer.cacheable() || docIds.isEmpty()) {
            return Map.of();
        }
        ScoreKey key = key(scorer.provenance(), query, instruction);
        return db.read(c -> new ScoreCacheDao(c).find(key, collectionId, docIds));
    }

    public Map<String, CachedScore> lookup(long collectionId, String query, String instruction, List<String> docIds) {
        return lookup(db, scorer, collectionId, query, instruction, docIds);
    }

    /**
     * Scores {@code missing} for the query and instruction in one call of the seam (so the local backend runs their
     * shared prompt prefix once), writing every batch to the cache before {@code listener} hears it.
     */
    public void score(long collectionId, String query, String instruction, List<Candidate> missing,
            BatchListener listener, CancellationToken cancel) {
        if (missing.isEmpty()) {
            return;
        }
        ScoreKey key = key(scorer.provenance(), query, instruction);
        scorer.score(query, instruction, missing, (batch, done, total) -> {
            List<CachedScore> rows = batch.stream().map(CachedScoring::cached).toList();
            if (scorer.cacheable()) {
                db.write(c -> {
                    new ScoreCacheDao(c).put(key, collectionId, rows);
                    return null;
                });
            }
            listener.scored(rows, done, total);
        }, cancel);
    }

    /** A score as the cache keeps it. */
    public static CachedScore cached(DocumentScore s) {
        DocumentScore.Bounds b = s.bounds();
        return new CachedScore(s.id(), s.pTrue(), s.logitTrue(), s.logitFalse(), s.logitDiff(), s.nTokens(),
                s.truncated(), b == null ? Double.NaN : b.low(), b == null ? Double.NaN : b.high());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
