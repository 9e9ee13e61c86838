package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The FollowIR score cache (see Migration1_2 and Migration2_3). */
public final class ScoreCacheDao {
    private final Connection connection;

    public ScoreCacheDao(Connection connection) {
        this.connection = connection;
    }

    static final String FIND = """
            SELECT doc_id, p_true, logit_true, logit_false, logit_diff, n_tokens, truncated, p_low, p_high
            FROM score_cache
            WHERE backend = ? AND model_fingerprint = ? AND template_hash = ? AND dtype = ? AND max_length = ?
              AND special_tokens = ? AND query_sha256 = ? AND collection_id = ? AND doc_id = ?""";
    /** Many documents in one statement: SQLite probes the primary key once per id, with no call per id from here. */
    static final String FIND_MANY = FIND.replace("AND doc_id = ?", "AND doc_id IN (SELECT value FROM json_each(?))");

    /** The cached scores among {@code docIds}, by doc id. */
    public Map<String, CachedScore> find(ScoreKey key, long collectionId, Collection<String> docIds) throws SQLException {
        Map<String, CachedScore> found = new HashMap<>();
        if (docIds.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = connection.prepareStatement(FIND_MANY)) {
            bindKey(ps, key, collectionId);
            ps.setString(9, Sql.jsonArray(docIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), new CachedScore(rs.getString(1), rs.getDouble(2), orNaN(rs, 3),
                            orNaN(rs, 4), orNaN(rs, 5), rs.getInt(6), rs.getInt(7) != 0, orNaN(rs, 8), orNaN(rs, 9)));
                }
            }
        }
        return found;
    }

    private static final String PUT = """
            INSERT OR REPLACE INTO score_cache(backend, model_fingerprint, template_hash, dtype, max_length,
              special_tokens, query_sha256, collection_id, doc_id, p_true, logit_true, logit_false, logit_diff,
              p_low, p_high, n_tokens, truncated, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /**
     * The writer's INSERT, prepared once per connection: a run writes the cache batch by batch, and preparing this
     * statement for each batch was 8% of the writer's time (bench store).
     */
    private static final Map<Connection, PreparedStatement> PUTS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private PreparedStatement putStatement() throws SQLException {
        PreparedStatement ps = PUTS.get(connection);
        if (ps == null || ps.isClosed()) {
            ps = connection.prepareStatement(PUT);
            PUTS.put(connection, ps);
        }
        return ps;
    }

    public void put(ScoreKey key, long collectionId, Collection<CachedScore> scores) throws SQLException {
        PreparedStatement ps = putStatement();
        {
            ps.clearBatch(); // nothing left over from a batch that failed
            bindKey(ps, key, collectionId);
            String now = Instant.now().toString();
            for (CachedScore s : scores) {
                ps.setString(9, s.docId());
                ps.setDouble(10, s.pTrue());
                setOrNull(ps, 11, s.logitTrue());
                setOrNull(ps, 12, s.logitFalse());
                setOrNull(ps, 13, s.logitDiff());
                setOrNull(ps, 14, s.pLow());
                setOrNull(ps, 15, s.pHigh());
                ps.setInt(16, s.nTokens());
                ps.setInt(17, s.truncated() ? 1 : 0);
                ps.setString(18, now);
                ps.addBatch(); // one native call per batch: about twice the rows/s of one executeUpdate each
            }
            ps.executeBatch();
        }
    }

    private static void bindKey(PreparedStatement ps, ScoreKey key, long collectionId) throws SQLException {
        ps.setString(1, key.backend());
        ps.setString(2, key.modelFingerprint());
        ps.setString(3, key.templateHash());
        ps.setString(4, key.dtype());
        ps.setInt(5, key.maxLength());
        ps.setString(6, key.specialTokens());
        ps.setString(7, key.querySha256());
        ps.setLong(8, collectionId);
    }

    /** NaN (unknown) is stored as NULL, never as a number. */
    private static void setOrNull(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isNaN(value)) {
            ps.setNull(index, java.sql.Types.REAL);
        } else {
            ps.setDouble(index, value);
        }
    }

    private static double orNaN(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : value;
    }

    public long count() throws SQLException {
        return Sql.queryLong(connection, "SELECT count(*) FROM score_cache");
    }
}
