package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs and their scores, one row per (topic, variant, document). */
public final class RunDao {
    private static final String RUN_COLUMNS = "id, name, scorer, model_fingerprint, template_hash, dtype, max_length,"
            + " special_tokens, source, created_at, backend, server_route, server_engine, server_version, server_urls,"
            + " server_model";
    private static final int RUN_COLUMN_COUNT = 16;
    private static final String SCORE_COLUMNS =
            "topic_id, variant, doc_id, rank, score, logit_true, logit_false, n_tokens, truncated, logit_diff, p_low, p_high";
    private final Connection connection;

    public RunDao(Connection connection) {
        this.connection = connection;
    }

    public Run create(long collectionId, Run run) throws SQLException {
        String createdAt = Instant.now().toString();
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO run(collection_id, name, scorer, model_fingerprint, template_hash, dtype, max_length,
                                special_tokens, source, created_at, backend, server_route, server_engine,
                                server_version, server_urls, server_model)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
            ps.setLong(1, collectionId);
            ps.setString(2, run.name());
            ps.setString(3, run.scorer());
            ps.setString(4, run.modelFingerprint());
            ps.setString(5, run.templateHash());
            ps.setString(6, run.dtype());
            if (run.maxLength() == null) {
                ps.setNull(7, Types.INTEGER);
            } else {
                ps.setInt(7, run.maxLength());
            }
            ps.setString(8, run.specialTokens());
            ps.setString(9, run.source());
            ps.setString(10, createdAt);
            ps.setString(11, run.backend());
            Run.Server server = run.server();
            ps.setString(12, server == null ? null : server.route());
            ps.setString(13, server == null ? null : server.engine());
            ps.setString(14, server == null ? null : server.version());
            ps.setString(15, server == null ? null : String.join(" ", server.urls()));
            ps.setString(16, server == null ? null : server.model());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return run.stored(rs.getLong(1), createdAt);
            }
        }
    }

    public Optional<Run> find(long collectionId, String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT " + RUN_COLUMNS + " FROM run WHERE collection_id = ? AND name = ?")) {
            ps.setLong(1, collectionId);
            ps.setString(2, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** Removes a run's scores of one topic and variant, before they are written again. */
    public void deleteScores(long runId, String topicId, String variant) throws SQLException {
        Sql.update(connection, DELETE_SCORES, runId, topicId, variant);
    }

    public void delete(long runId) throws SQLException {
        Sql.update(connection, "DELETE FROM run WHERE id = ?", runId);
    }

    public List<RunSummary> list(long collectionId) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + RUN_COLUMNS
                + ", (SELECT count(DISTINCT topic_id) FROM run_score s WHERE s.run_id = run.id),"
                + " (SELECT count(*) FROM run_score s WHERE s.run_id = run.id),"
                + " (SELECT count(*) FROM run_score s WHERE s.run_id = run.id AND s.p_low IS NOT NULL)"
                + " FROM run WHERE collection_id = ? ORDER BY name")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunSummary(map(rs), rs.getLong(RUN_COLUMN_COUNT + 1), rs.getLong(RUN_COLUMN_COUNT + 2),
                            rs.getLong(RUN_COLUMN_COUNT + 3)));
                }
            }
        }
        return out;
    }

    /** Reuses one prepared INSERT for a whole run; returns false for a document already scored. */
    public Inserter inserter(long runId) throws SQLException {
        return new Inserter(connection.prepareStatement("""
                INSERT INTO run_score(run_id, topic_id, variant, doc_id, rank, score, logit_true, logit_false,
                                      n_tokens, truncated, logit_diff, p_low, p_high)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"""), runId);
    }

    public static final class Inserter implements AutoCloseable {
        private final PreparedStatement insert;
        private final long runId;

        private Inserter(PreparedStatement insert, long runId) {
            this.insert = insert;
            this.runId = runId;
        }

        public boolean insert(RunScore s) throws SQLException {
            bind(s);
            return insert.executeUpdate() == 1;
        }

        /** Inserts many in one native batch (about twice the rows/s); returns how many were new. */
        public int insertAll(java.util.Collection<RunScore> scores) throws SQLException {
            for (RunScore s : scores) {
                bind(s);
                insert.addBatch();
            }
            int added = 0;
            for (int n : insert.executeBatch()) {
                added += n > 0 ? 1 : 0;
            }
            return added;
        }

        private void bind(RunScore s) throws SQLException {
            insert.setLong(1, runId);
            insert.setString(2, s.topicId());
            insert.setString(3, s.variant());
            insert.setString(4, s.docId());
            insert.setInt(5, s.rank());
            setDouble(6, s.score());
            setDouble(7, s.logitTrue());
            setDouble(8, s.logitFalse());
            if (s.nTokens() == null) {
                insert.setNull(9, Types.INTEGER);
            } else {
                insert.setInt(9, s.nTokens());
            }
            if (s.truncated() == null) {
                insert.setNull(10, Types.INTEGER);
            } else {
                insert.setInt(10, s.truncated() ? 1 : 0);
            }
            setDouble(11, s.logitDiff());
            setDouble(12, s.pLow());
            setDouble(13, s.pHigh());
        }

        private void setDouble(int index, Double value) throws SQLException {
            if (value == null) {
                insert.setNull(index, Types.REAL);
            } else {
                insert.setDouble(index, value);
            }
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    static final String SCORES_OF_TOPIC = """
            SELECT %s
            FROM run_score WHERE run_id = ? AND topic_id = ? AND variant = ? ORDER BY rank, doc_id""".formatted(
            SCORE_COLUMNS);
    static final String DELETE_SCORES = "DELETE FROM run_score WHERE run_id = ? AND topic_id = ? AND variant = ?";

    /** The scores of one topic and variant, best rank first. */
    public List<RunScore> scores(long runId, String topicId, String variant) throws SQLException {
        List<RunScore> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(SCORES_OF_TOPIC)) {
            ps.setLong(1, runId);
            ps.setString(2, topicId);
            ps.setString(3, variant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapScore(rs));
                }
            }
        }
        return out;
    }

    /** Every score of a run under one variant, topic by topic, best rank first (what a run export writes). */
    public List<RunScore> scores(long runId, String variant) throws SQLException {
        List<RunScore> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT %s
                FROM run_score WHERE run_id = ? AND variant = ? ORDER BY topic_id, rank, doc_id""".formatted(
                SCORE_COLUMNS))) {
            ps.setLong(1, runId);
            ps.setString(2, variant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapScore(rs));
                }
            }
        }
        return out;
    }

    /** The topics a run has scores for. */
    public java.util.Set<String> topics(long runId) throws SQLException {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT DISTINCT topic_id FROM run_score WHERE run_id = ? ORDER BY topic_id")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The variants a run has scores for, alphabetically. */
    public List<String> variants(long runId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT DISTINCT variant FROM run_score WHERE run_id = ? ORDER BY variant")) {
            ps.setLong(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static RunScore mapScore(ResultSet rs) throws SQLException {
        return new RunScore(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                nullableDouble(rs, 5), nullableDouble(rs, 6), nullableDouble(rs, 7),
                rs.getObject(8) == null ? null : rs.getInt(8),
                rs.getObject(9) == null ? null : rs.getInt(9) != 0, nullableDouble(rs, 10), nullableDouble(rs, 11),
                nullableDouble(rs, 12));
    }

    private static Double nullableDouble(ResultSet rs, int index) throws SQLException {
        double value = rs.getDouble(index);
        return rs.wasNull() ? null : value;
    }

    private static Run map(ResultSet rs) throws SQLException {
        String route = rs.getString(12);
        String urls = rs.getString(15);
        Run.Server server = route == null ? null : new Run.Server(route, rs.getString(13), rs.getString(14),
                urls == null || urls.isEmpty() ? List.of() : List.of(urls.split(" ")), rs.getString(16));
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getObject(7) == null ? null : rs.getInt(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), server);
    }
}
