package org.relevanceworkbench.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.PrintWriter;
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
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.Bm25Search;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.corpus.ImportResult;
import org.relevanceworkbench.corpus.ImportService;
import org.relevanceworkbench.formats.SourceFile;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.FtsTables;

/**
 * The store's benchmark, all figures from one run on the same synthetic documents:
 * <ol>
 *   <li>the bare engine: plain INSERTs into the document table, then one FTS5 'rebuild', in one
 *       transaction — the practical limit of SQLite FTS5 on this machine;</li>
 *   <li>our import of the same documents from a corpus.jsonl file: parsing, validation,
 *       bad-record bookkeeping, storing, then the chunked BM25 index build;</li>
 *   <li>BM25 top-100 latency over the imported collection, for 2–4-term queries of mid-frequency
 *       words, and separately for queries of the most frequent words (FTS5's known weak spot).</li>
 * </ol>
 */
public final class StoreBenchmark {
    /** The figures of one run. */
    public record Report(int documents, int documentBytes, double bareDocsPerSecond, double importDocsPerSecond,
            double storeDocsPerSecond, double indexDocsPerSecond, double[] typicalMillis, double[] frequentMillis,
            int queries) {

        public double importToBareRatio() {
            return importDocsPerSecond / bareDocsPerSecond;
        }
    }

    private final int documents;
    private final int documentBytes;
    private final int queries;
    private final Path workDir;
    private final PrintWriter log;
    private final SyntheticCorpus corpus;

    public StoreBenchmark(int documents, int documentBytes, int queries, Path workDir, PrintWriter log) {
        this.documents = documents;
        this.documentBytes = documentBytes;
        this.queries = queries;
        this.workDir = workDir;
        this.log = log;
        this.corpus = new SyntheticCorpus(50_000, documentBytes, 42);
    }

    public Report run() throws Exception {
        Files.createDirectories(workDir);
        Path corpusFile = workDir.resolve("synthetic-corpus.jsonl");
        writeCorpus(corpusFile);
        double bare = bareLoad(workDir.resolve("bare.db"));
        log.printf(Locale.US, "bare INSERT + FTS5 rebuild: %,.0f docs/s%n", bare);
        log.flush();
        Path importDb = workDir.resolve("import.db");
        deleteDatabase(importDb);
        try (Database db = Database.open(importDb)) {
            long t0 = System.nanoTime();
            ImportResult result = new ImportService(db).importDocuments("bench", List.of(SourceFile.of(corpusFile)),
                    ImportOptions.defaults(), ImportListener.NONE, new CancellationToken());
            long t1 = System.nanoTime();
            if (result.imported() != documents) {
                throw new IllegalStateException("imported " + result.imported() + " of " + documents);
            }
            Collection collection = db.read(c -> new CollectionDao(c).require("bench"));
            new FtsIndexer(db).indexPending(collection, FtsIndexer.Listener.NONE, new CancellationToken());
            long t2 = System.nanoTime();
            double total = documents / ((t2 - t0) / 1e9);
            double store = documents / ((t1 - t0) / 1e9);
            double index = documents / ((t2 - t1) / 1e9);
            log.printf(Locale.US, "import: %,.0f docs/s (documents stored at %,.0f docs/s, BM25 index at %,.0f docs/s)%n",
                    total, store, index);
            log.flush();
            double[] typical = latencies(db, 200, 5_000);
            double[] frequent = latencies(db, 1, 20);
            return new Report(documents, documentBytes, bare, total, store, index, typical, frequent, queries);
        }
    }

    private void writeCorpus(Path file) throws Exception {
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

    /** The engine's own limit: the same rows, prepared INSERTs, one 'rebuild', one transaction. */
    private double bareLoad(Path file) throws Exception {
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
            return documents / ((System.nanoTime() - t0) / 1e9);
        }
    }

    /** Per-query milliseconds (sorted) of BM25 top-100 for 2–4 words drawn from ranks [lo, hi]. */
    private double[] latencies(Database db, int lowRank, int highRank) {
        Bm25Search search = new Bm25Search(db);
        SplittableRandom random = new SplittableRandom(7);
        List<String> texts = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            int terms = 2 + random.nextInt(3);
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < terms; t++) {
                text.append(corpus.word(lowRank + random.nextInt(highRank - lowRank + 1))).append(' ');
            }
            texts.add(text.toString());
        }
        for (int warm = 0; warm < Math.min(20, texts.size()); warm++) {
            search.search("bench", texts.get(warm), 100, false);
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

    public static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void deleteDatabase(Path file) throws Exception {
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
        }
    }
}
