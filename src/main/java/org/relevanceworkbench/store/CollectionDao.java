package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relevanceworkbench.common.UserException;

/** Collections and their per-collection BM25 tables. */
public final class CollectionDao {
    private final Connection connection;

    public CollectionDao(Connection connection) {
        this.connection = connection;
    }

    public Collection create(String name) throws SQLException {
        String trimmed = new CollectionName(name).value();
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO collection(name, created_at) VALUES (?, ?) RETURNING id, created_at")) {
            ps.setString(1, trimmed);
            ps.setString(2, Instant.now().toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                String createdAt = rs.getString(2);
                rs.close();
                FtsTables.create(connection, id);
                return new Collection(id, trimmed, createdAt, 0);
            }
        }
    }

    public Collection getOrCreate(String name) throws SQLException {
        Optional<Collection> existing = find(name);
        return existing.isPresent() ? existing.get() : create(name);
    }

    public Optional<Collection> find(String name) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, name, created_at, indexed_through FROM collection WHERE name = ?")) {
            ps.setString(1, CollectionName.normalize(name));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The collection of that name, or a user error that lists the names that do exist. */
    public Collection require(String name) throws SQLException {
        Optional<Collection> found = find(name);
        if (found.isPresent()) {
            return found.get();
        }
        List<String> names = all().stream().map(Collection::name).toList();
        throw new UserException("no collection named '" + name + "'"
                + (names.isEmpty() ? " (the workspace has none yet)" : " (collections: " + String.join(", ", names) + ")"));
    }

    public List<Collection> all() throws SQLException {
        List<Collection> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, name, created_at, indexed_through FROM collection ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(map(rs));
            }
        }
        return out;
    }

    public List<CollectionStats> stats() throws SQLException {
        List<CollectionStats> out = new ArrayList<>();
        for (Collection c : all()) {
            out.add(stats(c));
        }
        return out;
    }

    public CollectionStats stats(Collection c) throws SQLException {
        return new CollectionStats(c,
                documents(c.id()),
                indexedDocuments(c.id()),
                count("SELECT count(*) FROM topic WHERE collection_id = ?", c.id()),
                count("SELECT count(*) FROM qrel WHERE collection_id = ?", c.id()),
                count("SELECT count(*) FROM run WHERE collection_id = ?", c.id()));
    }

    /** How many documents of the collection its BM25 index holds (kept with the watermark, never counted). */
    public long indexedDocuments(long collectionId) throws SQLException {
        return Sql.queryLong(connection, "SELECT indexed_documents FROM collection WHERE id = ?", collectionId);
    }

    /** How many documents the collection holds (kept by every import, never counted). */
    public long documents(long collectionId) throws SQLException {
        return Sql.queryLong(connection, "SELECT documents FROM collection WHERE id = ?", collectionId);
    }

    /** Adds stored documents to the collection's count, in the transaction that stored them. */
    public void addDocuments(long collectionId, long added) throws SQLException {
        if (added != 0) {
            Sql.update(connection, "UPDATE collection SET documents = documents + ? WHERE id = ?", added, collectionId);
        }
    }

    private long count(String sql, long collectionId) throws SQLException {
        return Sql.queryLong(connection, sql, collectionId);
    }

    /** Re-reads the watermark: another connection may have indexed since {@code c} was read. */
    public long indexedThrough(long collectionId) throws SQLException {
        return Sql.queryLong(connection, "SELECT indexed_through FROM collection WHERE id = ?", collectionId);
    }

    /** Moves the BM25 watermark to {@code documentRow}, which added {@code added} documents to the index. */
    public void setIndexedThrough(long collectionId, long documentRow, long added) throws SQLException {
        Sql.update(connection, "UPDATE collection SET indexed_through = ?, indexed_documents = indexed_documents + ?"
                + " WHERE id = ?", documentRow, added, collectionId);
    }

    /** Deletes a collection with everything that belongs to it (documents, topics, qrels, runs). */
    public void delete(long collectionId) throws SQLException {
        FtsTables.drop(connection, collectionId);
        Sql.update(connection, "DELETE FROM collection WHERE id = ?", collectionId);
    }

    private static Collection map(ResultSet rs) throws SQLException {
        return new Collection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4));
    }
}
