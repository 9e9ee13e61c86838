package org.relevanceworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.File;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.Bm25Search;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.corpus.SearchHit;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.rerank.CandidateSpec;
import org.relevanceworkbench.rerank.RerankService;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Scorer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.FtsTables;
import org.relevanceworkbench.store.TopicDao;

/**
 * The store's benchmark, every figure from one run on the same synthetic documents:
 * <ol>
 *   <li>per size: the bare engine (prepared INSERTs into the document table, then one FTS5 'rebuild', in one
 *       transaction, in this process) against the whole {@code import} command on the same documents as a user runs
 *       it — a child {@code java} process, JVM start included — with the child's heap (from its GC log) and the
 *       database's bytes per document;</li>
 *   <li>at the largest size: BM25 top-100 latency through the fast path (warm, and with its postings forgotten) and
 *       FTS5's MATCH, on mid-frequency and on the most frequent words, with a check that both give the same hits;</li>
 *   <li>the workspace's hot paths at that size: {@code list collections} as a command, a document preview, a page;</li>
 *   <li>a run of {@code topics × candidates × 2 variants} scores through {@link RerankService} with a scorer that
 *       answers at once, so that only the store is measured: scores/s into the score cache and {@code run_score}, and
 *       the heap it needed.</li>
 * </ol>
 */
public final class StoreBenchmark {
    /** What to run. */
    public record Options(List<Integer> sizes, int documentBytes, int queries, int plainQueries, int topics,
            int candidates, Path workDir) {
    }

    /** One size's import figures. */
    public record ImportRow(int documents, double bareSeconds, double importSeconds, long heapPeakBytes,
            long heapAfterGcBytes, long databaseBytes) {

        public double ratio() {
            return bareSeconds / importSeconds;
        }
    }

    private final Options options;
    private final PrintWriter log;
    private final SyntheticCorpus corpus;

    public StoreBenchmark(Options options, PrintWriter log) {
        this.options = options;
        this.log = log;
        this.corpus = new SyntheticCorpus(50_000, options.documentBytes(), 42);
    }

    public List<ImportRow> run() throws Exception {
        Files.createDirectories(options.workDir());
        log.printf(Locale.US, "synthetic documents of %,d bytes; %d cores, Java %s; load average %s at the start%n",
                options.documentBytes(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAverage());
        log.println("import: the whole command (java -jar … import, JVM start included) against the bare engine");
        log.println("(prepared INSERTs, one FTS5 'rebuild', one transaction, in this process), same documents:");
        log.printf(Locale.US, "%10s %9s %11s %9s %11s %12s %10s %14s %9s%n", "documents", "bare s", "bare docs/s",
                "import s", "import/s", "import/bare", "heap peak", "heap after GC", "bytes/doc");
        log.flush();
        List<ImportRow> rows = new ArrayList<>();
        Path last = null;
        for (int size : options.sizes()) {
            Path corpusFile = options.workDir().resolve("corpus-" + size + ".jsonl");
            writeCorpus(corpusFile, size);
            double bare = bareLoad(options.workDir().resolve("bare-" + size + ".db"), size);
            Path importDb = options.workDir().resolve("import-" + size + ".db");
            ImportRow row = wholeImport(corpusFile, importDb, size, bare);
            rows.add(row);
            log.printf(Locale.US, "%,10d %9.2f %,11.0f %9.2f %,11.0f %11.2f× %7.0f MB %11.0f MB %,9d%n", size,
                    row.bareSeconds(), size / row.bareSeconds(), row.importSeconds(), size / row.importSeconds(),
                    row.ratio(), row.heapPeakBytes() / 1e6, row.heapAfterGcBytes() / 1e6,
                    row.databaseBytes() / size);
            log.flush();
            Files.deleteIfExists(corpusFile);
            deleteDatabase(options.workDir().resolve("bare-" + size + ".db"));
            if (last != null) {
                deleteDatabase(last);
            }
            last = importDb;
        }
        int largest = options.sizes().get(options.sizes().size() - 1);
        try (Database db = Database.open(last)) {
            searchLatency(db, largest);
            workspaceHotPaths(db, last, largest);
            scoreWrites(db);
        }
        return rows;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return String.format(Locale.US, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private void writeCorpus(Path file, int documents) throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int n = 0; n < documents; n++) {
                ObjectNode line = json.createObjectNode();
                line.put("_id", "doc" + n);
                line.put("title", corpus.title(n));
                line.put("text", corpus.text(n));
                out.write(json.writeValueAsString(line));
                out.write('\n');
            }
        }
    }

    /** The engine's own limit: the same rows, prepared INSERTs, one 'rebuild', one transaction; seconds. */
    private double bareLoad(Path file, int documents) throws Exception {
        deleteDatabase(file);
        try (Database db = Database.open(file)) {
            Collection collection = db.write(c -> new CollectionDao(c).create("bench"));
            String[] titles = new String[documents];
            String[] texts = new String[documents];
            for (int n = 0; n < documents; n++) {
                titles[n] = corpus.title(n);
                texts[n] = corpus.text(n);
            }
            long t0 = System.nanoTime();
            db.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO document(collection_id, doc_id, title, text) VALUES (?, ?, ?, ?)")) {
                    for (int n = 0; n < documents; n++) {
                        ps.setLong(1, collection.id());
                        ps.setString(2, "doc" + n);
                        ps.setString(3, titles[n]);
                        ps.setString(4, texts[n]);
                        ps.executeUpdate();
                    }
                }
                String fts = FtsTables.ftsTable(collection.id());
                try (Statement st = c.createStatement()) {
                    st.execute("INSERT INTO " + fts + "(" + fts + ") VALUES ('rebuild')");
                }
                return null;
            });
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** {@code import} as a user runs it, in a child JVM: wall time from start to exit, heap from its GC log. */
    private ImportRow wholeImport(Path corpusFile, Path db, int documents, double bare) throws Exception {
        deleteDatabase(db);
        Path gcLog = options.workDir().resolve("gc-" + documents + ".log");
        List<String> command = new ArrayList<>(javaCommand("-Xlog:gc:file=" + gcLog));
        command.addAll(List.of("--db", db.toString(), "import", "--collection", "bench", corpusFile.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(options.workDir().resolve("import-" + documents + ".out").toFile());
        long t0 = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.HOURS) || process.exitValue() != 0) {
            throw new IllegalStateException("the import command failed: see "
                    + options.workDir().resolve("import-" + documents + ".out"));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] heap = heapFromGcLog(gcLog);
        Files.deleteIfExists(gcLog);
        Files.deleteIfExists(options.workDir().resolve("import-" + documents + ".out"));
        long bytes = Files.size(db) + sizeIfExists(Path.of(db + "-wal"));
        return new ImportRow(documents, bare, seconds, heap[0], heap[1], bytes);
    }

    /** The command that runs this app: {@code java [jvmOption] -jar the.jar} (or its class path and Launcher). */
    static List<String> javaCommand(String... jvmOptions) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(jvmOptions));
        Path code = Path.of(StoreBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (code.toString().endsWith(".jar")) {
            command.addAll(List.of("-jar", code.toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.relevanceworkbench.Launcher"));
        }
        return command;
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** {peak heap used before a collection, peak heap left after one}, in bytes, from a -Xlog:gc log. */
    static long[] heapFromGcLog(Path log) throws Exception {
        long before = 0;
        long after = 0;
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                Matcher m = GC_LINE.matcher(line);
                if (m.find()) {
                    before = Math.max(before, Long.parseLong(m.group(1)));
                    after = Math.max(after, Long.parseLong(m.group(2)));
                }
            }
        }
        return new long[] {before << 20, after << 20};
    }

    private void searchLatency(Database db, int documents) {
        Bm25Search fast = new Bm25Search(db, Bm25Search.Ranking.FAST);
        Bm25Search plain = new Bm25Search(db, Bm25Search.Ranking.PLAIN);
        String firstQuery = corpus.word(300) + " " + corpus.word(900);
        double first = firstQueryMillis(fast, firstQuery);
        deleteAll(db, "bm25_lengths"); // as in a workspace indexed before schema 6: FTS5's docsize read row by row
        double firstFromDocsize = firstQueryMillis(fast, firstQuery);
        Collection bench = db.read(c -> new CollectionDao(c).require("bench"));
        new FtsIndexer(db).indexPending(bench, FtsIndexer.Listener.NONE, new CancellationToken()); // stores them again
        double firstWarm = firstQueryMillis(fast, firstQuery); // the code warm now, as the docsize one ran
        log.printf(Locale.US, "BM25 top-100 over %,d documents, %d queries per set (plain FTS5 MATCH: the first %d);"
                + " load average %s%n", documents, options.queries(), options.plainQueries(), loadAverage());
        log.printf(Locale.US, "  first query after opening: %.0f ms with the stored document lengths (%.0f ms the very"
                + " first, its code cold, with the fast path's self-check unless a pass is kept), %.0f ms reading every"
                + " document's length from FTS5's docsize%n", firstWarm, first, firstFromDocsize);
        String[][] sets = {{"2-4 mid-frequency terms", "200", "5000"}, {"2-4 of the 20 most frequent terms", "1", "20"}};
        for (String[] set : sets) {
            List<String> queries = queries(Integer.parseInt(set[1]), Integer.parseInt(set[2]));
            double[] warm = latencies(fast, queries, true); // also stores the frequent words' postings
            double[] stored = firstReads(db, fast, queries, false);
            double[] cold = firstReads(db, fast, queries, true);
            List<String> some = queries.subList(0, Math.min(options.plainQueries(), queries.size()));
            double[] plainTimes = latencies(plain, some, false);
            int same = 0;
            for (String q : some) {
                List<SearchHit> a = fast.search("bench", q, 100, false).hits();
                List<SearchHit> b = plain.search("bench", q, 100, false).hits();
                same += a.equals(b) ? 1 : 0;
            }
            log.printf(Locale.US, "  %s: fast path median %.1f ms, p95 %.1f ms (words not read in this process, stored "
                    + "in the workspace: median %.1f ms, p95 %.1f ms; read from FTS5 the first time: median %.1f ms, "
                    + "p95 %.1f ms); FTS5 MATCH median %.1f ms, p95 %.1f ms; identical hits %d of %d%n", set[0],
                    percentile(warm, 50), percentile(warm, 95), percentile(stored, 50), percentile(stored, 95),
                    percentile(cold, 50), percentile(cold, 95),
                    percentile(plainTimes, 50), percentile(plainTimes, 95), same, some.size());
            log.flush();
        }
        log.printf(Locale.US, "  fast path fell back to MATCH: %s%n", Bm25Search.fastPathFallbacks());
    }

    /**
     * Per-query milliseconds, sorted, of queries whose words this process has not read: as a fresh process with the
     * workspace's stored postings, or ({@code fromFts5}) as one whose words no search of this index state stored yet.
     */
    private static double[] firstReads(Database db, Bm25Search fast, List<String> queries, boolean fromFts5) {
        double[] millis = new double[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            if (fromFts5) {
                deleteAll(db, "bm25_postings"); // also waits for the previous query's stored postings
            }
            Bm25Search.forgetFastPathCache(false);
            long s = System.nanoTime();
            fast.search("bench", queries.get(q), 100, false);
            millis[q] = (System.nanoTime() - s) / 1e6;
        }
        db.write(c -> null); // the last query's stored postings
        Arrays.sort(millis);
        return millis;
    }

    private static void deleteAll(Database db, String table) {
        db.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM " + table);
            }
            return null;
        });
    }

    /** A query on a fast path that has forgotten every index state, as after opening the workspace. */
    private static double firstQueryMillis(Bm25Search fast, String query) {
        Bm25Search.forgetFastPathCache(true);
        long t0 = System.nanoTime();
        fast.search("bench", query, 100, false);
        return (System.nanoTime() - t0) / 1e6;
    }

    private List<String> queries(int lowRank, int highRank) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> texts = new ArrayList<>();
        for (int q = 0; q < options.queries(); q++) {
            int terms = 2 + random.nextInt(3);
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < terms; t++) {
                text.append(corpus.word(lowRank + random.nextInt(highRank - lowRank + 1))).append(' ');
            }
            texts.add(text.toString());
        }
        return texts;
    }

    /** Per-query milliseconds, sorted, after warming up on (at most) 20 of them. */
    private static double[] latencies(Bm25Search search, List<String> texts, boolean warmUp) {
        if (warmUp) {
            for (int warm = 0; warm < Math.min(20, texts.size()); warm++) {
                search.search("bench", texts.get(warm), 100, false);
            }
        }
        double[] millis = new double[texts.size()];
        for (int q = 0; q < texts.size(); q++) {
            long t0 = System.nanoTime();
            search.search("bench", texts.get(q), 100, false);
            millis[q] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private void workspaceHotPaths(Database db, Path file, int documents) throws Exception {
        List<String> list = new ArrayList<>(javaCommand());
        list.addAll(List.of("--db", file.toString(), "list", "collections"));
        double[] listSeconds = new double[3];
        for (int i = 0; i < listSeconds.length; i++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(list).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.waitFor();
            listSeconds[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(listSeconds);
        Collection c = db.read(conn -> new CollectionDao(conn).require("bench"));
        SplittableRandom random = new SplittableRandom(3);
        double[] preview = new double[1000];
        for (int i = 0; i < preview.length; i++) {
            String id = "doc" + random.nextInt(documents);
            long t0 = System.nanoTime();
            db.read(conn -> new DocumentDao(conn).find(c.id(), id).orElseThrow());
            preview[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(preview);
        long t0 = System.nanoTime();
        db.read(conn -> new CollectionDao(conn).stats());
        double stats = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        db.read(conn -> new DocumentDao(conn).page(c.id(), documents / 2, 100));
        double page = (System.nanoTime() - t0) / 1e6;
        log.printf(Locale.US, "workspace of %,d documents: 'list collections' command %.2f s (median of 3, JVM start "
                + "included); collection stats %.1f ms; document preview by id median %.2f ms, p95 %.2f ms; a page of "
                + "100 documents %.1f ms%n", documents, listSeconds[1], stats, percentile(preview, 50),
                percentile(preview, 95), page);
        log.flush();
    }

    /** 100 topics × 1,000 candidates × 2 variants (by default) through RerankService with an instant scorer. */
    private void scoreWrites(Database db) throws Exception {
        int topics = options.topics();
        int candidates = options.candidates();
        Collection c = db.read(conn -> new CollectionDao(conn).require("bench"));
        long docs = db.read(conn -> new DocumentDao(conn).count(c.id()));
        int perTopic = (int) Math.min(candidates, docs);
        Path runFile = options.workDir().resolve("candidates.run");
        try (BufferedWriter out = Files.newBufferedWriter(runFile, StandardCharsets.UTF_8)) {
            SplittableRandom random = new SplittableRandom(11);
            for (int t = 0; t < topics; t++) {
                long start = random.nextLong(Math.max(1, docs - perTopic));
                for (int r = 0; r < perTopic; r++) {
                    out.write("T" + t + " Q0 doc" + (start + r) + " " + (r + 1) + " " + (perTopic - r) + " bench\n");
                }
            }
        }
        db.write(conn -> {
            TopicDao dao = new TopicDao(conn);
            for (int t = 0; t < topics; t++) {
                long row = dao.upsert(c.id(), "T" + t, corpus.title(t), null, null);
                dao.upsertVariant(row, "og", "Relevant documents mention " + corpus.word(100 + t) + ".");
                dao.upsertVariant(row, "changed", "Relevant documents mention " + corpus.word(100 + t)
                        + " and never " + corpus.word(200 + t) + ".");
            }
            return null;
        });
        new ImportService(db).importRuns("bench", List.of(SourceFile.of(runFile)),
                ImportOptions.defaults().withRunName("candidates", true), ImportListener.NONE, new CancellationToken());
        Files.deleteIfExists(runFile);
        System.gc();
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        long usedBefore = heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        RerankService rerank = new RerankService(db);
        Scorer scorer = new InstantScorer();
        long afterGc = 0;
        long t0 = System.nanoTime();
        for (int t = 0; t < topics; t++) {
            rerank.rerank("bench", "T" + t, List.of("og", "changed"), CandidateSpec.parse("run:candidates"), scorer,
                    "bench-", false, RerankService.Listener.NONE, new CancellationToken());
            afterGc = Math.max(afterGc, heapPools.stream().mapToLong(p -> p.getCollectionUsage() == null ? 0
                    : p.getCollectionUsage().getUsed()).sum());
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long pairs = 2L * topics * perTopic;
        log.printf(Locale.US, "scores: %,d topics × %,d candidates × 2 variants = %,d scores through RerankService "
                + "(an instant scorer: only the store works) in %.2f s: %,.0f scores/s into the score cache and run_score;"
                + " heap peak %.0f MB, at most %.0f MB left after a collection (%.0f MB in use before); load average %s%n",
                topics, perTopic, pairs, seconds, pairs / seconds, peak / 1e6, afterGc / 1e6, usedBefore / 1e6,
                loadAverage());
        log.flush();
    }

    /** A scorer that answers at once, in batches of 64 as a fast server would: only the store is measured. */
    static final class InstantScorer implements Scorer {
        private static final Provenance PROVENANCE = new Provenance("instant", "sha256:bench", "bench-template",
                "fp32", 512, "control", Provenance.Backend.LOCAL);

        @Override
        public Provenance provenance() {
            return PROVENANCE;
        }

        @Override
        public String describe() {
            return "instant (benchmark)";
        }

        @Override
        public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
                ScoreListener listener, CancellationToken cancel) {
            List<DocumentScore> all = new ArrayList<>(candidates.size());
            for (int from = 0; from < candidates.size(); from += 64) {
                List<DocumentScore> batch = new ArrayList<>();
                for (Candidate c : candidates.subList(from, Math.min(candidates.size(), from + 64))) {
                    double logit = ((c.id().hashCode() ^ java.util.Objects.hashCode(instruction)) % 1000) / 100.0;
                    batch.add(DocumentScore.ofLogitDiff(c.id(), logit, 200, false));
                }
                all.addAll(batch);
                listener.scored(batch, all.size(), candidates.size());
            }
            return all;
        }

        @Override
        public void close() {
        }
    }

    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long sizeIfExists(Path file) throws Exception {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    static void deleteDatabase(Path file) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
        File dir = file.getParent() == null ? null : file.getParent().toFile();
        File[] backups = dir == null ? null : dir.listFiles((d, name) -> name.startsWith(file.getFileName() + ".v"));
        if (backups != null) {
            for (File b : backups) {
                Files.deleteIfExists(b.toPath());
            }
        }
    }
}
