package org.relevanceworkbench.corpus;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The postings of words in many documents, kept in the workspace ({@code bm25_postings}, schema 7) so that a word is
 * read the long way once per state of the index, not once per process: FTS5 keeps every position of every word, and the
 * most frequent word of a million documents is 20 MB of them (60–150 ms to read and count here); its copy here is a
 * count per document, about 1 MB, read in a few milliseconds. A search stores what it read from FTS5 when it was long
 * ({@link #storeFrom}); a copy is used only while its FTS5 structure record is, byte for byte, the index's current
 * one (any write to the index changes it), and the index build deletes the copies it made stale.
 *
 * <p>Postings are offsets from the index's first row. Dense ones (as {@link Bm25Index.Postings} holds them) are a byte
 * per offset, the count (0 where the word is absent) or {@link #ESCAPE} for a count of 255 or more, followed by an
 * (offset delta, count) pair per escaped offset; sparse ones an (offset delta, count) pair per document. Those numbers
 * are unsigned LEB128 varints. A copy that does not decode to exactly what its columns say is ignored.
 */
final class StoredPostings {
    /**
     * Doclists of this many documents or more are stored once read: a shorter one reads from FTS5 in ~2 ms or less.
     * (Tests lower it, to store postings of small collections.)
     */
    static volatile int storeFrom = 20_000;
    /** Stored bytes per index at most; the copies stored longest ago go first. */
    static final long BUDGET_BYTES = 64L << 20;

    /** In a dense copy, the byte of an offset whose count is in the escapes after the bytes. */
    static final int ESCAPE = 0xff;
    static final String FIND = "SELECT structure, first_row, span, size, dense, postings FROM bm25_postings"
            + " WHERE fts_table = ? AND term = ?";

    private StoredPostings() {
    }

    /** The stored postings of {@code term} in the index state {@code structure}, or null when there are none. */
    static Bm25Index.Postings read(Connection c, String table, byte[] term, byte[] structure, long first, int span)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(FIND)) {
            ps.setString(1, table);
            ps.setBytes(2, term);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !Arrays.equals(rs.getBytes(1), structure) || rs.getLong(2) != first
                        || rs.getLong(3) != span) {
                    return null;
                }
                long size = rs.getLong(4);
                boolean dense = rs.getInt(5) == 1;
                byte[] blob = rs.getBytes(6);
                return size < 0 || size > span || blob == null ? null : decode(blob, dense, (int) size, span);
            }
        }
    }

    /**
     * Stores {@code postings} of {@code term}, read in the state {@code structure}, when that is still the index's
     * state, and keeps the table's copies of this index within {@link #BUDGET_BYTES}. Call in a write transaction.
     */
    static void save(Connection c, String table, byte[] term, byte[] structure, long first, int span,
            Bm25Index.Postings postings) throws SQLException {
        if (!Arrays.equals(new Fts5Index(c, table).structure().raw(), structure)) {
            return; // the index changed since it was read: the copy would be stale at once
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO bm25_postings"
                + "(fts_table, term, structure, first_row, span, size, dense, postings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, table);
            ps.setBytes(2, term);
            ps.setBytes(3, structure);
            ps.setLong(4, first);
            ps.setLong(5, span);
            ps.setLong(6, postings.size);
            ps.setInt(7, postings.dense() ? 1 : 0);
            ps.setBytes(8, encode(postings));
            ps.executeUpdate();
        }
        keepWithinBudget(c, table);
    }

    /** Deletes the copies of {@code table} that are not of its current state: call after a write to the index. */
    static void deleteStale(Connection c, String table) throws SQLException {
        byte[] structure;
        try {
            structure = new Fts5Index(c, table).structure().raw();
        } catch (Fts5Index.Unsupported unreadable) {
            structure = new byte[0]; // none of the copies can be of it
        }
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM bm25_postings WHERE fts_table = ? AND structure != ?")) {
            ps.setString(1, table);
            ps.setBytes(2, structure);
            ps.executeUpdate();
        }
    }

    private static void keepWithinBudget(Connection c, String table) throws SQLException {
        long kept = 0;
        long oldestKept = Long.MAX_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT rowid, length(postings) FROM bm25_postings"
                + " WHERE fts_table = ? ORDER BY rowid DESC")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && kept + rs.getLong(2) <= BUDGET_BYTES) {
                    kept += rs.getLong(2);
                    oldestKept = rs.getLong(1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM bm25_postings WHERE fts_table = ? AND rowid < ?")) {
            ps.setString(1, table);
            ps.setLong(2, oldestKept);
            ps.executeUpdate();
        }
    }

    static byte[] encode(Bm25Index.Postings postings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(postings.dense() ? postings.counts.length
                : 3 * postings.size);
        if (postings.dense()) {
            byte[] bytes = new byte[postings.counts.length];
            for (int o = 0; o < bytes.length; o++) {
                bytes[o] = (byte) Math.min(postings.counts[o], ESCAPE);
            }
            out.writeBytes(bytes);
            int previous = 0;
            for (int o = 0; o < bytes.length; o++) {
                if (postings.counts[o] >= ESCAPE) {
                    writeVarint(out, o - previous);
                    writeVarint(out, postings.counts[o]);
                    previous = o;
                }
            }
        } else {
            int previous = 0;
            for (int i = 0; i < postings.size; i++) {
                writeVarint(out, postings.rows[i] - previous);
                writeVarint(out, postings.counts[i]);
                previous = postings.rows[i];
            }
        }
        return out.toByteArray();
    }

    /** The postings {@link #encode} wrote, or null when {@code blob} is not exactly that. */
    static Bm25Index.Postings decode(byte[] blob, boolean dense, int size, int span) {
        int[] at = {0};
        try {
            if (dense) {
                return decodeDense(blob, size, span);
            }
            int[] rows = new int[size];
            char[] counts = new char[size];
            int offset = 0;
            for (int i = 0; i < size; i++) {
                int delta = readVarint(blob, at);
                offset += delta;
                int count = readVarint(blob, at);
                if (i > 0 && delta == 0 || offset < 0 || offset >= span || count == 0 || count > Character.MAX_VALUE) {
                    return null;
                }
                rows[i] = offset;
                counts[i] = (char) count;
            }
            return at[0] == blob.length ? new Bm25Index.Postings(rows, counts, size) : null;
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException truncated) {
            return null;
        }
    }

    /** A byte per offset, widened (a loop the JIT vectorizes), then the escaped counts put in their places. */
    private static Bm25Index.Postings decodeDense(byte[] blob, int size, int span) {
        if (blob.length < span) {
            return null;
        }
        char[] counts = new char[span];
        for (int o = 0; o < span; o++) {
            counts[o] = (char) (blob[o] & 0xff);
        }
        int held = 0;
        int escaped = 0;
        for (int o = 0; o < span; o++) {
            held += counts[o] != 0 ? 1 : 0;
            escaped += counts[o] == ESCAPE ? 1 : 0;
        }
        int[] at = {span};
        int offset = 0;
        for (int e = 0; e < escaped; e++) {
            int delta = readVarint(blob, at);
            offset += delta;
            int count = readVarint(blob, at);
            if (e > 0 && delta == 0 || offset < 0 || offset >= span || counts[offset] != ESCAPE || count < ESCAPE
                    || count > Character.MAX_VALUE) {
                return null;
            }
            counts[offset] = (char) count;
        }
        return at[0] == blob.length && held == size ? new Bm25Index.Postings(null, counts, size) : null;
    }

    private static void writeVarint(ByteArrayOutputStream out, int value) {
        while ((value & ~0x7f) != 0) {
            out.write(value & 0x7f | 0x80);
            value >>>= 7;
        }
        out.write(value);
    }

    /** An unsigned LEB128 varint of at most 31 bits at {@code at[0]}, which moves on. */
    private static int readVarint(byte[] a, int[] at) {
        int i = at[0];
        int b = a[i++];
        int value = b & 0x7f;
        for (int shift = 7; b < 0; shift += 7) {
            if (shift > 28) {
                throw new IllegalArgumentException("a varint longer than an int");
            }
            b = a[i++];
            value |= (b & 0x7f) << shift;
        }
        if (value < 0) {
            throw new IllegalArgumentException("a varint past 31 bits");
        }
        at[0] = i;
        return value;
    }
}
