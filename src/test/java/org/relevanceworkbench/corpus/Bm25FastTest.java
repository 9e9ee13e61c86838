package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.FtsTables;

/**
 * The fast BM25 path against FTS5's own MATCH on a corpus built to be hard for it: a small Zipf vocabulary (so that
 * most query words are in more than half of the documents and their IDF sits at FTS5's floor), many identical
 * documents (ties, also at the cut), words in titles and texts, Porter stems shared by several query words, long
 * documents whose position lists span pages (a 128-byte FTS5 page), and an index built in small chunks (many segments,
 * merged as FTS5 merges them). Every hit must be the same: rank, row, id, title and score to the last bit.
 */
class Bm25FastTest {
    private static final String[] WORDS = {"river", "stone", "running", "runs", "run", "light", "north", "water",
        "glass", "paper", "green", "cold", "market", "bridge", "winter", "signal", "copper", "harbor", "lantern",
        "orchard", "meadow", "thunder", "velvet", "quartz", "saffron"};

    @TempDir
    static Path dir;
    static Workspace ws;
    static Bm25Search fast;
    static Bm25Search plain;

    @BeforeAll
    static void corpus() throws Exception {
        ws = new Workspace(dir.resolve("ws.db"));
        Collection c = ws.db.write(conn -> new org.relevanceworkbench.store.CollectionDao(conn).create("hard"));
        ws.db.write(conn -> {
            try (Statement st = conn.createStatement()) {
                String fts = FtsTables.ftsTable(c.id());
                st.execute("INSERT INTO " + fts + "(" + fts + ", rank) VALUES ('pgsz', 128)");
            }
            return null;
        });
        importDocuments("hard.jsonl", 0, 2500, 11);
        new FtsIndexer(ws.db, 97).indexPending(ws.collection("hard"), FtsIndexer.Listener.NONE, new CancellationToken());
        fast = new Bm25Search(ws.db, Bm25Search.Ranking.FAST);
        plain = new Bm25Search(ws.db, Bm25Search.Ranking.PLAIN);
    }

    private static void importDocuments(String name, int from, int to, long seed) throws Exception {
        ObjectMapper json = new ObjectMapper();
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder lines = new StringBuilder();
        for (int n = from; n < to; n++) {
            ObjectNode doc = json.createObjectNode();
            doc.put("_id", String.format("d%05d", (n * 7919) % 100_000)); // ids not in row order
            if (n % 10 < 3) {
                doc.put("title", "river stone");
                doc.put("text", "running water under the stone bridge"); // 30% identical documents: ties
            } else {
                doc.put("title", zipf(random, 1 + random.nextInt(3)));
                int length = n % 17 == 0 ? 150 + random.nextInt(300) : 3 + random.nextInt(25);
                doc.put("text", zipf(random, length));
            }
            lines.append(json.writeValueAsString(doc)).append('\n');
        }
        ws.documents("hard", write(dir.resolve(name), lines.toString()));
    }

    /** Words drawn with probability ~ 1/rank: the first few are in most documents. */
    private static String zipf(SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            double u = random.nextDouble();
            int rank = (int) Math.min(WORDS.length - 1, Math.floor(Math.pow(WORDS.length + 1, u)) - 1);
            text.append(WORDS[rank]).append(' ');
        }
        return text.toString();
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static List<String> queries(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(List.of("river", "stone river", "running runs run", "the water",
                "saffron quartz", "river river stone", "nothing-here", "bridge of the harbor", "the"));
        for (int q = 0; q < count; q++) {
            StringBuilder text = new StringBuilder();
            int terms = 1 + random.nextInt(5);
            for (int t = 0; t < terms; t++) {
                text.append(WORDS[random.nextInt(random.nextBoolean() ? 6 : WORDS.length)]).append(' ');
            }
            out.add(text.toString());
        }
        return out;
    }

    @Test
    void theFastPathIsActiveHere() {
        assertThat(Bm25Fast.selfChecked()).as("the self-check against FTS5's bm25()").isTrue();
        long before = Bm25Fast.FALLBACKS.get();
        fast.search("hard", "river stone water", 10, false);
        assertThat(Bm25Fast.FALLBACKS.get()).as(Bm25Fast.lastFallback).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(Bm25Fast.Strategy.class)
    void returnsExactlyThePlainRankingAndScoresDownToTiesAtTheCut(Bm25Fast.Strategy how) {
        long before = Bm25Fast.FALLBACKS.get();
        int compared = 0;
        Bm25Fast.strategy = how; // the dense accumulator, the hash of rows, or each where it is the faster
        try {
            for (String query : queries(5, 60)) {
                for (int k : new int[] {1, 3, 10, 100, 751, 2500}) {
                    List<SearchHit> expected = plain.search("hard", query, k, false).hits();
                    List<SearchHit> actual = fast.search("hard", query, k, false).hits();
                    assertThat(actual).as("'%s' top %d (%s)", query, k, how).isEqualTo(expected);
                    compared += expected.size();
                }
            }
        } finally {
            Bm25Fast.strategy = Bm25Fast.Strategy.AUTO;
        }
        assertThat(compared).isGreaterThan(50_000);
        assertThat(Bm25Fast.FALLBACKS.get()).as(Bm25Fast.lastFallback).isEqualTo(before);
    }

    @Test
    void scoresSummedInRangesSideBySideGiveExactlyThePlainRanking() {
        long before = Bm25Fast.FALLBACKS.get();
        Bm25Fast.strategy = Bm25Fast.Strategy.DENSE;
        Bm25Fast.summedInRangesFrom = 1; // this small collection in ranges too, one per thread: ties across them
        try {
            for (String query : queries(9, 40)) {
                for (int k : new int[] {1, 10, 751, 2500}) {
                    List<SearchHit> expected = plain.search("hard", query, k, false).hits();
                    assertThat(fast.search("hard", query, k, false).hits()).as("'%s' top %d", query, k)
                            .isEqualTo(expected);
                }
            }
        } finally {
            Bm25Fast.strategy = Bm25Fast.Strategy.AUTO;
            Bm25Fast.summedInRangesFrom = 100_000;
        }
        assertThat(Bm25Fast.FALLBACKS.get()).as(Bm25Fast.lastFallback).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16, 48})
    void doclistsReadInChunksOfAnySizeGiveExactlyThePlainRanking(int chunkEntries) {
        long before = Bm25Fast.FALLBACKS.get();
        Fts5Index.Doclist.chunkEntries = chunkEntries; // a chunk boundary inside every segment's doclist, or many
        try {
            for (String query : queries(13, 25)) {
                Bm25Search.forgetFastPathCache(false); // read from the index again, into chunks of this size
                for (int k : new int[] {1, 10, 2500}) {
                    List<SearchHit> expected = plain.search("hard", query, k, false).hits();
                    assertThat(fast.search("hard", query, k, false).hits()).as("'%s' top %d", query, k)
                            .isEqualTo(expected);
                }
            }
        } finally {
            Fts5Index.Doclist.chunkEntries = 1 << 16;
        }
        assertThat(Bm25Fast.FALLBACKS.get()).as(Bm25Fast.lastFallback).isEqualTo(before);
    }

    @Test
    void wordsReadBesideTheSearchOnOtherConnectionsGiveTheSameRanking() {
        String table = FtsTables.ftsTable(ws.collection("hard").id());
        java.util.concurrent.atomic.AtomicInteger beside = new java.util.concurrent.atomic.AtomicInteger();
        Bm25Fast.Reader counting = new Bm25Fast.Reader() {
            @Override
            public <T> T read(org.relevanceworkbench.store.SqlWork<T> work) {
                beside.incrementAndGet();
                assertThat(Thread.currentThread().getName()).startsWith("bm25-postings-");
                return ws.db.read(work);
            }
        };
        // one stem three times counts as three words to read: whichever thread comes second finds it in memory
        java.util.Map<String, Integer> toRead = java.util.Map.of("river stone water glass", 4, "saffron quartz river", 3,
                "running runs run", 3);
        for (String query : toRead.keySet()) {
            List<String> terms = FtsQuery.parse(query).terms();
            Bm25Fast.forget(false);
            List<Bm25Fast.Ranked> alone = ws.db.read(c -> Bm25Fast.topK(c, "beside", table, terms, 25, null, null));
            Bm25Fast.forget(false);
            int before = beside.get();
            List<Bm25Fast.Ranked> together = ws.db.read(c -> Bm25Fast.topK(c, "beside", table, terms, 25, null, counting));

            assertThat(together).as(query).isNotNull().isEqualTo(alone);
            assertThat(beside.get() - before).as("pool threads that took words of '%s'", query)
                    .isEqualTo(Math.min(toRead.get(query) - 1, Bm25Fast.readerThreads()));
        }
    }

    @Test
    void staysExactWhenTheIndexGrowsAndRereadsOnlyWhatChanged() throws Exception {
        Workspace other = new Workspace(dir.resolve("grow.db"));
        try {
            Workspace saved = ws;
            ws = other;
            try {
                importDocuments("a.jsonl", 0, 800, 3);
                other.index("hard");
                Bm25Search f = new Bm25Search(other.db, Bm25Search.Ranking.FAST);
                Bm25Search p = new Bm25Search(other.db, Bm25Search.Ranking.PLAIN);
                for (String query : queries(9, 10)) {
                    assertThat(f.search("hard", query, 50, false).hits()).isEqualTo(p.search("hard", query, 50, false).hits());
                }
                importDocuments("b.jsonl", 800, 1500, 4);
                other.index("hard");
                for (String query : queries(10, 10)) {
                    assertThat(f.search("hard", query, 50, true).hits()).as(query)
                            .isEqualTo(p.search("hard", query, 50, true).hits());
                }
            } finally {
                ws = saved;
            }
        } finally {
            other.close();
        }
    }

    @Test
    void snippetsAndTitlesComeAsThePlainPathGivesThem() {
        assertThat(fast.search("hard", "stone bridge", 20, true).hits())
                .isEqualTo(plain.search("hard", "stone bridge", 20, true).hits());
    }
}
