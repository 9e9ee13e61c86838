package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Qrels: imported ones ({@code source} 'imported' or a set name) and, later, those derived from judgments. */
public final class QrelDao {
    public static final String IMPORTED = "imported";
    private final Connection connection;

    public QrelDao(Connection connection) {
        this.connection = connection;
    }

    /** Reuses one prepared upsert for a whole import; a second grade for the same key replaces the first. */
    public Upserter upserter(long collectionId, String source) throws SQLException {
        return new Upserter(connection.prepareStatement("""
                INSERT INTO qrel(collection_id, source, topic_id, variant, doc_id, grade) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (collection_id, source, topic_id, variant, doc_id) DO UPDATE SET grade = excluded.grade"""),
                collectionId, source);
    }

    public static final class Upserter implements AutoCloseable {
        private final PreparedStatement upsert;
        private final long collectionId;
        private final String source;

        private Upserter(PreparedStatement upsert, long collectionId, String source) {
            this.upsert = upsert;
            this.collectionId = collectionId;
            this.source = source;
        }

        public void upsert(String topicId, String variant, String docId, int grade) throws SQLException {
            upsert.setLong(1, collectionId);
            upsert.setString(2, source);
            upsert.setString(3, topicId);
            upsert.setString(4, variant);
            upsert.setString(5, docId);
            upsert.setInt(6, grade);
            upsert.executeUpdate();
        }

        @Override
        public void close() throws SQLException {
            upsert.close();
        }
    }

    static final String OF_TOPIC = """
            SELECT topic_id, variant, doc_id, grade, source FROM qrel WHERE collection_id = ? AND topic_id = ?
            ORDER BY variant, source, doc_id""";

    public List<Qrel> list(long collectionId) throws SQLException {
        List<Qrel> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("""
                SELECT topic_id, variant, doc_id, grade, source FROM qrel WHERE collection_id = ?
                ORDER BY source, topic_id, variant, doc_id""")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Qrel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    /** The qrels of one topic (every source and variant), through the index by topic. */
    public List<Qrel> list(long collectionId, String topicId) throws SQLException {
        List<Qrel> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(OF_TOPIC)) {
            ps.setLong(1, collectionId);
            ps.setString(2, topicId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Qrel(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    public long count(long collectionId, String variant) throws SQLException {
        return Sql.queryLong(connection, "SELECT count(*) FROM qrel WHERE collection_id = ? AND variant = ?",
                collectionId, variant);
    }
}
