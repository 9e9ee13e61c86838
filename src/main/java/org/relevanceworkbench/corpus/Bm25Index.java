package org.relevanceworkbench.corpus;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state of a collection's BM25 index as the fast path needs it, read from FTS5's own tables: the row count and
 * average length bm25() uses, every indexed document's length (what xColumnSize(-1) returns) and its length
 * normalisation {@code k1 * (1 - b + b * D / avgdl)}, and a bounded cache of term postings (the cached per-term document
 * frequencies and instance counts). It stays valid while the FTS5 structure record is byte for byte the same: any write
 * to the index changes it. Lengths come from the copy the index build stored, and carry over to the next state when the
 * index only grew (documents are never updated in place), so an index build in chunks re-reads only the new rows
 * ({@link DocumentLengths}).
 */
final class Bm25Index {
    static final double K1 = 1.2;
    static final double B = 0.75;

    /** Term postings of one index state: rows as offsets from {@link #base}, instances as unsigned 16-bit counts. */
    static final class Postings {
        /** Rows holding the term, ascending offsets; null when dense. */
        final int[] rows;
        /** Instances per row (sparse: per entry; dense: per offset, 0 when absent). */
        final char[] counts;
        final int size;

        Postings(int[] rows, char[] counts, int size) {
            this.rows = rows;
            this.counts = counts;
            this.size = size;
        }

        boolean dense() {
            return rows == null;
        }

        /** The instances of the term in the row at {@code offset}; 0 when it has none. */
        int countAt(int offset) {
            if (rows == null) {
                return counts[offset];
            }
            int i = Arrays.binarySearch(rows, 0, size, offset);
            return i < 0 ? 0 : counts[i];
        }

        long bytes() {
            return 64 + (rows == null ? 0 : 4L * rows.length) + 2L * counts.length;
        }
    }

    /** Where a read the long way can be kept for other processes ({@link StoredPostings}); null where it cannot. */
    interface Keeper {
        void keep(Bm25Index index, byte[] token, Postings postings);
    }

    final String table;
    final byte[] structure;
    final long rows;
    final long tokens;
    /** FTS5's avgdl: (double) tokens / (double) rows. */
    final double avgdl;
    /** The smallest document row of the index: offsets count from it. */
    final long base;
    /** Document length (tokens, all columns) per offset; -1 where the offset is not a row of the index. */
    final int[] lengths;
    /** {@code k1 * (1 - b + b * D / avgdl)} per offset, computed as bm25() computes it (1.0 where there is no row). */
    final double[] norms;
    /** The workspace keeps long postings ({@link StoredPostings}): false for the in-memory self-check index. */
    private final boolean storesPostings;
    /** The lengths with the rows they cover, so a grown index reads only what follows them. */
    private final DocumentLengths documentLengths;
    private final long postingsBudget;
    private long postingsBytes;
    private final Map<String, Postings> postings = new LinkedHashMap<>(64, 0.75f, true);

    private Bm25Index(String table, byte[] structure, long rows, long tokens, DocumentLengths documentLengths,
            long postingsBudget, boolean storesPostings) {
        this.table = table;
        this.storesPostings = storesPostings;
        this.structure = structure;
        this.rows = rows;
        this.tokens = tokens;
        this.avgdl = (double) tokens / (double) rows;
        this.documentLengths = documentLengths;
        this.base = documentLengths.first();
        this.lengths = documentLengths.lengths();
        this.postingsBudget = postingsBudget;
        this.norms = norms(lengths, avgdl);
    }

    /**
     * {@code k1 * (1 - b + b * D / avgdl)} per offset, 1.0 where there is no row (its counts stay 0). Lengths repeat
     * (a million documents have a few thousand distinct ones), so each distinct length is divided once: the same double
     * per length, a million divisions fewer in the first search after opening a workspace.
     */
    private static double[] norms(int[] lengths, double avgdl) {
        int longest = 0;
        for (int length : lengths) {
            longest = Math.max(longest, length);
        }
        double[] byLength = new double[Math.min(longest, 1 << 20) + 1];
        for (int d = 0; d < byLength.length; d++) {
            byLength[d] = norm(d, avgdl);
        }
        double[] norms = new double[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            int d = lengths[i];
            norms[i] = d < 0 ? 1.0 : d < byLength.length ? byLength[d] : norm(d, avgdl);
        }
        return norms;
    }

    private static double norm(int length, double avgdl) {
        double d = length;
        return K1 * (1 - B + B * d / avgdl);
    }

    /**
     * The index state of {@code table} now: {@code previous} itself when nothing changed, else a new state, its
     * document lengths those of {@code previous} or of the stored copy when they are of this state (or grown into it:
     * see {@link DocumentLengths}). Call inside a read transaction.
     */
    static Bm25Index load(Connection c, String table, Bm25Index previous, long postingsBudget) throws SQLException {
        Fts5Index index = new Fts5Index(c, table);
        Fts5Index.Structure structure = index.structure();
        if (previous != null && Arrays.equals(previous.structure, structure.raw())) {
            return previous;
        }
        long[] averages = index.averages();
        long rows = averages[0];
        if (rows <= 0) {
            throw new Fts5Index.Unsupported("an empty index");
        }
        DocumentLengths known = previous != null ? previous.documentLengths : DocumentLengths.stored(c, table);
        DocumentLengths lengths = DocumentLengths.of(c, table, structure.raw(), rows, known);
        return new Bm25Index(table, structure.raw(), rows, averages[1], lengths, postingsBudget,
                Fts5Index.hasTable(c, "bm25_postings"));
    }

    int span() {
        return lengths.length;
    }

    /** True when this state's cache holds the term's postings: no read needed. */
    synchronized boolean cached(byte[] token) {
        return postings.containsKey(new String(token, StandardCharsets.UTF_8));
    }

    /** {@link #postings(Connection, byte[], Keeper)}, keeping nothing. */
    Postings postings(Connection c, byte[] token) throws SQLException {
        return postings(c, token, null);
    }

    /**
     * The postings of an index term (inside the caller's read transaction): from this state's cache, else from the
     * workspace's stored copy, else read from the index, and then handed to {@code keeper} when they were long.
     */
    Postings postings(Connection c, byte[] token, Keeper keeper) throws SQLException {
        String key = new String(token, StandardCharsets.UTF_8);
        synchronized (this) {
            Postings cached = postings.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Fts5Index index = new Fts5Index(c, table);
        Fts5Index.Structure structure = index.structure();
        if (!Arrays.equals(structure.raw(), this.structure)) {
            throw new Fts5Index.Unsupported("the index changed while it was read");
        }
        Postings read = storesPostings ? StoredPostings.read(c, table, token, this.structure, base, span()) : null;
        if (read == null) {
            read = compact(index.doclist(structure, token));
            if (keeper != null && storesPostings && read.size >= StoredPostings.storeFrom) {
                keeper.keep(this, token, read);
            }
        }
        synchronized (this) {
            Postings meanwhile = postings.get(key);
            if (meanwhile != null) {
                return meanwhile; // read beside this one (a word twice in a query): counted once
            }
            postings.put(key, read);
            postingsBytes += read.bytes();
            var eldest = postings.entrySet().iterator();
            while (postingsBytes > postingsBudget && postings.size() > 1 && eldest.hasNext()) {
                Postings evicted = eldest.next().getValue();
                if (evicted == read) {
                    break;
                }
                eldest.remove();
                postingsBytes -= evicted.bytes();
            }
        }
        return read;
    }

    private Postings compact(Fts5Index.Doclist doclist) {
        int n = doclist.size();
        boolean dense = 3L * n > lengths.length;
        int[] offsets = dense ? null : new int[n];
        char[] counts = new char[dense ? lengths.length : n];
        int i = 0;
        for (Fts5Index.Chunk chunk : doclist.chunks()) {
            long[] rows = chunk.rows();
            int[] instances = chunk.counts();
            for (int e = 0; e < chunk.size(); e++, i++) {
                long offset = rows[e] - base;
                if (offset < 0 || offset >= lengths.length || lengths[(int) offset] < 0) {
                    throw new Fts5Index.Unsupported("row " + rows[e] + " is in a doclist, not in docsize");
                }
                int count = instances[e];
                if (count > Character.MAX_VALUE) {
                    throw new Fts5Index.Unsupported("a term " + count + " times in one document");
                }
                if (dense) {
                    counts[(int) offset] = (char) count;
                } else {
                    offsets[i] = (int) offset;
                    counts[i] = (char) count;
                }
            }
        }
        return new Postings(offsets, counts, n);
    }

    synchronized void forgetPostings() {
        postings.clear();
        postingsBytes = 0;
    }

    synchronized long postingsBytes() {
        return postingsBytes;
    }
}
