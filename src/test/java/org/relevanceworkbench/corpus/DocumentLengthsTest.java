package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.FtsTables;

/**
 * The document lengths the index build stores, so that a first search reads one blob and not every docsize row: they
 * are written by every build, equal what FTS5's docsize table says, are used only while the index is in the state
 * they were read in, and never outlive their collection.
 */
class DocumentLengthsTest {
    @TempDir
    Path dir;
    Workspace ws;

    @BeforeEach
    void open() {
        ws = new Workspace(dir.resolve("ws.db"));
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private void importDocuments(String collection, String file, int from, int to) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int n = from; n < to; n++) {
            String words = "river stone " + "water ".repeat(n % 7) + (n % 3 == 0 ? "bridge harbor lantern" : "cold");
            lines.append("{\"_id\": \"d").append(n).append("\", \"title\": \"t").append(n % 5)
                    .append("\", \"text\": \"").append(words).append("\"}\n");
        }
        ws.documents(collection, write(dir.resolve(file), lines.toString()));
        ws.index(collection); // the BM25 index build, as the import command and the window run it after the import
    }

    private String table(String collection) {
        return FtsTables.ftsTable(ws.collection(collection).id());
    }

    /** The lengths as FTS5's docsize table has them for the index's current state. */
    private DocumentLengths fromDocsize(Connection c, String table) throws SQLException {
        Fts5Index index = new Fts5Index(c, table);
        return DocumentLengths.of(c, table, index.structure().raw(), index.averages()[0], null);
    }

    @Test
    void everyBuildStoresTheLengthsOfTheIndexItLeaves() throws Exception {
        importDocuments("c", "a.jsonl", 0, 300);
        ws.db.read(c -> {
            DocumentLengths stored = DocumentLengths.stored(c, table("c"));
            DocumentLengths expected = fromDocsize(c, table("c"));
            assertThat(stored).as("stored after the import's build").isNotNull();
            assertThat(stored.structure()).isEqualTo(new Fts5Index(c, table("c")).structure().raw());
            assertThat(stored.lengths()).isEqualTo(expected.lengths());
            assertThat(stored.held()).isEqualTo(300);
            // the shortest: "t2" + "river stone cold" (d7); the longest: "t1" + "river stone", water six times, 3 more (d6)
            assertThat(stored.lengths()).contains(4, 12).doesNotContain(3, 13);
            return null;
        });
        importDocuments("c", "b.jsonl", 300, 450); // the collection grows: stored again, for the new state
        ws.db.read(c -> {
            DocumentLengths stored = DocumentLengths.stored(c, table("c"));
            assertThat(stored.held()).isEqualTo(450);
            assertThat(stored.lengths()).isEqualTo(fromDocsize(c, table("c")).lengths());
            assertThat(stored.structure()).isEqualTo(new Fts5Index(c, table("c")).structure().raw());
            return null;
        });
    }

    @Test
    void aSearchAfterOpeningTakesTheStoredLengthsOfItsIndexState() throws Exception {
        importDocuments("c", "a.jsonl", 0, 200);
        String fts = table("c");
        int[] marked = new int[200];
        java.util.Arrays.fill(marked, 7); // lengths docsize does not have: seen only if the stored copy is what is read
        ws.db.write(c -> {
            java.nio.ByteBuffer blob = java.nio.ByteBuffer.allocate(4 * marked.length)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            blob.asIntBuffer().put(marked);
            try (PreparedStatement ps = c.prepareStatement("UPDATE bm25_lengths SET lengths = ? WHERE fts_table = ?")) {
                ps.setBytes(1, blob.array());
                ps.setString(2, fts);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
        ws.db.read(c -> {
            assertThat(Bm25Index.load(c, fts, null, 1 << 20).lengths).as("the stored blob, docsize not read")
                    .isEqualTo(marked);
            return null;
        });
    }

    @Test
    void lengthsOfAnotherIndexStateAreNotUsedAndResultsStayThePlainOnes() throws Exception {
        importDocuments("c", "a.jsonl", 0, 200);
        String fts = table("c");
        ws.db.write(c -> { // a write to the index that no build followed: the stored lengths are of the state before
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO document(collection_id, doc_id, title, text) VALUES ("
                        + ws.collection("c").id() + ", 'extra', 'river', 'river river river stone')");
                st.execute("INSERT INTO " + fts + "(rowid, title, text) SELECT id, title, text FROM document"
                        + " WHERE doc_id = 'extra'");
            }
            return null;
        });
        ws.db.read(c -> {
            DocumentLengths stored = DocumentLengths.stored(c, fts);
            Bm25Index index = Bm25Index.load(c, fts, null, 1 << 20);
            assertThat(stored.lengths()).hasSize(200);
            assertThat(index.lengths).as("the stored 200 and the new row's, read from docsize").hasSize(201)
                    .startsWith(stored.lengths()).isEqualTo(fromDocsize(c, fts).lengths()).endsWith(5);
            return null;
        });
        Bm25Fast.forget(true);
        Bm25Search fast = new Bm25Search(ws.db, Bm25Search.Ranking.FAST);
        Bm25Search plain = new Bm25Search(ws.db, Bm25Search.Ranking.PLAIN);
        for (String query : List.of("river", "water bridge", "stone cold lantern")) {
            assertThat(fast.search("c", query, 20, false).hits()).as(query)
                    .isEqualTo(plain.search("c", query, 20, false).hits());
        }
    }

    @Test
    void aBlobOfTheWrongSizeIsIgnored() throws Exception {
        importDocuments("c", "a.jsonl", 0, 50);
        String fts = table("c");
        ws.db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE bm25_lengths SET lengths = ? WHERE fts_table = ?")) {
                ps.setBytes(1, new byte[] {1, 0, 0, 0, 2, 0, 0, 0});
                ps.setString(2, fts);
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
            return null;
        });
        ws.db.read(c -> {
            assertThat(DocumentLengths.stored(c, fts)).isNull();
            assertThat(Bm25Index.load(c, fts, null, 1 << 20).lengths).isEqualTo(fromDocsize(c, fts).lengths());
            return null;
        });
    }

    @Test
    void deletingACollectionDeletesItsLengths() throws Exception {
        importDocuments("c", "a.jsonl", 0, 50);
        Collection c = ws.collection("c");
        ws.db.write(conn -> {
            new CollectionDao(conn).delete(c.id());
            return null;
        });
        long left = ws.db.read(conn -> count(conn, "SELECT count(*) FROM bm25_lengths"));
        assertThat(left).isZero();
    }

    @Test
    void aWorkspaceWithoutStoredLengthsGetsThemFromItsNextIndexRun() throws Exception {
        importDocuments("c", "a.jsonl", 0, 80);
        ws.db.write(conn -> { // as a workspace indexed before schema 6 is
            try (Statement st = conn.createStatement()) {
                st.execute("DELETE FROM bm25_lengths");
            }
            return null;
        });
        ws.db.read(conn -> {
            assertThat(DocumentLengths.stored(conn, table("c"))).isNull();
            return null;
        });
        Bm25Search fast = new Bm25Search(ws.db, Bm25Search.Ranking.FAST);
        Bm25Search plain = new Bm25Search(ws.db, Bm25Search.Ranking.PLAIN);
        Bm25Fast.forget(true);
        assertThat(fast.search("c", "water", 10, false).hits()).isEqualTo(plain.search("c", "water", 10, false).hits());
        ws.index("c"); // nothing to index; the lengths are stored all the same (the `index` command)
        ws.db.read(conn -> {
            assertThat(DocumentLengths.stored(conn, table("c")).lengths()).isEqualTo(fromDocsize(conn, table("c")).lengths());
            return null;
        });
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.getLong(1);
        }
    }
}
