package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The BM25 index of one collection: an external-content FTS5 table over a view of that
 * collection's documents. One table per collection keeps BM25's statistics (document count,
 * average length, document frequencies) those of the collection searched, which one shared table
 * could not. The view makes FTS5's own commands ('rebuild', 'integrity-check', snippets) see only
 * that collection.
 */
public final class FtsTables {
    /** FTS5's in-memory buffer of pending terms: larger buffers mean fewer segments to merge. */
    static final int HASH_SIZE_BYTES = 64 * 1024 * 1024;
    /** The tokenizer of every collection's index (BM25's fast path tokenizes queries with the same one). */
    public static final String TOKENIZE = "porter unicode61";

    private FtsTables() {
    }

    public static String ftsTable(long collectionId) {
        return "document_fts_" + collectionId;
    }

    public static String contentView(long collectionId) {
        return "document_view_" + collectionId;
    }

    static void create(Connection connection, long collectionId) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE VIEW " + contentView(collectionId)
                    + " AS SELECT id, title, text FROM document WHERE collection_id = " + collectionId);
            st.execute("CREATE VIRTUAL TABLE " + ftsTable(collectionId) + " USING fts5(title, text, content='"
                    + contentView(collectionId) + "', content_rowid='id', tokenize='" + TOKENIZE + "')");
            st.execute("INSERT INTO " + ftsTable(collectionId) + "(" + ftsTable(collectionId)
                    + ", rank) VALUES ('hashsize', " + HASH_SIZE_BYTES + ")");
        }
    }

    /** FTS5's own default: after each flush, merge some segments of a level holding at least this many. */
    public static final int DEFAULT_AUTOMERGE = 4;

    /**
     * FTS5's 'automerge' for this collection's index: 0 stops the incremental merges a write does after each flush
     * (crisis merges, at 16 segments in a level, still happen), which a bulk build does without and catches up on later.
     */
    public static void setAutomerge(Connection connection, long collectionId, int segments) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("INSERT INTO " + ftsTable(collectionId) + "(" + ftsTable(collectionId) + ", rank) VALUES "
                    + "('automerge', " + segments + ")");
        }
    }

    static void drop(Connection connection, long collectionId) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("DROP TABLE IF EXISTS " + ftsTable(collectionId));
            st.execute("DROP VIEW IF EXISTS " + contentView(collectionId));
        }
        // a new collection may get this one's id, and so its table's name: its lengths and postings must not be taken for the new
        Sql.update(connection, "DELETE FROM bm25_lengths WHERE fts_table = ?", ftsTable(collectionId));
        Sql.update(connection, "DELETE FROM bm25_postings WHERE fts_table = ?", ftsTable(collectionId));
    }
}
