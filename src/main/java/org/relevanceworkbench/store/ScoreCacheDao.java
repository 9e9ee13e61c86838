package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The FollowIR score cache (see Migration1_2). */
public final class ScoreCacheDao {
    private final Connection connection;

    public ScoreCacheDao(Connection connection) {
        this.connection = connection;
    }

    /** The cached scores among {@code docIds}, by doc id. */
    public Map<String, CachedScore> find(ScoreKey key, long collectionId, Collection<String> docIds) throws SQLException {
        Map<String, CachedScore> found = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT doc_id, p_true, logit_true, logit_false, n_tokens, truncated FROM score_cache
                WHERE model_fingerprint = ? AND template_hash = ? AND dtype = ? AND max_length = ? AND special_tokens = ?
                  AND query_sha256 = ? AND collection_id = ? AND doc_id = ?""")) {
            bindKey(ps, key, collectionId);
            for (String docId : docIds) {
                ps.setString(8, docId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found.put(docId, new CachedScore(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), rs.getInt(5), rs.getInt(6) != 0));
                    }
                }
            }
        }
        return found;
    }

    public void put(ScoreKey key, long collectionId, Collection<CachedScore> scores) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT OR REPLACE INTO score_cache(model_fingerprint, template_hash, dtype, max_length, special_tokens,
                  query_sha256, collection_id, doc_id, p_true, logit_true, logit_false, n_tokens, truncated, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            bindKey(ps, key, collectionId);
            String now = Instant.now().toString();
            for (CachedScore s : scores) {
                ps.setString(8, s.docId());
                ps.setDouble(9, s.pTrue());
                ps.setDouble(10, s.logitTrue());
                ps.setDouble(11, s.logitFalse());
                ps.setInt(12, s.nTokens());
                ps.setInt(13, s.truncated() ? 1 : 0);
                ps.setString(14, now);
                ps.executeUpdate();
            }
        }
    }

    private static void bindKey(PreparedStatement ps, ScoreKey key, long collectionId) throws SQLException {
        ps.setString(1, key.modelFingerprint());
        ps.setString(2, key.templateHash());
        ps.setString(3, key.dtype());
        ps.setInt(4, key.maxLength());
        ps.setString(5, key.specialTokens());
        ps.setString(6, key.querySha256());
        ps.setLong(7, collectionId);
    }

    public long count() throws SQLException {
        return Sql.queryLong(connection, "SELECT count(*) FROM score_cache");
    }
}
