package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A stored copy of the postings of words in many documents, per BM25 index: reading the most frequent word of a
 * million documents from FTS5 decodes 20 MB of position lists (60–150 ms); its stored copy, a term frequency per
 * document, is read in a few. A search stores what it had to read the long way; like {@code bm25_lengths} a row is
 * used only while its FTS5 structure record is, byte for byte, the index's current one, and an index build deletes
 * the rows it made stale.
 */
final class Migration6_7 implements Migration {
    @Override
    public int from() {
        return 6;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE bm25_postings ("
                    + "fts_table TEXT NOT NULL," // the collection's FTS5 table, FtsTables.ftsTable
                    + " term BLOB NOT NULL," // the index term (the tokenizer's output), UTF-8
                    + " structure BLOB NOT NULL," // the index's structure record when the postings were read
                    + " first_row INTEGER NOT NULL," // the row that offset 0 is
                    + " span INTEGER NOT NULL," // offsets 0 .. span - 1
                    + " size INTEGER NOT NULL," // documents that hold the term
                    + " dense INTEGER NOT NULL," // 1: a count byte per offset; 0: (offset delta, count) per document
                    + " postings BLOB NOT NULL," // corpus.StoredPostings: bytes and unsigned LEB128 varints
                    + " UNIQUE (fts_table, term))");
        }
    }
}
