package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

/** The bundled corpora import cleanly, completely, with exactly the counts their READMEs state. */
class SampleCorporaTest {
    @TempDir
    static Path dir;
    static Workspace ws;
    static List<SampleCorpora.Loaded> loaded;

    @BeforeAll
    static void load() {
        ws = new Workspace(dir.resolve("ws.db"));
        loaded = new SampleCorpora(ws.db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE,
                new CancellationToken());
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    private static CollectionStats stats(String name) {
        Collection c = ws.collection(name);
        return ws.db.read(conn -> new CollectionDao(conn).stats(c));
    }

    private static Map<String, Long> relevantPerVariant(String name) {
        Collection c = ws.collection(name);
        List<Qrel> qrels = ws.db.read(conn -> new QrelDao(conn).list(c.id()));
        return qrels.stream().filter(q -> q.grade() > 0).collect(Collectors.groupingBy(Qrel::variant, Collectors.counting()));
    }

    @Test
    void everySampleFileImportsWithoutASingleSkippedRecord() {
        assertThat(loaded).extracting(SampleCorpora.Loaded::collection).containsExactly("james-cameron", "trec-mini");
        for (SampleCorpora.Loaded sample : loaded) {
            for (ImportResult result : sample.results()) {
                assertThat(result.files()).allSatisfy(f -> {
                    assertThat(f.ok()).as(f.file()).isTrue();
                    assertThat(f.skipped()).as(f.file() + " " + f.problems()).isZero();
                });
            }
        }
    }

    @Test
    void jamesCameronHasTheModelCardsTopicAndPassage() {
        CollectionStats s = stats("james-cameron");
        assertThat(s.documents()).isEqualTo(40);
        assertThat(s.indexComplete()).isTrue();
        assertThat(s.qrels()).isEqualTo(80);
        Collection c = ws.collection("james-cameron");
        List<Topic> topics = ws.db.read(conn -> new TopicDao(conn).list(c.id()));
        assertThat(topics).singleElement().satisfies(t -> {
            assertThat(t.query()).isEqualTo("What movies were written by James Cameron?");
            assertThat(t.variants()).containsExactly(
                    new Variant("og", "A relevant document would describe a movie that was written by James Cameron only "
                            + "and not with anyone else", 0),
                    new Variant("changed", "A relevant document would describe any movie that was directed by James Cameron", 1));
        });
        assertThat(relevantPerVariant("james-cameron")).containsExactlyInAnyOrderEntriesOf(Map.of("og", 4L, "changed", 13L));
        List<Qrel> avatar = ws.db.read(conn -> new QrelDao(conn).list(c.id())).stream()
                .filter(q -> q.docId().equals("avatar-the-way-of-water")).toList();
        assertThat(avatar).extracting(Qrel::variant, Qrel::grade).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("og", 0), org.assertj.core.groups.Tuple.tuple("changed", 1));
    }

    @Test
    void trecMiniHasTenTopicsWithNarrativesAndNarrowedInstructions() {
        CollectionStats s = stats("trec-mini");
        assertThat(s.documents()).isEqualTo(216);
        assertThat(s.topics()).isEqualTo(10);
        assertThat(s.qrels()).isEqualTo(432);
        assertThat(s.indexComplete()).isTrue();
        Collection c = ws.collection("trec-mini");
        List<Topic> topics = ws.db.read(conn -> new TopicDao(conn).list(c.id()));
        assertThat(topics).extracting(Topic::topicId).containsExactly("101", "102", "103", "104", "105", "106", "107",
                "108", "109", "110");
        assertThat(topics).allSatisfy(t -> {
            assertThat(t.variants()).extracting(Variant::name).containsExactly("og", "changed");
            String og = t.variant("og").orElseThrow().instruction();
            assertThat(og).isEqualTo(t.narrative()).isNotBlank();
            assertThat(t.variant("changed").orElseThrow().instruction()).startsWith(og).isNotEqualTo(og);
        });
        assertThat(relevantPerVariant("trec-mini")).containsExactlyInAnyOrderEntriesOf(Map.of("og", 82L, "changed", 46L));
    }

    @Test
    void loadingAgainChangesNothing() {
        List<SampleCorpora.Loaded> again = new SampleCorpora(ws.db).loadMissing(ImportListener.NONE,
                FtsIndexer.Listener.NONE, new CancellationToken());
        assertThat(again).allMatch(SampleCorpora.Loaded::alreadyPresent);
        assertThat(stats("trec-mini").documents()).isEqualTo(216);
    }

    @Test
    void bm25FindsTheTopicsDocumentsInTheTrecStyleSet() {
        SearchResult result = new Bm25Search(ws.db).search("trec-mini", "coral reef bleaching", 10, false);
        assertThat(result.hits()).extracting(SearchHit::docId).allMatch(id -> id.startsWith("TM102-"));
    }
}
