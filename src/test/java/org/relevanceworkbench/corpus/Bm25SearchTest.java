package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.relevanceworkbench.common.UserException;

class Bm25SearchTest {
    @TempDir
    static Path dir;
    static Workspace ws;
    static Bm25Search search;

    @BeforeAll
    static void corpus() throws Exception {
        ws = new Workspace(dir.resolve("ws.db"));
        StringBuilder lines = new StringBuilder();
        lines.append("{\"_id\": \"avatar\", \"title\": \"Avatar: The Way of Water\", \"text\": \"A 2022 film directed by "
                + "James Cameron, who co-wrote the screenplay with Rick Jaffa and Amanda Silver.\"}\n");
        lines.append("{\"_id\": \"titanic\", \"title\": \"Titanic\", \"text\": \"Written and directed by James Cameron.\"}\n");
        lines.append("{\"_id\": \"jaws\", \"title\": \"Jaws\", \"text\": \"A 1975 thriller directed by Steven Spielberg.\"}\n");
        lines.append("{\"_id\": \"near\", \"title\": \"NEAR and AND\", \"text\": \"The words near, and, or and not are "
                + "operators in FTS5 but plain words here: C++ and node.js, e-mail, 50% off.\"}\n");
        lines.append("{\"_id\": \"dup-b\", \"text\": \"identical twin text about zebras\"}\n");
        lines.append("{\"_id\": \"dup-a\", \"text\": \"identical twin text about zebras\"}\n");
        lines.append("{\"_id\": \"dup-c\", \"text\": \"identical twin text about zebras\"}\n");
        for (int i = 0; i < 1500; i++) {
            lines.append("{\"_id\": \"filler-").append(i).append("\", \"text\": \"filler document number ").append(i)
                    .append(" about common things and films\"}\n");
        }
        ws.documents("films", write(dir.resolve("corpus.jsonl"), lines.toString()));
        ws.index("films");
        search = new Bm25Search(ws.db);
    }

    @AfterAll
    static void close() {
        ws.close();
    }

    @Test
    void ranksTheDocumentsThatMatchBestFirstWithSnippets() {
        SearchResult result = search.search("films", "movies directed by James Cameron", 10, true);
        assertThat(result.terms()).containsExactly("movies", "directed", "james", "cameron");
        assertThat(result.dropped()).containsExactly("by");
        assertThat(result.hits()).extracting(SearchHit::docId).startsWith("titanic", "avatar");
        SearchHit first = result.hits().get(0);
        assertThat(first.rank()).isEqualTo(1);
        assertThat(first.title()).isEqualTo("Titanic");
        assertThat(first.score()).isPositive().isGreaterThan(result.hits().get(1).score());
        assertThat(first.snippet("[", "]")).contains("[directed]").contains("[James]").contains("[Cameron]");
        assertThat(result.indexComplete()).isTrue();
    }

    @Test
    void stemsTheWayThePorterTokenizerDoes() {
        assertThat(search.search("films", "directing", 5, false).hits()).extracting(SearchHit::docId)
                .contains("titanic", "avatar", "jaws");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"James Cameron", "title: Titanic", "(directed OR", "NEAR(a b)", "AND", "OR OR OR", "NOT",
        "film*", "-jaws", "^titanic", "'single quote", "C++", "node.js", "50%", "e-mail", "\"\"\"", "***", "-", ":",
        "(", ")", "{}", "[]", "\\", "  ", "", "\t\n", "🎬 film", "naïve café", "東京", "cameron\u0000titanic",
        "column:text AND title:\"x\""})
    void anyUserTextIsSearchedAsWordsAndNeverThrows(String text) {
        SearchResult result = search.search("films", text, 20, true);
        assertThat(result.hits()).allSatisfy(h -> assertThat(h.docId()).isNotNull());
    }

    @Test
    void operatorsArePlainWords() {
        assertThat(search.search("films", "NEAR", 5, false).hits()).extracting(SearchHit::docId).containsExactly("near");
        assertThat(search.search("films", "\"James Cameron\"", 5, false).hits()).extracting(SearchHit::docId)
                .containsExactlyInAnyOrder("avatar", "titanic");
        assertThat(search.search("films", "-jaws", 5, false).hits()).extracting(SearchHit::docId).containsExactly("jaws");
    }

    @Test
    void textWithoutWordsFindsNothing() {
        SearchResult result = search.search("films", "!!! ??? ...", 10, true);
        assertThat(result.terms()).isEmpty();
        assertThat(result.hits()).isEmpty();
    }

    @Test
    void onlyStopwordsAreSearchedRatherThanNothing() {
        SearchResult result = search.search("films", "and not", 5, false);
        assertThat(result.terms()).containsExactly("and", "not");
        assertThat(result.hits()).isNotEmpty();
    }

    @Test
    void aLargeKReturnsEveryMatchRankedOnce() {
        SearchResult result = search.search("films", "filler document films", 1000, false);
        assertThat(result.hits()).hasSize(1000);
        assertThat(result.hits()).extracting(SearchHit::rank).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 1000).boxed().toList());
        assertThat(result.hits()).extracting(SearchHit::docId).doesNotHaveDuplicates();
        List<Double> scores = result.hits().stream().map(SearchHit::score).toList();
        assertThat(scores).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void tiesAreBrokenByDocumentIdDescendingAsTrecEvalDoesIncludingAtTheCut() {
        assertThat(search.search("films", "zebras", 3, false).hits()).extracting(SearchHit::docId)
                .containsExactly("dup-c", "dup-b", "dup-a");
        assertThat(search.search("films", "zebras", 2, false).hits()).extracting(SearchHit::docId)
                .containsExactly("dup-c", "dup-b");
        assertThat(search.search("films", "zebras", 1, false).hits()).extracting(SearchHit::docId)
                .containsExactly("dup-c");
    }

    @Test
    void refusesAnUnknownCollectionAndAnAbsurdK() {
        assertThatThrownBy(() -> search.search("nope", "x", 10, false)).isInstanceOf(UserException.class)
                .hasMessageStartingWith("no collection named 'nope'");
        assertThatThrownBy(() -> search.search("films", "x", 0, false)).isInstanceOf(UserException.class)
                .hasMessage("k must be between 1 and 10000, not 0");
    }

    @Test
    void queryParsingQuotesEveryTermAndDropsStopwords() {
        FtsQuery q = FtsQuery.parse("The \"quoted\" AND/or NEAR(x) -minus");
        assertThat(q.terms()).containsExactly("quoted", "near", "x", "minus");
        assertThat(q.dropped()).containsExactly("the", "and", "or");
        assertThat(q.matchExpression()).isEqualTo("\"quoted\" OR \"near\" OR \"x\" OR \"minus\"");
        assertThat(FtsQuery.parse("word ".repeat(3) + "a b c").terms()).containsExactly("word", "b", "c");
    }
}
