package org.relevanceworkbench.corpus;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Every indexed document's length (tokens, all columns: what bm25() takes from xColumnSize(-1)) in one state of a
 * collection's FTS5 index, per row from {@code first} to {@code last} (-1 where a row is not in the index).
 *
 * <p>FTS5 keeps them one row each in its docsize table; reading a million of them through JDBC takes ~0.4 s, which
 * every first search after opening a workspace paid. So the index build stores them as one blob
 * ({@code bm25_lengths}, schema 6), and a search takes the blob while the index's structure record is the one it was
 * read under (any write to the index changes that record, if only its cookie or write counter); when the index only
 * grew, just the new rows are read from docsize; otherwise all of them, as before.
 */
record DocumentLengths(byte[] structure, long first, long last, int[] lengths) {

    /** The lengths stored for {@code table}, or null when there are none (or the workspace predates schema 6). */
    static DocumentLengths stored(Connection c, String table) throws SQLException {
        if (!Fts5Index.hasTable(c, "bm25_lengths")) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT structure, first_row, last_row, lengths FROM bm25_lengths WHERE fts_table = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                byte[] structure = rs.getBytes(1);
                long first = rs.getLong(2);
                long last = rs.getLong(3);
                byte[] blob = rs.getBytes(4);
                if (blob == null || blob.length % 4 != 0 || blob.length / 4 != last - first + 1) {
                    return null; // not what this class writes: read docsize instead
                }
                int[] lengths = new int[blob.length / 4];
                ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(lengths);
                return new DocumentLengths(structure, first, last, lengths);
            }
        }
    }

    /**
     * The lengths of the index's state {@code structure}, with {@code rows} documents: {@code known} itself when it is
     * of that state, grown from it when the index only grew since, else read whole from docsize. Call inside a read
     * transaction (or the writer's).
     */
    static DocumentLengths of(Connection c, String table, byte[] structure, long rows, DocumentLengths known)
            throws SQLException {
        long first;
        long last;
        try (PreparedStatement ps = c.prepareStatement(rowRangeSql(table));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            first = rs.getLong(1);
            last = rs.getLong(2);
        }
        if (known != null && Arrays.equals(known.structure, structure) && known.first == first && known.last == last
                && known.held() == rows) {
            return known;
        }
        long span = last - first + 1;
        if (span > Math.max(4 * rows, rows + 1_000_000) || span > Integer.MAX_VALUE - 8) {
            throw new Fts5Index.Unsupported("document rows spread too widely (" + span + " for " + rows + ")");
        }
        boolean grown = known != null && known.first == first && known.last <= last;
        int[] lengths;
        if (grown) {
            lengths = Arrays.copyOf(known.lengths, (int) span);
            Arrays.fill(lengths, known.lengths.length, lengths.length, -1);
        } else {
            lengths = new int[(int) span];
            Arrays.fill(lengths, -1);
        }
        readDocsize(c, table, grown ? known.last : first - 1, first, lengths);
        DocumentLengths read = new DocumentLengths(structure, first, last, lengths);
        long held = read.held();
        if (held != rows) {
            if (grown) {
                return of(c, table, structure, rows, null); // not only grown: read it all again
            }
            throw new Fts5Index.Unsupported("read " + held + " document lengths of " + rows);
        }
        return read;
    }

    /**
     * The smallest and largest row of the index, as two subqueries: SQLite reads a lone min() or max() off the end of
     * the rowid B-tree, but both in one SELECT scan the whole table (0.1–0.3 s at 1M documents, in every first search).
     */
    static String rowRangeSql(String table) {
        String docsize = "\"" + table + "_docsize\"";
        return "SELECT (SELECT min(id) FROM " + docsize + "), (SELECT max(id) FROM " + docsize + ")";
    }

    /**
     * Stores the lengths of {@code table}'s current state, unless they are stored already. Call in a write
     * transaction, after the last write to the index (even a setting such as 'automerge' changes its structure).
     */
    static void save(Connection c, String table) throws SQLException {
        Fts5Index index = new Fts5Index(c, table);
        long rows;
        try {
            rows = index.averages()[0];
        } catch (Fts5Index.Unsupported empty) {
            return; // an index of no documents writes an empty averages record: nothing to store
        }
        if (rows <= 0 || !Fts5Index.hasTable(c, "bm25_lengths")) {
            return;
        }
        byte[] structure = index.structure().raw();
        DocumentLengths known = stored(c, table);
        DocumentLengths now = of(c, table, structure, rows, known);
        if (now == known) {
            return;
        }
        ByteBuffer blob = ByteBuffer.allocate(4 * now.lengths.length).order(ByteOrder.LITTLE_ENDIAN);
        blob.asIntBuffer().put(now.lengths);
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO bm25_lengths"
                + "(fts_table, structure, first_row, last_row, lengths) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, table);
            ps.setBytes(2, structure);
            ps.setLong(3, now.first);
            ps.setLong(4, now.last);
            ps.setBytes(5, blob.array());
            ps.executeUpdate();
        }
    }

    /** How many rows have a length: the index's document count when the lengths are whole. */
    long held() {
        long held = 0;
        for (int length : lengths) {
            held += length >= 0 ? 1 : 0;
        }
        return held;
    }

    private static void readDocsize(Connection c, String table, long after, long first, int[] lengths)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, sz FROM \"" + table + "_docsize\" WHERE id > ?"
                + " ORDER BY id")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                int[] at = {0};
                while (rs.next()) {
                    long id = rs.getLong(1);
                    byte[] sz = rs.getBytes(2);
                    long total = 0;
                    at[0] = 0;
                    while (sz != null && at[0] < sz.length) {
                        total += Fts5Index.varint(sz, at);
                    }
                    lengths[(int) (id - first)] = (int) total;
                }
            }
        }
    }
}
