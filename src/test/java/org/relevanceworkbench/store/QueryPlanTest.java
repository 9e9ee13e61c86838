package org.relevanceworkbench.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hot paths of a workspace of a million documents (a document's preview, a page of documents, a collection's last
 * row and its next chunk to index, its topics, a topic's qrels, a run's scores of one topic, a score-cache lookup,
 * judgments of a topic, the run and collection lists) must each be answered through an index: SQLite's own query plan
 * for each statement, exactly as the DAO runs it, may not scan a table or a whole index, and the ordered ones may not
 * sort in a temporary B-tree.
 */
public class QueryPlanTest {
    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(dir.resolve("plan.db"));
        db.write(c -> {
            new CollectionDao(c).create("c");
            try (Statement st = c.createStatement()) {
                st.execute("ANALYZE"); // plans with statistics too, as PRAGMA optimize leaves them
            }
            return null;
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    record Hot(String name, String sql, boolean ordered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Hot> hotQueries() {
        return List.of(
                new Hot("document preview by id", DocumentDao.FIND, false),
                new Hot("candidate documents by id", DocumentDao.FIND_MANY, false),
                new Hot("document by row", DocumentDao.BY_ROW, false),
                new Hot("a page of documents", DocumentDao.PAGE, true),
                new Hot("last row of a collection", DocumentDao.LAST_ROW, true),
                new Hot("next chunk to index", DocumentDao.NEXT_CHUNK, true),
                new Hot("document count", "SELECT documents FROM collection WHERE id = ?", false),
                new Hot("indexed count", "SELECT indexed_documents FROM collection WHERE id = ?", false),
                new Hot("topics of a collection", TopicDao.topicsSql(false), false),
                new Hot("one topic", TopicDao.topicsSql(true), false),
                new Hot("variants of a collection's topics", TopicDao.variantsSql(false), false),
                new Hot("variants of one topic", TopicDao.variantsSql(true), false),
                new Hot("qrels of a topic", QrelDao.OF_TOPIC, false),
                new Hot("run scores of a topic", RunDao.SCORES_OF_TOPIC, false),
                new Hot("deleting a topic's run scores", RunDao.DELETE_SCORES, false),
                new Hot("score cache lookup", ScoreCacheDao.FIND, false),
                new Hot("score cache lookup of many documents", ScoreCacheDao.FIND_MANY, false),
                new Hot("judgments of a topic", "SELECT grade FROM judgment WHERE collection_id = ? AND topic_id = ?"
                        + " AND variant = ?", false),
                new Hot("a run by name", "SELECT id FROM run WHERE collection_id = ? AND name = ?", false),
                new Hot("topic count", "SELECT count(*) FROM topic WHERE collection_id = ?", false),
                new Hot("run count", "SELECT count(*) FROM run WHERE collection_id = ?", false));
    }

    /** SQLite's plan for {@code sql} (its parameters unbound), a line per step; other packages' tests use it too. */
    public static List<String> plan(Connection c, String sql) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                lines.add(rs.getString(4));
            }
        }
        return lines;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hotQueries")
    void everyHotQueryIsAnsweredThroughAnIndex(Hot hot) {
        List<String> lines = db.read(c -> plan(c, hot.sql()));
        assertThat(lines).as(hot.name()).isNotEmpty();
        for (String line : lines) {
            if (!line.startsWith("SCAN (subquery") && !line.startsWith("SCAN json_each")) { // the query's own id list
                assertThat(line).as(hot.name() + ": " + lines).doesNotStartWith("SCAN");
            }
            if (hot.ordered()) {
                assertThat(line).as(hot.name() + ": " + lines).doesNotContain("TEMP B-TREE");
            }
        }
        assertThat(String.join("\n", lines)).as(hot.name()).containsAnyOf("USING INDEX", "USING COVERING INDEX",
                "USING INTEGER PRIMARY KEY", "USING PRIMARY KEY", "SEARCH collection");
    }

    @Test
    void theQueriesThatNeedTheNewIndexesUseThem() {
        List<String> chunk = db.read(c -> plan(c, DocumentDao.NEXT_CHUNK));
        List<String> last = db.read(c -> plan(c, DocumentDao.LAST_ROW));
        List<String> qrels = db.read(c -> plan(c, QrelDao.OF_TOPIC));
        assertThat(String.join("\n", chunk)).contains("document_by_collection");
        assertThat(String.join("\n", last)).contains("document_by_collection");
        assertThat(String.join("\n", qrels)).contains("qrel_by_topic");
    }
}
