package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.FtsTables;
import org.relevanceworkbench.store.QueryPlanTest;

/**
 * The postings of frequent words that a search keeps in the workspace, so that the next process does not decode FTS5's
 * position lists again: stored once read the long way, equal to what FTS5's index says, used only while the index is
 * in the state they were read in, ignored when they do not decode, deleted with a build that changed the index and
 * with their collection, and never a reason for a search to wait on another process's write lock.
 */
class StoredPostingsTest {
    @TempDir
    Path dir;
    Workspace ws;
    Bm25Search fast;
    Bm25Search plain;
    int storeFrom;

    @BeforeEach
    void open() throws Exception {
        storeFrom = StoredPostings.storeFrom;
        StoredPostings.storeFrom = 50; // "river" and "stone" are in every document, "water" in 6 of 7, "bridge" in 1 of 3
        ws = new Workspace(dir.resolve("ws.db"));
        fast = new Bm25Search(ws.db, Bm25Search.Ranking.FAST);
        plain = new Bm25Search(ws.db, Bm25Search.Ranking.PLAIN);
        importDocuments("c", "a.jsonl", 0, 600);
        Bm25Fast.forget(true);
    }

    @AfterEach
    void close() {
        StoredPostings.storeFrom = storeFrom;
        Bm25Fast.forget(true);
        ws.close();
    }

    private void importDocuments(String collection, String file, int from, int to) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int n = from; n < to; n++) {
            String words = "river stone " + "water ".repeat(n % 7) + (n % 3 == 0 ? "bridge harbor lantern" : "cold")
                    + (n == 17 ? " saffron" : "");
            lines.append("{\"_id\": \"d").append(n).append("\", \"title\": \"t").append(n % 5)
                    .append(n % 4 == 0 ? " water" : "").append("\", \"text\": \"").append(words).append("\"}\n");
        }
        ws.documents(collection, write(dir.resolve(file), lines.toString()));
        ws.index(collection);
    }

    private String table(String collection) {
        return FtsTables.ftsTable(ws.collection(collection).id());
    }

    /** Searches as a fresh process does, then waits until what the search queued for the writer has run. */
    private List<SearchHit> searchFresh(String query) {
        Bm25Fast.forget(true);
        List<SearchHit> hits = fast.search("c", query, 10, false).hits();
        ws.db.write(c -> null);
        return hits;
    }

    private List<String> storedTerms(String table) {
        return ws.db.read(c -> {
            List<String> terms = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT CAST(term AS TEXT) FROM bm25_postings WHERE fts_table = ? ORDER BY 1")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        terms.add(rs.getString(1));
                    }
                }
            }
            return terms;
        });
    }

    /** What FTS5's own index holds for a term now, compacted as the fast path holds it. */
    private Bm25Index.Postings fromFts5(Connection c, String table, String word) throws SQLException {
        Bm25Index index = Bm25Index.load(c, table, null, 1 << 20);
        Fts5Index fts = new Fts5Index(c, table);
        Fts5Index.Doclist doclist = fts.doclist(fts.structure(), FtsTokenizer.get().tokens(List.of(word)).get(0).get(0));
        Bm25Index.Postings postings = new Bm25Index.Postings(new int[doclist.size()], new char[doclist.size()],
                doclist.size());
        long[] rows = doclist.rows();
        int[] counts = doclist.counts();
        for (int i = 0; i < doclist.size(); i++) {
            postings.rows[i] = (int) (rows[i] - index.base);
            postings.counts[i] = (char) counts[i];
        }
        return postings;
    }

    private Bm25Index.Postings stored(Connection c, String table, String word) throws SQLException {
        Bm25Index index = Bm25Index.load(c, table, null, 1 << 20);
        return StoredPostings.read(c, table, FtsTokenizer.get().tokens(List.of(word)).get(0).get(0), index.structure,
                index.base, index.span());
    }

    private static void assertSamePostings(Bm25Index.Postings actual, Bm25Index.Postings sparse, int span) {
        assertThat(actual.size).isEqualTo(sparse.size);
        for (int o = 0; o < span; o++) {
            int i = java.util.Arrays.binarySearch(sparse.rows, 0, sparse.size, o);
            assertThat(actual.countAt(o)).as("offset %d", o).isEqualTo(i < 0 ? 0 : sparse.counts[i]);
        }
    }

    @Test
    void aSearchStoresTheLongPostingsItReadAndTheyEqualFts5sIndex() {
        List<SearchHit> hits = searchFresh("river water bridge saffron");

        String table = table("c");
        assertThat(storedTerms(table)).containsExactly("bridg", "river", "water"); // Porter stems; saffron is in 1
        ws.db.read(c -> {
            int span = Bm25Index.load(c, table, null, 1 << 20).span();
            for (String word : List.of("river", "water", "bridge")) {
                assertSamePostings(stored(c, table, word), fromFts5(c, table, word), span);
            }
            return null;
        });
        assertThat(hits).isEqualTo(plain.search("c", "river water bridge saffron", 10, false).hits());
    }

    @Test
    void theNextProcessTakesTheStoredCopyWhileTheIndexIsInTheSameState() {
        searchFresh("water bridge");
        String table = table("c");
        // a copy that says "water" is in no document but row 0, many times: only a search that takes it ranks so
        ws.db.write(c -> {
            Bm25Index index = Bm25Index.load(c, table, null, 1 << 20);
            char[] counts = new char[index.span()];
            counts[5] = 40;
            byte[] marked = StoredPostings.encode(new Bm25Index.Postings(null, counts, 1));
            try (PreparedStatement ps = c.prepareStatement("UPDATE bm25_postings SET postings = ?, size = 1, dense = 1"
                    + " WHERE fts_table = ? AND term = CAST('water' AS BLOB)")) {
                ps.setBytes(1, marked);
                ps.setString(2, table);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });

        List<SearchHit> hits = searchFresh("water");

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).row()).isEqualTo(ws.db.read(c -> Bm25Index.load(c, table, null, 1 << 20).base) + 5);
    }

    @Test
    void aBuildThatChangesTheIndexDeletesTheCopiesItMadeStaleAndSearchesStayExact() throws Exception {
        searchFresh("river water");
        assertThat(storedTerms(table("c"))).containsExactly("river", "water");

        importDocuments("c", "b.jsonl", 600, 700);

        assertThat(storedTerms(table("c"))).isEmpty();
        assertThat(searchFresh("river water")).isEqualTo(plain.search("c", "river water", 10, false).hits());
        assertThat(storedTerms(table("c"))).containsExactly("river", "water"); // of the new state
    }

    @Test
    void aCopyOfAnotherIndexStateIsNotTaken() {
        searchFresh("water");
        String table = table("c");
        ws.db.write(c -> {
            try (Statement st = c.createStatement()) { // as if read before the last write to the index
                st.execute("UPDATE bm25_postings SET structure = x'00' || structure");
            }
            return null;
        });

        assertThat(ws.db.<Bm25Index.Postings>read(c -> stored(c, table, "water"))).isNull();
        assertThat(searchFresh("water stone")).isEqualTo(plain.search("c", "water stone", 10, false).hits());
    }

    @Test
    void aCopyThatDoesNotDecodeIsIgnored() {
        searchFresh("water river");
        ws.db.write(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("UPDATE bm25_postings SET postings = substr(postings, 1, length(postings) - 3)"
                        + " WHERE CAST(term AS TEXT) = 'water'");
                st.execute("UPDATE bm25_postings SET size = size + 1 WHERE CAST(term AS TEXT) = 'river'");
            }
            return null;
        });

        assertThat(ws.db.<Bm25Index.Postings>read(c -> stored(c, table("c"), "water"))).isNull();
        assertThat(ws.db.<Bm25Index.Postings>read(c -> stored(c, table("c"), "river"))).isNull();
        assertThat(searchFresh("water river")).isEqualTo(plain.search("c", "water river", 10, false).hits());
    }

    @Test
    void encodedPostingsDecodeToThemselvesAndNothingElseDoes() {
        char[] dense = {0, 3, 0, 0, 254, 1, 0, 65535, 255, 0, 256};
        byte[] denseBlob = StoredPostings.encode(new Bm25Index.Postings(null, dense, 6));
        Bm25Index.Postings d = StoredPostings.decode(denseBlob, true, 6, dense.length);
        assertThat(d.dense()).isTrue();
        assertThat(d.counts).containsExactly(dense);
        assertThat(denseBlob).hasSize(dense.length + 10); // a byte each, then 3 escapes: a delta byte and 3, 2, 2 bytes of count
        assertThat(StoredPostings.decode(java.util.Arrays.copyOf(denseBlob, dense.length + 4), true, 6, dense.length))
                .as("an escape without its count").isNull();
        assertThat(StoredPostings.decode(denseBlob, true, 5, dense.length)).as("more documents than it says").isNull();
        Bm25Index.Postings sparse = new Bm25Index.Postings(new int[] {0, 9, 130, 70_000}, new char[] {1, 2, 300, 4}, 4);
        byte[] blob = StoredPostings.encode(sparse);
        Bm25Index.Postings s = StoredPostings.decode(blob, false, 4, 70_001);
        assertThat(s.rows).containsExactly(0, 9, 130, 70_000);
        assertThat(s.counts).containsExactly(new char[] {1, 2, 300, 4});

        assertThat(StoredPostings.decode(blob, false, 4, 70_000)).as("an offset past the span").isNull();
        assertThat(StoredPostings.decode(blob, false, 3, 70_001)).as("bytes left over").isNull();
        assertThat(StoredPostings.decode(blob, false, 5, 70_001)).as("fewer postings than it says").isNull();
        assertThat(StoredPostings.decode(new byte[] {(byte) 0x80, (byte) 0x80}, true, 1, 1)).isNull();
    }

    @Test
    void deletingTheCollectionDeletesItsCopies() {
        searchFresh("river");
        long id = ws.collection("c").id();

        ws.db.write(c -> {
            new CollectionDao(c).delete(id);
            return null;
        });

        assertThat(ws.db.<Long>read(c -> count(c, "SELECT count(*) FROM bm25_postings"))).isZero();
    }

    @Test
    void aSearchDoesNotWaitForAnotherProcesssWriteLockItStoresNothingThen() throws Exception {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("ws.db"));
                Statement st = other.createStatement()) {
            st.execute("BEGIN IMMEDIATE"); // another process writing the workspace

            Bm25Fast.forget(true);
            List<SearchHit> hits = fast.search("c", "river water", 10, false).hits();
            var optional = ws.db.submitOptionalWrite(c -> null);

            assertThat(hits).isNotEmpty();
            // gives up at once rather than after the busy timeout (10 s)
            assertThatThrownBy(() -> optional.get(8, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("SQLITE_BUSY");
            st.execute("ROLLBACK");
        }
        assertThat(storedTerms(table("c"))).isEmpty();
        ws.db.write(c -> null); // the writer waits for locks again: this one is free
    }

    private List<String> plan(String sql) {
        return ws.db.read(c -> QueryPlanTest.plan(c, sql));
    }

    @Test
    void theLookupsOfAFirstSearchReadNoTableWhole() {
        String table = table("c");
        for (String sql : List.of(StoredPostings.FIND, DocumentLengths.rowRangeSql(table))) {
            assertThat(plan(sql)).as(sql).isNotEmpty().allSatisfy(line -> assertThat(line.replace("SCAN CONSTANT ROW", ""))
                    .as(sql).doesNotStartWith("SCAN"));
        }
        // what the row range was before: both aggregates in one SELECT read every row of docsize
        assertThat(plan("SELECT min(id), max(id) FROM \"" + table + "_docsize\"")).anyMatch(l -> l.startsWith("SCAN"));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
