package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Assessors and their judgments: one row per (assessor, topic, variant, document), never a blob. */
public final class JudgmentDao {
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

    /** Records a judgment; judging the same document again replaces the earlier grade and note. */
    public void record(long collectionId, Judgment j) throws SQLException {
        long assessorId = assessor(j.assessor());
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO judgment(assessor_id, collection_id, topic_id, variant, doc_id, grade, note,
                                     seconds_spent, judged_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (assessor_id, collection_id, topic_id, variant, doc_id) DO UPDATE SET
                  grade = excluded.grade, note = excluded.note,
                  seconds_spent = judgment.seconds_spent + excluded.seconds_spent, judged_at = excluded.judged_at""")) {
            ps.setLong(1, assessorId);
            ps.setLong(2, collectionId);
            ps.setString(3, j.topicId());
            ps.setString(4, j.variant());
            ps.setString(5, j.docId());
            ps.setInt(6, j.grade());
            ps.setString(7, j.note());
            ps.setDouble(8, j.secondsSpent());
            ps.setString(9, j.judgedAt() == null ? Instant.now().toString() : j.judgedAt());
            ps.executeUpdate();
        }
    }

    public List<Judgment> list(long collectionId, String topicId, String variant) throws SQLException {
        List<Judgment> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT a.name, j.topic_id, j.variant, j.doc_id, j.grade, j.note, j.seconds_spent, j.judged_at
                FROM judgment j JOIN assessor a ON a.id = j.assessor_id
                WHERE j.collection_id = ? AND j.topic_id = ? AND j.variant = ? ORDER BY a.name, j.doc_id""")) {
            ps.setLong(1, collectionId);
            ps.setString(2, topicId);
            ps.setString(3, variant);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Judgment(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), rs.getString(6), rs.getDouble(7), rs.getString(8)));
                }
            }
        }
        return out;
    }
}
