package org.relevanceworkbench.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A stored copy of every indexed document's length per BM25 index, so that the first search after opening a workspace
 * reads one blob instead of a million rows of FTS5's docsize table (467 ms at 1M documents). It is a cache that checks
 * itself: a row is used only while its FTS5 structure record is, byte for byte, the index's current one, which any
 * write to the index changes. The index build writes it; a workspace upgraded to this step gets one at its next build
 * (or {@code index}), and searches before that read the docsize table as before.
 */
final class Migration5_6 implements Migration {
    @Override
    public int from() {
        return 5;
    }

    @Override
    public void apply(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE bm25_lengths ("
                    + "fts_table TEXT PRIMARY KEY," // the collection's FTS5 table, FtsTables.ftsTable
                    + " structure BLOB NOT NULL," // its structure record when the lengths were read
                    + " first_row INTEGER NOT NULL," // the smallest document row of the index
                    + " last_row INTEGER NOT NULL," // the largest
                    + " lengths BLOB NOT NULL)"); // int32 little-endian per row first..last, -1 where none
        }
    }
}
