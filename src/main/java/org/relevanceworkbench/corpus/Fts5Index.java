package org.relevanceworkbench.corpus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one FTS5 table's index straight from its {@code %_data} and {@code %_idx} tables, in the format that
 * {@code ext/fts5/fts5_index.c} documents: the structure record (levels of segments), the averages record (rows and
 * tokens per column) and, for one term, its doclist in every segment: the rows that hold it and how many times
 * (instances over all columns, which is FTS5's own term frequency for bm25()). It decodes what FTS5 decodes and nothing
 * more; anything it does not expect — a version 2 (contentless-delete) structure, a delete marker, a row in two
 * segments, a page that does not parse — is an {@link Unsupported}, and the caller falls back to FTS5's own MATCH.
 *
 * <p>Reads must run inside one read transaction, so the structure and the pages are of one state of the index.
 */
final class Fts5Index {
    static final long AVERAGES_ROWID = 1;
    static final long STRUCTURE_ROWID = 10;
    private static final int PAGE_BITS = 31;
    private static final int HEIGHT_BITS = 5;
    private static final int DLIDX_BITS = 1;
    /** The prefix byte of terms of the main index (prefix indexes use others). */
    private static final byte MAIN_PREFIX = '0';

    /** Something in the index this reader does not handle; the plain MATCH path is used instead. */
    static final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String why) {
            super(why, null, false, false);
        }
    }

    /** One segment of the index: its id and its leaf pages. */
    record Segment(int id, int firstPage, int lastPage) {
    }

    /** The structure record: its bytes (which change with every write to the index) and its segments. */
    record Structure(byte[] raw, List<Segment> segments) {
    }

    /** Entries of a doclist: {@code rows[0, size)} ascending, and the term's instances in each. */
    record Chunk(long[] rows, int[] counts, int size) {
    }

    /**
     * The rows of one term and its instances in each, rows ascending, in chunks of at most {@link #chunkEntries}
     * entries. A frequent word of a million documents is never one array: G1 takes an array of over half a region
     * (2 MB here) as a humongous object, and each such allocation starts a concurrent cycle (29 of 35 collections in 100 first reads
     * of frequent words, when the entries were two growing arrays); nor are its entries copied as they grow.
     */
    static final class Doclist {
        /** Entries per chunk (a setting only for tests, whose doclists are shorter than one). */
        static volatile int chunkEntries = 1 << 16;
        private final List<Chunk> chunks;
        private final int size;

        Doclist(List<Chunk> chunks) {
            this.chunks = List.copyOf(chunks);
            int n = 0;
            for (Chunk chunk : chunks) {
                n += chunk.size();
            }
            this.size = n;
        }

        /** One chunk: {@code rows[0, size)} and their counts. */
        Doclist(long[] rows, int[] counts, int size) {
            this(size == 0 ? List.of() : List.of(new Chunk(rows, counts, size)));
        }

        int size() {
            return size;
        }

        List<Chunk> chunks() {
            return chunks;
        }

        long firstRow() {
            return chunks.get(0).rows()[0];
        }

        long lastRow() {
            Chunk last = chunks.get(chunks.size() - 1);
            return last.rows()[last.size() - 1];
        }

        /** The rows as one array (for merges of overlapping segments, which are rare, and for tests). */
        long[] rows() {
            return joined(new long[size], Chunk::rows);
        }

        /** The counts as one array, in the order of {@link #rows()}. */
        int[] counts() {
            return joined(new int[size], Chunk::counts);
        }

        /** {@code out}, an array of {@link #size()}, filled with each chunk's {@code part} in turn. */
        private <A> A joined(A out, java.util.function.Function<Chunk, Object> part) {
            int n = 0;
            for (Chunk chunk : chunks) {
                System.arraycopy(part.apply(chunk), 0, out, n, chunk.size());
                n += chunk.size();
            }
            return out;
        }
    }

    private final Connection connection;
    private final String table;

    Fts5Index(Connection connection, String table) {
        this.connection = connection;
        this.table = table;
    }

    /** True when the database has the table {@code name}: the copies kept beside FTS5's index (schema 6, 7) may not be. */
    static boolean hasTable(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static long segmentRowid(int segment, int page) {
        return ((long) segment << (PAGE_BITS + HEIGHT_BITS + DLIDX_BITS)) + page;
    }

    Structure structure() throws SQLException {
        byte[] raw = block(STRUCTURE_ROWID);
        if (raw == null) {
            throw new Unsupported("no structure record");
        }
        int[] at = {4};
        if (raw.length >= 8 && (raw[4] & 0xff) == 0xff && raw[5] == 0 && raw[6] == 0 && raw[7] == 1) {
            throw new Unsupported("a version 2 (contentless-delete) structure record");
        }
        int levels = (int) varint(raw, at);
        int segmentCount = (int) varint(raw, at);
        varint(raw, at); // write counter
        List<Segment> segments = new ArrayList<>(segmentCount);
        for (int level = 0; level < levels; level++) {
            varint(raw, at); // input segments of an ongoing merge: their merged pages are trimmed already
            int total = (int) varint(raw, at);
            for (int s = 0; s < total; s++) {
                int id = (int) varint(raw, at);
                int first = (int) varint(raw, at);
                int last = (int) varint(raw, at);
                if (first > 0) { // 0: an input segment whose data was all merged already
                    segments.add(new Segment(id, first, last));
                }
            }
            if (at[0] > raw.length) {
                throw new Unsupported("a structure record that does not parse");
            }
        }
        return new Structure(raw, List.copyOf(segments));
    }

    /** The averages record: {rows, tokens of all columns together}, as xRowCount and xColumnTotalSize(-1) give. */
    long[] averages() throws SQLException {
        byte[] raw = block(AVERAGES_ROWID);
        if (raw == null) {
            return new long[] {0, 0};
        }
        int[] at = {0};
        long rows = varint(raw, at);
        long tokens = 0;
        while (at[0] < raw.length) {
            tokens += varint(raw, at);
        }
        return new long[] {rows, tokens};
    }

    /** The table's columns: one token total per column follows the row count in the averages record. */
    int columns() throws SQLException {
        byte[] raw = block(AVERAGES_ROWID);
        int columns = 0;
        int[] at = {0};
        if (raw != null) {
            varint(raw, at);
            for (; at[0] < raw.length; columns++) {
                varint(raw, at);
            }
        }
        return columns;
    }

    private byte[] block(long rowid) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT block FROM \"" + table + "_data\" WHERE id = ?")) {
            ps.setLong(1, rowid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : null;
            }
        }
    }

    /** The doclist of {@code token} (the tokenizer's output, e.g. a Porter stem) over every segment. */
    Doclist doclist(Structure structure, byte[] token) throws SQLException {
        byte[] key = new byte[token.length + 1];
        key[0] = MAIN_PREFIX;
        System.arraycopy(token, 0, key, 1, token.length);
        List<Doclist> parts = new ArrayList<>();
        boolean columnOneOnly = columns() <= 2;
        try (PreparedStatement idx = connection.prepareStatement("SELECT pgno FROM \"" + table
                + "_idx\" WHERE segid = ? AND term <= ? ORDER BY term DESC LIMIT 1");
                PreparedStatement pages = connection.prepareStatement("SELECT id, block FROM \"" + table
                        + "_data\" WHERE id >= ? AND id <= ? ORDER BY id")) {
            for (Segment segment : structure.segments()) {
                int page = segment.firstPage();
                idx.setInt(1, segment.id());
                idx.setBytes(2, key);
                try (ResultSet rs = idx.executeQuery()) {
                    if (rs.next()) {
                        page = Math.max(segment.firstPage(), (int) (rs.getLong(1) >> 1));
                    }
                }
                if (page > segment.lastPage()) {
                    continue;
                }
                pages.setLong(1, segmentRowid(segment.id(), page));
                pages.setLong(2, segmentRowid(segment.id(), segment.lastPage()));
                try (ResultSet rs = pages.executeQuery()) {
                    Doclist part = new SegmentReader(rs, segment, page, columnOneOnly).read(key);
                    if (part != null && part.size() > 0) {
                        parts.add(part);
                    }
                }
            }
        }
        return merge(parts);
    }

    /**
     * Unions the segments' doclists; a row in two of them means updates or deletes, which this reader leaves to FTS5.
     * Segments written by an index build in chunks hold disjoint ranges of rows, so most unions are a concatenation.
     */
    static Doclist merge(List<Doclist> parts) {
        if (parts.isEmpty()) {
            return new Doclist(new long[0], new int[0], 0);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Doclist> byFirstRow = new ArrayList<>(parts);
        byFirstRow.sort(java.util.Comparator.comparingLong(Doclist::firstRow));
        boolean disjoint = true;
        List<Chunk> chunks = new ArrayList<>();
        for (int p = 0; p < byFirstRow.size(); p++) {
            Doclist d = byFirstRow.get(p);
            disjoint &= p == 0 || d.firstRow() > byFirstRow.get(p - 1).lastRow();
            chunks.addAll(d.chunks());
        }
        if (disjoint) {
            return new Doclist(chunks);
        }
        Doclist merged = byFirstRow.get(0);
        for (int p = 1; p < byFirstRow.size(); p++) {
            merged = mergeTwo(merged, byFirstRow.get(p));
        }
        return merged;
    }

    private static Doclist mergeTwo(Doclist a, Doclist b) {
        int total = a.size() + b.size();
        long[] rows = new long[total];
        int[] counts = new int[total];
        long[] ar = a.rows();
        long[] br = b.rows();
        int[] ac = a.counts();
        int[] bc = b.counts();
        int i = 0;
        int j = 0;
        for (int n = 0; n < total; n++) {
            if (j >= b.size() || i < a.size() && ar[i] < br[j]) {
                rows[n] = ar[i];
                counts[n] = ac[i++];
            } else if (i >= a.size() || br[j] < ar[i]) {
                rows[n] = br[j];
                counts[n] = bc[j++];
            } else {
                throw new Unsupported("row " + ar[i] + " in two segments");
            }
        }
        return new Doclist(rows, counts, total);
    }

    /** Walks one segment's leaves from the page that may hold the term, as fts5SegIterSeekInit and fts5SegIterNext do. */
    private static final class SegmentReader {
        private final ResultSet pages;
        private final Segment segment;
        private int pageNo;
        private byte[] page;
        private int szLeaf;
        /** The chunk being filled: {@code rows[0, size)}; it grows by doubling up to {@link Doclist#chunkEntries}. */
        private long[] rows = new long[16];
        private int[] counts = new int[16];
        private int size;
        private final List<Chunk> filled = new ArrayList<>();
        private long lastRow = Long.MIN_VALUE;
        /** Poslist state across pages: a column marker (0x01) was read, its column number is next. */
        private boolean columnNumberNext;

        /** Every column marker is followed by column number 1 (a table of at most 2 columns). */
        private final boolean columnOneOnly;

        SegmentReader(ResultSet pages, Segment segment, int firstPage, boolean columnOneOnly) {
            this.pages = pages;
            this.columnOneOnly = columnOneOnly;
            this.segment = segment;
            this.pageNo = firstPage - 1;
        }

        /** Loads the next leaf of the segment; false past its last page. */
        private boolean nextPage() throws SQLException {
            if (!pages.next()) {
                page = null;
                return false;
            }
            pageNo++;
            if (pages.getLong(1) != segmentRowid(segment.id(), pageNo)) {
                throw new Unsupported("segment " + segment.id() + " lacks page " + pageNo);
            }
            page = pages.getBytes(2);
            if (page == null || page.length < 4) {
                throw new Unsupported("a leaf page shorter than its header");
            }
            szLeaf = u16(page, 2);
            if (szLeaf > page.length || szLeaf < 4) {
                throw new Unsupported("a leaf page whose footer offset does not parse");
            }
            return true;
        }

        private boolean hasTerms() {
            return szLeaf < page.length;
        }

        private int firstTermOffset() {
            int[] at = {szLeaf};
            return (int) varint(page, at);
        }

        Doclist read(byte[] key) throws SQLException {
            if (!nextPage() || !hasTerms()) {
                return null;
            }
            // fts5LeafSeek: the terms of the page, prefix-compressed, found through the page index in the footer
            int[] footer = {szLeaf};
            int termOffset = (int) varint(page, footer);
            byte[] term = new byte[64];
            int termLength;
            int[] at = {termOffset};
            int fresh = (int) varint(page, at);
            term = append(term, 0, page, at[0], fresh);
            termLength = fresh;
            at[0] += fresh;
            while (true) {
                int cmp = compare(term, termLength, key);
                if (cmp == 0) {
                    break;
                }
                if (cmp > 0 || footer[0] >= page.length) {
                    return null; // not in this segment
                }
                termOffset += (int) varint(page, footer);
                at[0] = termOffset;
                int keep = (int) varint(page, at);
                fresh = (int) varint(page, at);
                if (keep > termLength || at[0] + fresh > szLeaf) {
                    throw new Unsupported("a term that does not parse");
                }
                term = append(term, keep, page, at[0], fresh);
                termLength = keep + fresh;
                at[0] += fresh;
            }
            int endOfDoclist = footer[0] < page.length ? termOffset + (int) varint(page, footer) : page.length + 1;
            // fts5SegIterLoadRowid: the first rowid may be on the next page (the term ended this one)
            int offset = at[0];
            while (offset >= szLeaf) {
                if (!nextPage()) {
                    throw new Unsupported("a term without a doclist");
                }
                offset = 4;
                endOfDoclist = hasTerms() ? firstTermOffset() : page.length + 1;
            }
            at[0] = offset;
            long row = varint(page, at);
            while (true) {
                if (columnOneOnly) {
                    row = entriesOnThisPage(row, at, Math.min(szLeaf, endOfDoclist));
                }
                long sizeField = varint(page, at);
                if ((sizeField & 1) != 0) {
                    throw new Unsupported("a delete marker");
                }
                int poslist = (int) (sizeField >> 1);
                int start = at[0];
                int startPage = pageNo;
                columnNumberNext = false;
                int instances = 0;
                int remaining = poslist;
                int end = Math.min(szLeaf, start + remaining);
                instances += countPositions(page, start, end);
                remaining -= end - start;
                offset = end;
                while (remaining > 0) { // the poslist goes on at offset 4 of the next page(s)
                    if (!nextPage()) {
                        throw new Unsupported("a poslist past the segment's last page");
                    }
                    end = Math.min(szLeaf, 4 + remaining);
                    instances += countPositions(page, 4, end);
                    remaining -= end - 4;
                    offset = end;
                }
                if (instances == 0) {
                    throw new Unsupported("an empty poslist");
                }
                add(row, instances);
                // the next entry: fts5SegIterNext
                if (pageNo == startPage && offset < szLeaf) {
                    if (offset >= endOfDoclist) {
                        break; // the next term
                    }
                    at[0] = offset;
                    row += varint(page, at);
                    continue;
                }
                if (pageNo != startPage && offset < szLeaf) {
                    int firstRowid = u16(page, 0);
                    if (firstRowid == 0) {
                        if (hasTerms() && offset == firstTermOffset()) {
                            break;
                        }
                        throw new Unsupported("a poslist that ends where no rowid or term starts");
                    }
                    if (firstRowid != offset) {
                        throw new Unsupported("a page whose first rowid is not after the poslist");
                    }
                    at[0] = offset;
                    row = varint(page, at);
                    endOfDoclist = hasTerms() ? firstTermOffset() : page.length + 1;
                    continue;
                }
                // the poslist ended with the page: the doclist goes on where a following page has a first rowid
                boolean more = false;
                while (nextPage()) {
                    int firstRowid = u16(page, 0);
                    if (firstRowid != 0 && firstRowid < szLeaf) {
                        at[0] = firstRowid;
                        row = varint(page, at);
                        endOfDoclist = hasTerms() ? firstTermOffset() : page.length + 1;
                        more = true;
                        break;
                    }
                    if (hasTerms()) {
                        break;
                    }
                }
                if (!more) {
                    break;
                }
            }
            if (size > 0) {
                filled.add(new Chunk(rows, counts, size));
            }
            return new Doclist(filled);
        }

        /** Room for one more entry in the chunk being filled. */
        private void makeRoom() {
            if (size < rows.length) {
                return;
            }
            int chunk = Doclist.chunkEntries;
            if (rows.length < chunk) {
                rows = Arrays.copyOf(rows, Math.min(chunk, rows.length * 2));
                counts = Arrays.copyOf(counts, rows.length);
            } else {
                filled.add(new Chunk(rows, counts, size));
                rows = new long[chunk];
                counts = new int[chunk];
                size = 0;
            }
        }

        /**
         * Adds, from the size field at {@code at[0]} on, the entries of the common case, one after another: a one-byte
         * size field, a poslist that ends on this page before {@code limit} (the page's or the doclist's end), and a
         * one-byte rowid delta after it. Stops at the first entry that is anything else, for {@link #read}'s general
         * steps, with {@code at[0]} at that entry's size field; returns that entry's row. Most entries of a frequent
         * word are of this kind, and this loop takes a third of the time of the general steps for them.
         */
        private long entriesOnThisPage(long row, int[] at, int limit) {
            int o = at[0];
            if (row <= lastRow) {
                return row; // the general steps say why
            }
            long last = lastRow;
            byte[] a = page;
            while (o < limit) {
                int sizeField = a[o];
                if (sizeField < 0 || (sizeField & 1) != 0) {
                    break; // a longer size field, or a delete marker
                }
                int start = o + 1;
                int end = start + (sizeField >> 1);
                if (end >= limit || a[end] <= 0) {
                    break; // the last entry here, or a longer (or zero) rowid delta
                }
                int instances = countPositionsColumnOne(a, start, end);
                if (instances == 0) {
                    break;
                }
                makeRoom();
                rows[size] = row;
                counts[size] = instances;
                size++;
                last = row;
                row += a[end];
                o = end + 1;
            }
            lastRow = last;
            at[0] = o;
            return row;
        }

        /**
         * Counts the positions in poslist bytes [from, to): varints of offset deltas + 2, and column changes as a 0x01
         * byte followed by the column number. Varints never straddle pages; a column marker and its number may.
         */
        private int countPositions(byte[] a, int from, int to) {
            return columnOneOnly ? countPositionsColumnOne(a, from, to) : countPositionsAnyColumn(a, from, to);
        }

        /** {@link #countPositions} a varint at a time, for any column number. */
        private int countPositionsAnyColumn(byte[] a, int from, int to) {
            int count = 0;
            int i = from;
            while (i < to) {
                if (columnNumberNext) {
                    columnNumberNext = false;
                } else if (a[i] == 1) {
                    columnNumberNext = true;
                    i++;
                    continue;
                } else {
                    count++;
                }
                while ((a[i] & 0x80) != 0) {
                    i++;
                }
                i++;
            }
            if (i != to) {
                throw new Unsupported("a varint across a page boundary");
            }
            return count;
        }

        private void add(long row, int instances) {
            if (row <= lastRow) {
                throw new Unsupported("rows out of order");
            }
            makeRoom();
            rows[size] = row;
            counts[size] = instances;
            size++;
            lastRow = row;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_BITS = 0x7F7F7F7F7F7F7F7FL;
    private static final long EVERY_BYTE_ONE = 0x0101010101010101L;

    /**
     * The positions in poslist bytes [from, to) when every column number is 1, eight bytes at a time: the varints that
     * end there (bytes below 0x80) less the 0x01 bytes that start a varint. A position is a varint of at least 2, so
     * a 0x01 that starts a varint is a column marker or the column number 1 after it: two per column change, each
     * also ending a varint. The most frequent word of a million documents has 20 MB of poslists; this reads them
     * about 4× faster than a varint at a time.
     */
    static int countPositionsColumnOne(byte[] a, int from, int to) {
        int ends = 0;
        int ones = 0;
        long startBit = 0x80; // bit 7 of the byte that starts a varint: the first one does
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long x = (long) LONGS.get(a, i); // byte k of the 8 in bits 8k..8k+7
            long ending = ~x & HIGH_BITS; // bit 7 of each byte that ends a varint
            long starting = ending << 8 | startBit; // bit 7 of each byte after one that ended a varint
            long y = x ^ EVERY_BYTE_ONE; // a zero byte where x has 0x01
            long isOne = ~((y & LOW_BITS) + LOW_BITS | y | LOW_BITS); // bit 7 of exactly those bytes
            ends += Long.bitCount(ending);
            ones += Long.bitCount(isOne & starting);
            startBit = ending >>> 56; // byte 7 ended a varint: the next word's byte 0 starts one
        }
        int rest = to - i;
        if (rest > 0) { // the last 1–7 bytes as one word too, the bytes past them masked off: most poslists are that short
            long x = 0;
            if (i + Long.BYTES <= a.length) {
                x = (long) LONGS.get(a, i);
            } else {
                for (int k = 0; k < rest; k++) {
                    x |= (a[i + k] & 0xffL) << (8 * k);
                }
            }
            long valid = HIGH_BITS >>> (8 * (Long.BYTES - rest)); // bit 7 of each of the rest bytes
            long ending = ~x & valid;
            long starting = ending << 8 | startBit;
            long y = x ^ EVERY_BYTE_ONE;
            long isOne = ~((y & LOW_BITS) + LOW_BITS | y | LOW_BITS);
            ends += Long.bitCount(ending);
            ones += Long.bitCount(isOne & starting & valid);
        }
        if (to > from && a[to - 1] < 0) {
            throw new Unsupported("a varint across a page boundary");
        }
        return ends - ones;
    }

    private static byte[] append(byte[] term, int keep, byte[] src, int from, int length) {
        if (keep + length > term.length) {
            term = Arrays.copyOf(term, Math.max(term.length * 2, keep + length));
        }
        System.arraycopy(src, from, term, keep, length);
        return term;
    }

    /** memcmp order, a prefix first: the order of FTS5's terms. */
    private static int compare(byte[] a, int aLength, byte[] b) {
        int n = Math.min(aLength, b.length);
        for (int i = 0; i < n; i++) {
            int d = (a[i] & 0xff) - (b[i] & 0xff);
            if (d != 0) {
                return d;
            }
        }
        return aLength - b.length;
    }

    static int u16(byte[] a, int at) {
        return ((a[at] & 0xff) << 8) | (a[at + 1] & 0xff);
    }

    /** An SQLite varint (1–9 bytes, big-endian 7-bit groups, the ninth byte whole) at {@code at[0]}, which moves on. */
    static long varint(byte[] a, int[] at) {
        int i = at[0];
        long value = 0;
        for (int n = 0; n < 8; n++) {
            if (i >= a.length) {
                throw new Unsupported("a varint past the end of a block");
            }
            int b = a[i++] & 0xff;
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                at[0] = i;
                return value;
            }
        }
        if (i >= a.length) {
            throw new Unsupported("a varint past the end of a block");
        }
        value = (value << 8) | (a[i++] & 0xff);
        at[0] = i;
        return value;
    }
}
