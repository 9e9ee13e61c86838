package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Topics and their instruction variants. */
public final class TopicDao {
    /** The variant name of a topic's original instruction (TREC's narrative, FollowIR's og). */
    public static final String BASELINE = "og";

    private final Connection connection;

    public TopicDao(Connection connection) {
        this.connection = connection;
    }

    /**
     * Creates the topic or merges into it: a non-null argument replaces the stored value, a null one
     * keeps it. Returns the topic's row.
     */
    public long upsert(long collectionId, String topicId, String query, String description, String narrative)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO topic(collection_id, topic_id, query, description, narrative) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (collection_id, topic_id) DO UPDATE SET
                  query = CASE WHEN excluded.query <> '' THEN excluded.query ELSE topic.query END,
                  description = coalesce(excluded.description, topic.description),
                  narrative = coalesce(excluded.narrative, topic.narrative)
                RETURNING id""")) {
            ps.setLong(1, collectionId);
            ps.setString(2, topicId);
            ps.setString(3, query == null ? "" : query);
            ps.setString(4, description);
            ps.setString(5, narrative);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public Optional<Long> findRow(long collectionId, String topicId) throws SQLException {
        return Optional.ofNullable(Sql.queryNullableLong(connection,
                "SELECT id FROM topic WHERE collection_id = ? AND topic_id = ?", collectionId, topicId));
    }

    /**
     * Sets a variant's instruction, creating the variant when new. A new baseline ({@value #BASELINE})
     * goes first and the others move down; any other new variant goes last. A null instruction
     * creates the variant with empty text but never overwrites stored text.
     */
    public void upsertVariant(long topicRow, String name, String instruction) throws SQLException {
        Long position = Sql.queryNullableLong(connection,
                "SELECT position FROM variant WHERE topic_ref = ? AND name = ?", topicRow, name);
        if (position != null) {
            if (instruction != null) {
                Sql.update(connection, "UPDATE variant SET instruction = ? WHERE topic_ref = ? AND name = ?",
                        instruction, topicRow, name);
            }
            return;
        }
        long newPosition;
        if (BASELINE.equals(name)) {
            Sql.update(connection, "UPDATE variant SET position = position + 1 WHERE topic_ref = ?", topicRow);
            newPosition = 0;
        } else {
            newPosition = Sql.queryLong(connection,
                    "SELECT coalesce(max(position) + 1, 0) FROM variant WHERE topic_ref = ?", topicRow);
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO variant(topic_ref, name, instruction, position) VALUES (?, ?, ?, ?)")) {
            ps.setLong(1, topicRow);
            ps.setString(2, name);
            ps.setString(3, instruction == null ? "" : instruction);
            ps.setLong(4, newPosition);
            ps.executeUpdate();
        }
    }

    /** Changes a topic's query text. */
    public void setQuery(long topicRow, String query) throws SQLException {
        Sql.update(connection, "UPDATE topic SET query = ? WHERE id = ?", query == null ? "" : query, topicRow);
    }

    /** Renames a variant; refuses a name the topic already uses. */
    public void renameVariant(long topicRow, String from, String to) throws SQLException {
        String name = to == null ? "" : to.strip();
        if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new org.relevanceworkbench.common.UserException("a variant name needs letters and no spaces, not '"
                    + to + "'");
        }
        if (!name.equals(from) && Sql.queryNullableLong(connection,
                "SELECT id FROM variant WHERE topic_ref = ? AND name = ?", topicRow, name) != null) {
            throw new org.relevanceworkbench.common.UserException("this topic already has a variant '" + name + "'");
        }
        Sql.update(connection, "UPDATE variant SET name = ? WHERE topic_ref = ? AND name = ?", name, topicRow, from);
    }

    /** Deletes a variant (its runs and qrels stay: they are data, not settings). */
    public void deleteVariant(long topicRow, String name) throws SQLException {
        Sql.update(connection, "DELETE FROM variant WHERE topic_ref = ? AND name = ?", topicRow, name);
        renumber(topicRow, variantNames(topicRow));
    }

    /** Puts the variants in the given order; the first becomes the baseline. */
    public void reorderVariants(long topicRow, java.util.List<String> names) throws SQLException {
        if (!new java.util.HashSet<>(names).equals(new java.util.HashSet<>(variantNames(topicRow)))) {
            throw new IllegalArgumentException("a reorder must name every variant of the topic once: " + names);
        }
        renumber(topicRow, names);
    }

    private void renumber(long topicRow, java.util.List<String> names) throws SQLException {
        // Inside the caller's transaction: readers never see a half-renumbered list.
        for (int i = 0; i < names.size(); i++) {
            Sql.update(connection, "UPDATE variant SET position = ? WHERE topic_ref = ? AND name = ?", i, topicRow,
                    names.get(i));
        }
    }

    private java.util.List<String> variantNames(long topicRow) throws SQLException {
        java.util.List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name FROM variant WHERE topic_ref = ? ORDER BY position")) {
            ps.setLong(1, topicRow);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Every topic of a collection, numeric ids in numeric order, variants baseline first. */
    public List<Topic> list(long collectionId) throws SQLException {
        return load(collectionId, null);
    }

    public Optional<Topic> find(long collectionId, String topicId) throws SQLException {
        return load(collectionId, topicId).stream().findFirst();
    }

    /** The variants of a collection's topics (or of one topic); {@code QueryPlanTest} checks its plan. */
    static String variantsSql(boolean oneTopic) {
        return """
                SELECT v.topic_ref, v.name, v.instruction, v.position FROM variant v
                JOIN topic t ON t.id = v.topic_ref WHERE t.collection_id = ?""" + (oneTopic ? " AND t.topic_id = ?" : "")
                + " ORDER BY v.topic_ref, v.position";
    }

    static String topicsSql(boolean oneTopic) {
        return """
                SELECT t.id, t.topic_id, t.query, t.description, t.narrative FROM topic t
                WHERE t.collection_id = ?""" + (oneTopic ? " AND t.topic_id = ?" : "") + """

                ORDER BY CASE WHEN t.topic_id GLOB '[0-9]*' AND t.topic_id NOT GLOB '*[^0-9]*'
                              THEN CAST(t.topic_id AS INTEGER) END, t.topic_id""";
    }

    private List<Topic> load(long collectionId, String onlyTopicId) throws SQLException {
        Map<Long, List<Variant>> variants = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(variantsSql(onlyTopicId != null))) {
            ps.setLong(1, collectionId);
            if (onlyTopicId != null) {
                ps.setString(2, onlyTopicId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    variants.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new Variant(rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        List<Topic> topics = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(topicsSql(onlyTopicId != null))) {
            ps.setLong(1, collectionId);
            if (onlyTopicId != null) {
                ps.setString(2, onlyTopicId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long row = rs.getLong(1);
                    topics.add(new Topic(row, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            List.copyOf(variants.getOrDefault(row, List.of()))));
                }
            }
        }
        return topics;
    }

    public long count(long collectionId) throws SQLException {
        return Sql.queryLong(connection, "SELECT count(*) FROM topic WHERE collection_id = ?", collectionId);
    }
}
