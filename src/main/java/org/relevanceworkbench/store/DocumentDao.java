package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Documents of collections. Bulk inserts go through an {@link Inserter} that reuses one statement. */
public final class DocumentDao {
    private static final String COLUMNS = "id, doc_id, title, text, fields";
    /** The hot queries, named so that {@code QueryPlanTest} checks each one is answered through an index. */
    static final String FIND = "SELECT " + COLUMNS + " FROM document WHERE collection_id = ? AND doc_id = ?";
    static final String FIND_MANY = "SELECT " + COLUMNS + " FROM document WHERE collection_id = ?"
            + " AND doc_id IN (SELECT value FROM json_each(?))";
    static final String BY_ROW = "SELECT " + COLUMNS + " FROM document WHERE id = ?";
    static final String PAGE = "SELECT " + COLUMNS + " FROM document WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?";
    /** Written as an ordered LIMIT 1 so SQLite reads the last entry of document_by_collection, not the whole range. */
    static final String LAST_ROW = "SELECT id FROM document WHERE collection_id = ? ORDER BY id DESC LIMIT 1";
    static final String NEXT_CHUNK = "SELECT max(id), count(*) FROM (SELECT id FROM document"
            + " WHERE collection_id = ? AND id > ? ORDER BY id LIMIT ?)";
    private final Connection connection;

    public DocumentDao(Connection connection) {
        this.connection = connection;
    }

    /** Reuses one prepared INSERT for a whole import; close it when done. */
    public Inserter inserter(long collectionId) throws SQLException {
        return new Inserter(connection.prepareStatement(
                "INSERT INTO document(collection_id, doc_id, title, text, fields) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (collection_id, doc_id) DO NOTHING"), collectionId);
    }

    public static final class Inserter implements AutoCloseable {
        private final PreparedStatement insert;
        private final long collectionId;

        private Inserter(PreparedStatement insert, long collectionId) {
            this.insert = insert;
            this.collectionId = collectionId;
        }

        /** Adds a document to the next {@link #execute}: many rows in one native call. */
        public void add(String docId, String title, String text, String fieldsJson) throws SQLException {
            insert.setLong(1, collectionId);
            insert.setString(2, docId);
            insert.setString(3, title);
            insert.setString(4, text);
            insert.setString(5, fieldsJson);
            insert.addBatch();
        }

        /** Stores the documents added since the last call; per document 1 if stored, 0 if its id was known. */
        public int[] execute() throws SQLException {
            return insert.executeBatch();
        }

        /** Returns false, storing nothing, when the collection already has a document with this id. */
        public boolean insert(String docId, String title, String text, String fieldsJson) throws SQLException {
            insert.setLong(1, collectionId);
            insert.setString(2, docId);
            insert.setString(3, title);
            insert.setString(4, text);
            insert.setString(5, fieldsJson);
            return insert.executeUpdate() == 1;
        }

        @Override
        public void close() throws SQLException {
            insert.close();
        }
    }

    /** The collection's document count, as its imports keep it (see {@link CollectionDao#addDocuments}). */
    public long count(long collectionId) throws SQLException {
        return Sql.queryLong(connection, "SELECT documents FROM collection WHERE id = ?", collectionId);
    }

    public Optional<Document> find(long collectionId, String docId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(FIND)) {
            ps.setLong(1, collectionId);
            ps.setString(2, docId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The documents of these ids that the collection has, in the ids' order, through one reused statement. */
    public List<Document> findAll(long collectionId, List<String> docIds) throws SQLException {
        java.util.Map<String, Document> byId = new java.util.HashMap<>(docIds.size() * 2);
        try (PreparedStatement ps = connection.prepareStatement(FIND_MANY)) {
            ps.setLong(1, collectionId);
            ps.setString(2, Sql.jsonArray(docIds));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Document d = map(rs);
                    byId.put(d.docId(), d);
                }
            }
        }
        List<Document> out = new ArrayList<>(byId.size());
        for (String docId : docIds) {
            Document d = byId.remove(docId); // a repeated id once, as before
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    public Optional<Document> byRow(long row) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(BY_ROW)) {
            ps.setLong(1, row);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** A page in import order, for browsing. */
    public List<Document> page(long collectionId, long afterRow, int limit) throws SQLException {
        List<Document> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(PAGE)) {
            ps.setLong(1, collectionId);
            ps.setLong(2, afterRow);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(map(rs));
                }
            }
        }
        return out;
    }

    /** Streams every document of a collection in import order without holding them in memory. */
    public void forEach(long collectionId, RowConsumer<Document> consumer) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM document WHERE collection_id = ? ORDER BY id")) {
            ps.setLong(1, collectionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    consumer.accept(map(rs));
                }
            }
        }
    }

    /** The highest document row of a collection (0 when it is empty). */
    public long lastRow(long collectionId) throws SQLException {
        return Sql.queryLong(connection, LAST_ROW, collectionId);
    }

    /** The next {@code limit} documents after row {@code afterRow}: {last row, how many} ({0, 0} when none). */
    public long[] nextChunk(long collectionId, long afterRow, int limit) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(NEXT_CHUNK)) {
            ps.setLong(1, collectionId);
            ps.setLong(2, afterRow);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    static Document map(ResultSet rs) throws SQLException {
        return new Document(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
    }

    /** A consumer that may fail; streaming readers hand each row to one. */
    @FunctionalInterface
    public interface RowConsumer<T> {
        void accept(T row) throws Exception;
    }
}
