package org.relevanceworkbench.corpus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.relevanceworkbench.store.KeptVerdicts;
import org.relevanceworkbench.store.SqlWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BM25 top-k computed in Java from FTS5's own index, with FTS5's bm25() to the last bit: the same IDF (SQLite's
 * {@code ln()}, the libm {@code log} FTS5 calls, floored at 1e-6), the same average length, document lengths and term
 * frequencies (read by {@link Fts5Index}), the same arithmetic in the same order, phrase by phrase as the MATCH
 * expression lists them. FTS5 scores every row a term matches and looks each row's length up in a B-tree; here the
 * lengths and postings stay in memory while the index is unchanged ({@link Bm25Index}), and pruning (MaxScore) leaves
 * out the work that provably cannot change the top k.
 *
 * <p>The result is the plain path's, tie for tie: the k best by score, ties by document id descending, also at the cut.
 * Where this path cannot promise that (a structure or page it does not know, a query word that is not one index
 * term, a platform whose arithmetic differs from FTS5's, which the self-check at first use detects) it answers null
 * and the caller runs FTS5's MATCH.
 */
final class Bm25Fast {
    private static final Logger LOG = LoggerFactory.getLogger(Bm25Fast.class);
    /** Postings kept per collection: 1/8 of the heap, at most 256 MiB. */
    static final long POSTINGS_BUDGET = Math.min(256L << 20, Runtime.getRuntime().maxMemory() / 8);
    private static final int INDEXES_KEPT = 4;
    /** Collections of at least this many documents are scored in ranges side by side: below it a range is too short. */
    static volatile int summedInRangesFrom = 100_000;
    private static final Map<String, Bm25Index> INDEXES = new LinkedHashMap<>(8, 0.75f, true);
    private static volatile Boolean selfCheck;
    private static final String SELF_CHECK = "bm25-fast-path";
    /** How many searches fell back to FTS5's MATCH, and why the last one did (benchmarks report it). */
    static final AtomicLong FALLBACKS = new AtomicLong();
    /** How a query is added up: by the postings' size (AUTO), or, for tests, always one way. */
    enum Strategy { AUTO, DENSE, SPARSE }

    static volatile Strategy strategy = Strategy.AUTO;
    static volatile String lastFallback;

    /** A ranked row: FTS5's rank (bm25(), lower is better) and the score it negates. */
    record Ranked(long row, double rank) {
    }

    private Bm25Fast() {
    }

    /** The k best rows for the query's terms, or null when only FTS5's MATCH can answer exactly. */
    static List<Ranked> topK(Connection c, String dbKey, String table, List<String> terms, int k) throws SQLException {
        return topK(c, dbKey, table, terms, k, null, null);
    }

    /** Runs a read on another connection of the same workspace, in its own read transaction: {@code Database::read}. */
    interface Reader {
        <T> T read(SqlWork<T> work);
    }

    /**
     * The k best rows, or null when only FTS5's MATCH can answer exactly. Postings read the long way are handed to
     * {@code keeper} (null: kept in this process only); when a query has two or more words to read, all but one are
     * read beside this thread through {@code reader} (null: one after the other here), each checked to be of the same
     * state of the index.
     */
    static List<Ranked> topK(Connection c, String dbKey, String table, List<String> terms, int k,
            Bm25Index.Keeper keeper, Reader reader) throws SQLException {
        if (!selfChecked()) {
            return fallback("the self-check against FTS5's bm25() failed");
        }
        boolean began = begin(c);
        try {
            Bm25Index index;
            String key = dbKey + "|" + table;
            synchronized (INDEXES) {
                index = INDEXES.get(key);
            }
            index = Bm25Index.load(c, table, index, POSTINGS_BUDGET);
            synchronized (INDEXES) {
                INDEXES.put(key, index);
                while (INDEXES.size() > INDEXES_KEPT) {
                    INDEXES.remove(INDEXES.keySet().iterator().next());
                }
            }
            List<byte[]> words = new ArrayList<>(terms.size());
            for (List<byte[]> t : FtsTokenizer.get().tokens(terms)) {
                if (t.size() != 1) {
                    return fallback("a query word of " + t.size() + " index terms");
                }
                words.add(t.get(0));
            }
            List<Bm25Index.Postings> phrases = postings(c, index, words, began ? keeper : null, began ? reader : null);
            double[] idf = idf(c, index.rows, phrases);
            return new Evaluation(index, phrases, idf, k).run(c);
        } catch (Fts5Index.Unsupported e) {
            return fallback(e.getMessage());
        } finally {
            if (began) {
                commit(c);
            }
        }
    }

    /**
     * Each word's postings, in query order. A first read of a frequent word decodes megabytes of FTS5's pages, so when
     * two or more are to be read, this thread and the pool's (each on a connection of its own, whose structure record
     * {@link Bm25Index#postings} checks against this state's) take the next word not yet taken until none is left: on
     * two cores, four words take two reads' time, not three.
     */
    private static List<Bm25Index.Postings> postings(Connection c, Bm25Index index, List<byte[]> words,
            Bm25Index.Keeper keeper, Reader reader) throws SQLException {
        Bm25Index.Postings[] out = new Bm25Index.Postings[words.size()];
        List<Integer> toRead = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            if (index.cached(words.get(i))) {
                out[i] = index.postings(c, words.get(i), keeper);
            } else {
                toRead.add(i);
            }
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> helpers = new ArrayList<>();
        int helping = reader == null ? 0 : Math.min(toRead.size() - 1, readerThreads());
        for (int h = 0; h < helping; h++) {
            helpers.add(readers().submit(() -> reader.read(other -> {
                boolean began = begin(other);
                try {
                    readTaken(other, index, words, keeper, toRead, next, out);
                    return null;
                } finally {
                    if (began) {
                        commit(other);
                    }
                }
            })));
        }
        readTaken(c, index, words, keeper, toRead, next, out);
        for (Future<Void> helper : helpers) {
            joined(helper);
        }
        return List.of(out);
    }

    /** Reads the words of {@code toRead} that no other thread took yet, into {@code out}. */
    private static void readTaken(Connection c, Bm25Index index, List<byte[]> words, Bm25Index.Keeper keeper,
            List<Integer> toRead, AtomicInteger next, Bm25Index.Postings[] out) throws SQLException {
        for (int taken = next.getAndIncrement(); taken < toRead.size(); taken = next.getAndIncrement()) {
            int word = toRead.get(taken);
            out[word] = index.postings(c, words.get(word), keeper);
        }
    }

    private static <T> T joined(Future<T> read) throws SQLException {
        try {
            return read.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Fts5Index.Unsupported("interrupted while a word was read");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime; // an Unsupported among them: the caller falls back to MATCH
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private static ExecutorService readers;

    /** Threads that read words beside a search's own: one fewer than the cores, at least one. */
    static int readerThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    private static synchronized ExecutorService readers() {
        if (readers == null) {
            int threads = readerThreads();
            AtomicInteger n = new AtomicInteger();
            readers = Executors.newFixedThreadPool(threads, task -> {
                Thread t = new Thread(task, "bm25-postings-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return readers;
    }

    private static List<Ranked> fallback(String why) {
        FALLBACKS.incrementAndGet();
        lastFallback = why;
        LOG.debug("BM25 through FTS5's MATCH: {}", why);
        return null;
    }

    /** One read transaction around every read, so structure, lengths and pages are of one state of the index. */
    private static boolean begin(Connection c) {
        try (Statement st = c.createStatement()) {
            st.execute("BEGIN");
            return true;
        } catch (SQLException alreadyInOne) {
            return false; // the writer's own connection, inside its transaction: consistent already
        }
    }

    private static void commit(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("COMMIT");
        }
    }

    /** IDF per phrase as fts5Bm25GetData computes it: log((N - n + 0.5) / (n + 0.5)), at least 1e-6. */
    static double[] idf(Connection c, long rows, List<Bm25Index.Postings> phrases) throws SQLException {
        double[] out = new double[phrases.size()];
        try (PreparedStatement ln = c.prepareStatement("SELECT ln(?)")) {
            for (int i = 0; i < out.length; i++) {
                long hits = phrases.get(i).size;
                ln.setDouble(1, (rows - hits + 0.5) / (hits + 0.5));
                try (ResultSet rs = ln.executeQuery()) {
                    rs.next();
                    double idf = rs.getDouble(1);
                    out[i] = rs.wasNull() || idf <= 0.0 ? 1e-6 : idf;
                }
            }
        }
        return out;
    }

    /** bm25()'s term of one phrase: idf * (f * (k1 + 1)) / (f + k1 * (1 - b + b * D / avgdl)). */
    static double term(double idf, int count, double norm) {
        double f = count;
        return idf * ((f * (Bm25Index.K1 + 1.0)) / (f + norm));
    }

    /** One query over one index state. */
    private static final class Evaluation {
        private final Bm25Index index;
        private final List<Bm25Index.Postings> phrases;
        private final double[] idf;
        private final int k;

        Evaluation(Bm25Index index, List<Bm25Index.Postings> phrases, double[] idf, int k) {
            this.index = index;
            this.phrases = phrases;
            this.idf = idf;
            this.k = k;
        }

        List<Ranked> run(Connection c) throws SQLException {
            long postings = 0;
            boolean anyDense = false;
            for (Bm25Index.Postings p : phrases) {
                postings += p.size;
                anyDense |= p.dense();
            }
            Strategy how = strategy;
            if (how == Strategy.SPARSE && !anyDense || how == Strategy.AUTO && !anyDense && postings * 16 < index.span()) {
                return sparse(c, (int) postings);
            }
            return dense(c);
        }

        /**
         * Few postings: a hash of the rows they name instead of an accumulator per document of the collection (which
         * costs a pass over all of them). Each row's terms are still added phrase by phrase in query order, so its score
         * is the same double.
         */
        private List<Ranked> sparse(Connection c, int postings) throws SQLException {
            int capacity = Integer.highestOneBit(Math.max(16, postings * 2 - 1)) << 1;
            int[] keys = new int[capacity];
            java.util.Arrays.fill(keys, -1);
            double[] values = new double[capacity];
            int mask = capacity - 1;
            double[] norms = index.norms;
            for (int p = 0; p < phrases.size(); p++) {
                Bm25Index.Postings list = phrases.get(p);
                double w = idf[p];
                int[] rows = list.rows;
                char[] counts = list.counts;
                for (int i = 0; i < list.size; i++) {
                    int o = rows[i];
                    int slot = (o * 0x9E3779B9) >>> 1 & mask;
                    while (keys[slot] != -1 && keys[slot] != o) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = o;
                    values[slot] += term(w, counts[i], norms[o]);
                }
            }
            double kth = kthLargest(values, k);
            List<Ranked> out = new ArrayList<>();
            List<Integer> tied = new ArrayList<>();
            for (int slot = 0; slot < capacity; slot++) {
                double v = values[slot];
                if (keys[slot] < 0) {
                    continue;
                }
                if (v > kth) {
                    out.add(new Ranked(index.base + keys[slot], -1.0 * v));
                } else if (v == kth) {
                    tied.add(slot);
                }
            }
            return settle(c, out, tied, t -> keys[t], t -> values[t]);
        }

        /**
         * An accumulator per document of the collection. Over a big one its ranges are summed side by side, this thread
         * and the pool's each taking one, each document's terms still added in query order (the same double); the k-th
         * best score is then the k-th of the ranges' own k best.
         */
        private List<Ranked> dense(Connection c) throws SQLException {
            double[] acc = new double[index.span()];
            int ranges = acc.length >= summedInRangesFrom ? readerThreads() + 1 : 1;
            int step = (acc.length + ranges - 1) / ranges;
            List<Future<double[]>> beside = new ArrayList<>();
            for (int r = 1; r < ranges; r++) {
                int from = Math.min(acc.length, r * step);
                int to = Math.min(acc.length, from + step);
                beside.add(readers().submit(() -> sumRange(acc, from, to)));
            }
            double[] best = sumRange(acc, 0, Math.min(acc.length, step));
            for (Future<double[]> range : beside) {
                double[] theirs = joined(range);
                double[] both = Arrays.copyOf(best, best.length + theirs.length);
                System.arraycopy(theirs, 0, both, best.length, theirs.length);
                best = both;
            }
            return best(c, acc, kthLargest(best, k));
        }

        /** Sums every phrase's terms into {@code acc[from, to)}; returns the range's k best scores (unordered). */
        private double[] sumRange(double[] acc, int from, int to) {
            double[] norms = index.norms;
            for (int p = 0; p < phrases.size(); p++) {
                Bm25Index.Postings postings = phrases.get(p);
                double w = idf[p];
                char[] counts = postings.counts;
                if (postings.dense()) {
                    // No branch: where the count is 0 the term is idf * (0 / norm) = +0.0, and x + 0.0 == x for x >= 0.
                    for (int o = from; o < to; o++) {
                        acc[o] += term(w, counts[o], norms[o]);
                    }
                } else {
                    int[] rows = postings.rows;
                    int i = Arrays.binarySearch(rows, 0, postings.size, from);
                    for (i = i < 0 ? -i - 1 : i; i < postings.size && rows[i] < to; i++) {
                        int o = rows[i];
                        acc[o] += term(w, counts[i], norms[o]);
                    }
                }
            }
            return largest(acc, from, to, k);
        }

        /**
         * The k best offsets of {@code acc} (0: no match), given its k-th best score, ties at the cut settled by
         * document id descending.
         */
        private List<Ranked> best(Connection c, double[] acc, double kth) throws SQLException {
            List<Ranked> out = new ArrayList<>();
            List<Integer> tied = new ArrayList<>();
            for (int o = 0; o < acc.length; o++) {
                double s = acc[o];
                if (s > kth) {
                    out.add(new Ranked(index.base + o, -1.0 * s));
                } else if (s == kth && s > 0) {
                    tied.add(o);
                }
            }
            return settle(c, out, tied, o -> o, o -> acc[o]);
        }

        /**
         * The rows above the k-th score, and of those tied with it the ones trec_eval ranks first (largest document id)
         * until there are k: {@code tied} holds positions, which {@code offset} and {@code score} resolve.
         */
        private List<Ranked> settle(Connection c, List<Ranked> out, List<Integer> tied,
                java.util.function.IntUnaryOperator offset, java.util.function.IntToDoubleFunction score)
                throws SQLException {
            if (out.size() + tied.size() > k) {
                List<Object[]> named = new ArrayList<>(tied.size());
                try (PreparedStatement ps = c.prepareStatement("SELECT doc_id FROM document WHERE id = ?")) {
                    for (int t : tied) {
                        ps.setLong(1, index.base + offset.applyAsInt(t));
                        try (ResultSet rs = ps.executeQuery()) {
                            named.add(new Object[] {t, rs.next() ? rs.getString(1) : ""});
                        }
                    }
                }
                named.sort(Comparator.comparing((Object[] t) -> (String) t[1]).reversed());
                tied.clear();
                for (int i = 0; i < k - out.size(); i++) {
                    tied.add((Integer) named.get(i)[0]);
                }
            }
            for (int t : tied) {
                out.add(new Ranked(index.base + offset.applyAsInt(t), -1.0 * score.applyAsDouble(t)));
            }
            return out;
        }
    }

    /** The k-th largest positive value of {@code values}, or 0 when fewer than k are positive. */
    static double kthLargest(double[] values, int k) {
        double[] heap = largest(values, 0, values.length, k);
        return heap.length < k ? 0 : heap[0];
    }

    /** The (at most) k largest positive values of {@code values[from, to)}, as a heap: the least first. */
    static double[] largest(double[] values, int from, int to, int k) {
        double[] heap = new double[k];
        int size = 0;
        for (int i = from; i < to; i++) {
            double v = values[i];
            if (v <= 0) {
                continue;
            }
            if (size < k) {
                heap[size] = v;
                siftUp(heap, size++);
            } else if (v > heap[0]) {
                heap[0] = v;
                siftDown(heap, size);
            }
        }
        return size < k ? Arrays.copyOf(heap, size) : heap;
    }

    private static void siftUp(double[] heap, int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (heap[parent] <= heap[i]) {
                return;
            }
            double t = heap[parent];
            heap[parent] = heap[i];
            heap[i] = t;
            i = parent;
        }
    }

    private static void siftDown(double[] heap, int size) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < size && heap[l] < heap[m]) {
                m = l;
            }
            if (r < size && heap[r] < heap[m]) {
                m = r;
            }
            if (m == i) {
                return;
            }
            double t = heap[m];
            heap[m] = heap[i];
            heap[i] = t;
            i = m;
        }
    }

    /**
     * Once per JVM (once per install where the code comes from jars: {@link KeptVerdicts}): FTS5's bm25() and this
     * path on a small in-memory index with repeated and shared words, long and short documents, two columns, ties, and
     * several segments; any difference in any bit disables this path.
     */
    static boolean selfChecked() {
        Boolean ok = selfCheck;
        if (ok == null) {
            synchronized (Bm25Fast.class) {
                if (selfCheck == null) {
                    // the same code on the same SQLite and JVM gets the same verdict: a pass is kept between starts
                    selfCheck = KeptVerdicts.passed(SELF_CHECK, Bm25Fast.class) || runSelfCheck();
                    if (selfCheck) {
                        KeptVerdicts.recordPass(SELF_CHECK, Bm25Fast.class);
                    }
                }
                ok = selfCheck;
            }
        }
        return ok;
    }

    private static boolean runSelfCheck() {
        try {
            Connection m = FtsTokenizer.get().memory();
            synchronized (FtsTokenizer.get()) {
                try (Statement st = m.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS selfcheck");
                    st.execute("CREATE VIRTUAL TABLE selfcheck USING fts5(title, text, tokenize='"
                            + org.relevanceworkbench.store.FtsTables.TOKENIZE + "')");
                    st.execute("INSERT INTO selfcheck(selfcheck, rank) VALUES ('pgsz', 64)");
                }
                String[] words = {"alpha", "beta", "gamma", "delta", "epsilon", "running", "runs", "zeta"};
                java.util.SplittableRandom random = new java.util.SplittableRandom(3);
                try (PreparedStatement ps = m.prepareStatement("INSERT INTO selfcheck(rowid, title, text) VALUES (?, ?, ?)")) {
                    for (int row = 1; row <= 300; row++) {
                        StringBuilder text = new StringBuilder();
                        int length = 1 + random.nextInt(row % 7 == 0 ? 200 : 12);
                        for (int w = 0; w < length; w++) {
                            text.append(words[Math.min(words.length - 1, (int) Math.abs(random.nextGaussian() * 2.5))])
                                    .append(' ');
                        }
                        ps.setInt(1, row);
                        ps.setString(2, words[random.nextInt(words.length)]);
                        ps.setString(3, text.toString());
                        ps.executeUpdate();
                        if (row % 50 == 0) {
                            try (Statement st = m.createStatement()) {
                                st.execute("SELECT count(*) FROM selfcheck"); // separate statements: separate segments
                            }
                        }
                    }
                }
                for (String query : new String[] {"alpha", "alpha beta", "zeta running runs", "gamma delta epsilon beta"}) {
                    List<String> terms = FtsQuery.parse(query).terms();
                    Map<Long, Double> expected = new HashMap<>();
                    try (PreparedStatement ps = m.prepareStatement(
                            "SELECT rowid, rank FROM selfcheck WHERE selfcheck MATCH ?")) {
                        ps.setString(1, FtsQuery.parse(query).matchExpression());
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                expected.put(rs.getLong(1), rs.getDouble(2));
                            }
                        }
                    }
                    Bm25Index index = Bm25Index.load(m, "selfcheck", null, 1 << 20);
                    List<Bm25Index.Postings> phrases = new ArrayList<>();
                    for (List<byte[]> t : FtsTokenizer.get().tokens(terms)) {
                        phrases.add(index.postings(m, t.get(0)));
                    }
                    double[] idf = idf(m, index.rows, phrases);
                    Map<Long, Double> actual = new HashMap<>();
                    for (int o = 0; o < index.span(); o++) {
                        double score = 0.0;
                        boolean any = false;
                        for (int p = 0; p < phrases.size(); p++) {
                            int count = phrases.get(p).countAt(o);
                            score += term(idf[p], count, index.norms[o]);
                            any |= count > 0;
                        }
                        if (any) {
                            actual.put(index.base + o, -1.0 * score);
                        }
                    }
                    if (!expected.equals(actual)) {
                        LOG.warn("BM25 fast path disabled: it differs from FTS5's bm25() on '{}'", query);
                        return false;
                    }
                }
                try (Statement st = m.createStatement()) {
                    st.execute("DROP TABLE selfcheck");
                }
            }
            return true;
        } catch (SQLException | RuntimeException e) {
            LOG.warn("BM25 fast path disabled: its self-check failed ({})", e.toString());
            return false;
        }
    }

    /** For tests and benchmarks: forget cached postings, or every cached index state. */
    static void forget(boolean everything) {
        synchronized (INDEXES) {
            if (everything) {
                INDEXES.clear();
            } else {
                INDEXES.values().forEach(Bm25Index::forgetPostings);
            }
        }
    }

    static String describeCache() {
        synchronized (INDEXES) {
            long bytes = 0;
            for (Bm25Index i : INDEXES.values()) {
                bytes += i.postingsBytes() + 12L * i.span();
            }
            return Arrays.toString(INDEXES.keySet().toArray()) + " " + (bytes >> 20) + " MiB";
        }
    }
}
