package org.relevanceworkbench.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.formats.Format;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.RunSummary;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;
import org.relevanceworkbench.store.Variant;

class TopicQrelRunImportTest {
    @TempDir
    Path dir;
    Workspace ws;
    Collection core;

    @BeforeEach
    void open() throws Exception {
        ws = new Workspace(dir.resolve("ws.db"));
        ws.documents("core17", write(dir.resolve("corpus.jsonl"), "{\"_id\": \"d1\", \"text\": \"x\"}\n"));
        core = ws.collection("core17");
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private List<Topic> topics() {
        return ws.db.read(c -> new TopicDao(c).list(core.id()));
    }

    private List<Qrel> qrels() {
        return ws.db.read(c -> new QrelDao(c).list(core.id()));
    }

    @Test
    void followIrQueriesBecomeOgAndChangedVariants() throws Exception {
        Path file = write(dir.resolve("queries.jsonl"), """
                {"_id": "307", "text": "What is the status of the Three Gorges Project?", "instruction_og": "A relevant document will provide the projected date of completion.", "instruction_changed": "A relevant document will provide the projected date of completion. Documents about cost are not relevant."}
                {"_id": "310", "text": "radio waves and brain cancer", "instruction_og": "og 310", "instruction_changed": "changed 310"}
                {"_id": "307", "text": "again", "instruction_og": "x", "instruction_changed": "y"}
                """);
        FileReport report = ws.topics(null, file).files().get(0);
        assertThat(report.format()).isEqualTo(Format.QUERIES_JSONL);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.problems()).extracting(Object::toString)
                .containsExactly(file + ":3: duplicate topic '307' (first at line 1)");
        Topic t = topics().get(0);
        assertThat(t.topicId()).isEqualTo("307");
        assertThat(t.query()).isEqualTo("What is the status of the Three Gorges Project?");
        assertThat(t.variants()).extracting(Variant::name).containsExactly("og", "changed");
        assertThat(t.variant("changed")).get().extracting(Variant::instruction)
                .isEqualTo("A relevant document will provide the projected date of completion. "
                        + "Documents about cost are not relevant.");
    }

    @Test
    void mtebSplitLayoutJoinsQueriesAndInstructionsWhateverTheFileOrder() throws Exception {
        Path instructions = write(dir.resolve("instruction.jsonl"), """
                {"query-id": "301-og", "instruction": "the original narrative"}
                {"query-id": "301-changed", "instruction": "the narrower narrative"}
                {"query-id": "999-og", "instruction": "no such topic"}
                """);
        Path queries = write(dir.resolve("queries.jsonl"), """
                {"_id": "301-og", "text": "International Organized Crime"}
                {"_id": "301-changed", "text": "International Organized Crime"}
                """);
        ImportResult result = ws.topics("core17", instructions, queries);
        assertThat(result.files()).extracting(FileReport::file).containsExactly(queries.toString(), instructions.toString());
        assertThat(result.files().get(1).problems()).extracting(Object::toString).containsExactly(instructions
                + ":3: instruction for unknown topic '999' (import the file with its query text first)");
        assertThat(topics()).singleElement().satisfies(t -> {
            assertThat(t.query()).isEqualTo("International Organized Crime");
            assertThat(t.variants()).containsExactly(new Variant("og", "the original narrative", 0),
                    new Variant("changed", "the narrower narrative", 1));
        });
    }

    @Test
    void plainQueriesGetAnEmptyBaselineSoEveryTopicHasOne() throws Exception {
        ws.topics(null, write(dir.resolve("q.jsonl"), "{\"_id\": \"q1\", \"text\": \"what is bm25\"}\n"));
        assertThat(topics().get(0).variants()).containsExactly(new Variant("og", "", 0));
    }

    @Test
    void topicsWithoutACollectionNeedTheWorkspaceToHaveExactlyOne() throws Exception {
        ws.documents("news21", write(dir.resolve("more.jsonl"), "{\"_id\": \"n1\", \"text\": \"x\"}\n"));
        Path file = write(dir.resolve("q.jsonl"), "{\"_id\": \"q1\", \"text\": \"x\"}\n");
        assertThatThrownBy(() -> ws.topics(null, file)).isInstanceOf(UserException.class)
                .hasMessage("the workspace has several collections (core17, news21): name one with --collection");
    }

    @Test
    void qrelsGoToTheVariantTheirIdPathOrOptionNames() throws Exception {
        Path og = write(dir.resolve("qrels_og/test.tsv"), "query-id\tcorpus-id\tscore\n301\td1\t1\n301\td2\t0\n");
        Path changed = write(dir.resolve("qrels_changed/test.tsv"), "query-id\tcorpus-id\tscore\n301\td1\t0\n");
        Path suffixed = write(dir.resolve("qrels.txt"), "302-changed 0 d3 2\n302-og 0 d3 1\n");
        Path plain = write(dir.resolve("robust.qrels"), "303 0 d4 1\n");
        ws.qrels(null, ImportOptions.defaults(), og, changed, suffixed);
        ws.qrels(null, ImportOptions.defaults().withVariant("mine"), plain);
        assertThat(qrels()).containsExactly(
                new Qrel("301", "changed", "d1", 0, "imported"), new Qrel("301", "og", "d1", 1, "imported"),
                new Qrel("301", "og", "d2", 0, "imported"), new Qrel("302", "changed", "d3", 2, "imported"),
                new Qrel("302", "og", "d3", 1, "imported"), new Qrel("303", "mine", "d4", 1, "imported"));
    }

    @Test
    void trecQrelsFromTrecEvalsOwnTestSuiteImportWithComments() {
        Path file = Path.of("src/test/resources/trec_eval/qrels.test.with-comments");
        FileReport report = ws.qrels(null, ImportOptions.defaults(), file).files().get(0);
        assertThat(report.format()).isEqualTo(Format.TREC_QRELS);
        assertThat(report.skipped()).isZero();
        assertThat(report.imported()).isEqualTo(3681); // the file's lines less its 4 comment lines
        assertThat(qrels()).contains(new Qrel("301", "og", "CR#93E-1860", 0, "imported"));
    }

    @Test
    void badQrelsLinesAreListedAndTheRestKept() throws Exception {
        Path file = write(dir.resolve("q.txt"), "301 0 d1 1\n301 0 d2\n301 0 d3 high\n301 0 d1 0\n301 0 d4 1.0\n");
        FileReport report = ws.qrels(null, ImportOptions.defaults(), file).files().get(0);
        assertThat(report.imported()).isEqualTo(2);
        assertThat(report.problems()).extracting(Object::toString).containsExactly(
                file + ":2: expected 4 columns (topic iteration docno grade), found 3",
                file + ":3: relevance grade is not an integer: high",
                file + ":4: duplicate judgment of 'd1' for topic '301' (og) (first at line 1)");
    }

    @Test
    void aTrecRunIsNamedByItsTagAndKeepsRanksAndScores() {
        Path file = Path.of("src/test/resources/trec_eval/results.test");
        FileReport report = ws.runs(null, ImportOptions.defaults(), file).files().get(0);
        assertThat(report.format()).isEqualTo(Format.TREC_RUN);
        assertThat(report.skipped()).isZero();
        List<RunSummary> runs = ws.db.read(c -> new RunDao(c).list(core.id()));
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r.run().name()).isEqualTo("STANDARD");
            assertThat(r.run().scorer()).isEqualTo("imported");
            assertThat(r.scores()).isEqualTo(report.imported());
        });
        List<RunScore> scores = ws.db.read(c -> new RunDao(c).scores(runs.get(0).run().id(), "301", "og"));
        assertThat(scores.get(0)).isEqualTo(RunScore.ranked("301", "og", "FBIS4-50478", 1, 3.340779));
        assertThat(scores).contains(RunScore.ranked("301", "og", "FR940202-2-00150", 104, 2.129133));
    }

    @Test
    void aRunNameIsNotSilentlyReplaced() throws Exception {
        Path run = write(dir.resolve("bm25.run"), "301 Q0 d1 1 9.5 bm25\n301 Q0 d2 2 8.5 bm25\n");
        ws.runs(null, ImportOptions.defaults(), run);
        FileReport again = ws.runs(null, ImportOptions.defaults(), run).files().get(0);
        assertThat(again.fatal()).isEqualTo(run + ": run 'bm25' already exists in collection 'core17': choose another "
                + "--name or add --replace; nothing from this file was stored");
        Path other = write(dir.resolve("other.run"), "301 Q0 d3 1 1.0 bm25\n");
        ws.runs(null, ImportOptions.defaults().withRunName(null, true), other);
        ws.runs(null, ImportOptions.defaults().withRunName("bm25-copy", false), run);
        List<RunSummary> runs = ws.db.read(c -> new RunDao(c).list(core.id()));
        assertThat(runs).extracting(r -> r.run().name(), RunSummary::scores)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("bm25", 1L),
                        org.assertj.core.groups.Tuple.tuple("bm25-copy", 2L));
    }

    @Test
    void topRankedGivesRanksInFileOrderPerQuery() throws Exception {
        Path file = write(dir.resolve("top_ranked.jsonl"), """
                {"qid": "301", "pid": "d9"}
                {"qid": "301", "pid": "d1"}
                {"qid": "302-changed", "pid": "d1"}
                {"qid": "301", "pid": "d9"}
                {"qid": "301"}
                """);
        FileReport report = ws.runs(null, ImportOptions.defaults(), file).files().get(0);
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.problems()).extracting(Object::toString).containsExactly(
                file + ":4: document 'd9' listed twice for topic '301' (og)",
                file + ":5: missing document id (pid)");
        Optional<Run> run = ws.db.read(c -> new RunDao(c).find(core.id(), "top_ranked"));
        List<RunScore> og = ws.db.read(c -> new RunDao(c).scores(run.get().id(), "301", "og"));
        assertThat(og).containsExactly(RunScore.ranked("301", "og", "d9", 1, null),
                RunScore.ranked("301", "og", "d1", 2, null));
        List<RunScore> changed = ws.db.read(c -> new RunDao(c).scores(run.get().id(), "302", "changed"));
        assertThat(changed).containsExactly(RunScore.ranked("302", "changed", "d1", 1, null));
    }

    @Test
    void aRunFileWithNoValidLineCreatesNoRun() throws Exception {
        Path file = write(dir.resolve("broken.run"), "301 Q0 d1 one 9.5 tag\n");
        ImportResult result = ws.runs(null, ImportOptions.defaults(), file);
        assertThat(result.failed()).isTrue();
        List<RunSummary> runs = ws.db.read(c -> new RunDao(c).list(core.id()));
        assertThat(runs).isEmpty();
    }
}
