package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assessors and their judgments: one row per (assessor, topic, variant, document), never a blob. */
public final class JudgmentDao {
    private static final String SELECT = """
            SELECT a.name, j.topic_id, j.variant, j.doc_id, j.grade, j.note, j.seconds_spent, j.judged_at,
                   j.condition, j.suggested_p, j.queue_order, j.app_version
            FROM judgment j JOIN assessor a ON a.id = j.assessor_id""";

    private final Connection connection;

    public JudgmentDao(Connection connection) {
        this.connection = connection;
    }

    /** The assessor's row, created on first use. */
    public long assessor(String name) throws SQLException {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw new org.relevanceworkbench.common.UserException("an assessor needs a non-empty name");
        }
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO assessor(name, created_at) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id""")) {
            ps.setString(1, trimmed);
            ps.setString(2, Instant.now().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every assessor's name, alphabetically. */
    public List<String> assessors() throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT name FROM assessor ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Records a judgment; judging the same document again replaces grade and note and adds the time spent. */
    public void record(long collectionId, Judgment j) throws SQLException {
        write(collectionId, j, "judgment.seconds_spent + excluded.seconds_spent");
    }

    /** Puts back a judgment exactly as it was (what undo does), time spent included. */
    public void restore(long collectionId, Judgment j) throws SQLException {
        write(collectionId, j, "excluded.seconds_spent");
    }

    private void write(long collectionId, Judgment j, String secondsOnConflict) throws SQLException {
        long assessorId = assessor(j.assessor());
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO judgment(assessor_id, collection_id, topic_id, variant, doc_id, grade, note,
                                     seconds_spent, judged_at, condition, suggested_p, queue_order, app_version)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (assessor_id, collection_id, topic_id, variant, doc_id) DO UPDATE SET
                  grade = excluded.grade, note = excluded.note, seconds_spent = """ + secondsOnConflict + """
                , judged_at = excluded.judged_at, condition = excluded.condition, suggested_p = excluded.suggested_p,
                  queue_order = excluded.queue_order, app_version = excluded.app_version""")) {
            ps.setLong(1, assessorId);
            ps.setLong(2, collectionId);
            ps.setString(3, j.topicId());
            ps.setString(4, j.variant());
            ps.setString(5, j.docId());
            ps.setInt(6, j.grade());
            ps.setString(7, j.note());
            ps.setDouble(8, j.secondsSpent());
            ps.setString(9, j.judgedAt() == null ? Instant.now().toString() : j.judgedAt());
            Judgment.Condition c = j.condition();
            ps.setString(10, c == null ? null : c.kind());
            if (c == null || c.suggestedP() == null) {
                ps.setNull(11, java.sql.Types.REAL);
            } else {
                ps.setDouble(11, c.suggestedP());
            }
            ps.setString(12, c == null ? null : c.queueOrder());
            ps.setString(13, c == null ? null : c.appVersion());
            ps.executeUpdate();
        }
    }

    /** Removes one judgment (undo of a first judgment). */
    public void delete(long collectionId, String assessor, String topicId, String variant, String docId)
            throws SQLException {
        Sql.update(connection, """
                DELETE FROM judgment WHERE collection_id = ? AND topic_id = ? AND variant = ? AND doc_id = ?
                  AND assessor_id = (SELECT id FROM assessor WHERE name = ?)""", collectionId, topicId, variant, docId,
                assessor);
    }

    public Optional<Judgment> find(long collectionId, String assessor, String topicId, String variant, String docId)
            throws SQLException {
        List<Judgment> found = query(SELECT + """

                WHERE j.collection_id = ? AND a.name = ? AND j.topic_id = ? AND j.variant = ? AND j.doc_id = ?""",
                collectionId, assessor, topicId, variant, docId);
        return found.stream().findFirst();
    }

    /** Every assessor's judgments of one topic variant. */
    public List<Judgment> list(long collectionId, String topicId, String variant) throws SQLException {
        return query(SELECT + " WHERE j.collection_id = ? AND j.topic_id = ? AND j.variant = ? ORDER BY a.name, j.doc_id",
                collectionId, topicId, variant);
    }

    /** Every judgment of a collection. */
    public List<Judgment> list(long collectionId) throws SQLException {
        return query(SELECT + " WHERE j.collection_id = ? ORDER BY a.name, j.topic_id, j.variant, j.doc_id",
                collectionId);
    }

    private List<Judgment> query(String sql, Object... params) throws SQLException {
        List<Judgment> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String kind = rs.getString(9);
                    double p = rs.getDouble(10);
                    Double suggestedP = rs.wasNull() ? null : p;
                    Judgment.Condition condition = kind == null ? null
                            : new Judgment.Condition(kind, suggestedP, rs.getString(11), rs.getString(12));
                    out.add(new Judgment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getDouble(7), rs.getString(8), condition));
                }
            }
        }
        return out;
    }
}
