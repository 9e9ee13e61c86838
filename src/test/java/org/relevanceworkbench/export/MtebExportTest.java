package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.formats.AtomicFolder;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Qrel;
import org.relevanceworkbench.store.QrelDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;
import org.relevanceworkbench.store.Topic;
import org.relevanceworkbench.store.TopicDao;

class MtebExportTest {
    @TempDir
    Path dir;
    ExportFixture ws;

    @BeforeEach
    void open() throws Exception {
        ws = new ExportFixture(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Path export(String folder, List<String> variants, QrelsSelection qrels, String candidates) throws Exception {
        MtebStudy study = new MtebExport(ws.db).prepare(ExportFixture.FILMS, variants, null, qrels, candidates);
        Path target = dir.resolve("out").resolve(folder);
        AtomicFolder.write(target, false, study::writeInto);
        return target;
    }

    private List<String> qrelKeys(String collection) {
        long id = ws.collection(collection).id();
        return ws.db.read(c -> new QrelDao(c).list(id)).stream()
                .map(q -> q.topicId() + "/" + q.variant() + "/" + q.docId() + "=" + q.grade()).sorted().toList();
    }

    @Test
    void writesMtebsLayout() throws Exception {
        Path study = export("study", List.of("og", "changed"), QrelsSelection.source("imported"), "qrels");
        try (Stream<Path> files = Files.walk(study)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> study.relativize(p).toString()).sorted())
                    .containsExactly("corpus.jsonl", "qrel_diff.jsonl", "qrels_changed/test.tsv", "qrels_og/test.tsv",
                            "queries.jsonl", "top_ranked.jsonl");
        }
        assertThat(Files.readAllLines(study.resolve("qrels_og/test.tsv"))).containsExactly("query-id\tcorpus-id\tscore",
                "2\td1\t0", "2\td5\t1", "10\td1\t1", "10\td10\t1", "10\td4\t1", "10\td5\t0");
        // create_qrel_diff: the og-judged documents whose changed grade differs
        assertThat(Files.readAllLines(study.resolve("qrel_diff.jsonl"))).containsExactly(
                "{\"query-id\":\"2\",\"corpus-ids\":[]}", "{\"query-id\":\"10\",\"corpus-ids\":[\"d10\",\"d4\"]}");
        // the default candidates: each topic's judged documents, by docno
        assertThat(Files.readAllLines(study.resolve("top_ranked.jsonl"))).containsExactly(
                "{\"qid\":\"2\",\"pid\":\"d1\"}", "{\"qid\":\"2\",\"pid\":\"d5\"}",
                "{\"qid\":\"10\",\"pid\":\"d1\"}", "{\"qid\":\"10\",\"pid\":\"d10\"}",
                "{\"qid\":\"10\",\"pid\":\"d4\"}", "{\"qid\":\"10\",\"pid\":\"d5\"}");
        assertThat(new ObjectMapper().readTree(Files.readAllLines(study.resolve("queries.jsonl")).get(1)))
                .isEqualTo(new ObjectMapper().readTree("""
                        {"_id": "10", "text": "films by James Cameron", "instruction_og": "Any film he directed is relevant.",
                         "instruction_changed": "Only films he wrote alone are relevant."}"""));
        try (Stream<Path> siblings = Files.list(study.getParent())) {
            assertThat(siblings).containsExactly(study); // no temporary folder left beside it
        }
    }

    @Test
    void theFolderImportsBackAsTheSameStudy() throws Exception {
        Path study = export("study", List.of("og", "changed"), QrelsSelection.source("imported"), "run:followir-og");
        ws.importDocuments("study", study.resolve("corpus.jsonl"));
        ws.importTopics("study", study.resolve("queries.jsonl"));
        ws.importQrels("study", ImportOptions.defaults(), study.resolve("qrels_og/test.tsv"),
                study.resolve("qrels_changed/test.tsv"));
        ws.importRuns("study", ImportOptions.defaults(), study.resolve("top_ranked.jsonl"));

        long films = ws.films.id();
        long back = ws.collection("study").id();
        List<Topic> original = ws.db.read(c -> new TopicDao(c).list(films));
        List<Topic> imported = ws.db.read(c -> new TopicDao(c).list(back));
        assertThat(imported).extracting(Topic::topicId, Topic::query, Topic::variants)
                .containsExactlyElementsOf(original.stream().map(t -> org.assertj.core.groups.Tuple.tuple(t.topicId(),
                        t.query(), t.variants())).toList());
        assertThat(qrelKeys("study")).isEqualTo(qrelKeys(ExportFixture.FILMS));
        // the corpus: the run's candidates and every judged document, unchanged
        for (String id : List.of("d1", "d2", "d4", "d5", "d10")) {
            Document before = ws.db.read(c -> new DocumentDao(c).find(films, id)).orElseThrow();
            Document after = ws.db.read(c -> new DocumentDao(c).find(back, id)).orElseThrow();
            assertThat(after.title()).isEqualTo(before.title());
            assertThat(after.text()).isEqualTo(before.text());
        }
        Optional<Document> d3 = ws.db.read(c -> new DocumentDao(c).find(back, "d3"));
        assertThat(d3).isEmpty(); // neither a candidate nor judged
        // top_ranked: the candidates in the run's stored order, as a run
        List<RunScore> topRanked = ws.db.read(c -> {
            Run run = new RunDao(c).find(back, "top_ranked").orElseThrow();
            return new RunDao(c).scores(run.id(), "10", "og");
        });
        assertThat(topRanked).extracting(RunScore::docId).containsExactly("d1", "d2", "d10", "d4", "d5");
    }

    @Test
    void theFirstVariantBecomesOgWhateverItIsCalled() throws Exception {
        Path study = export("swapped", List.of("changed", "og"), QrelsSelection.source("imported"), "qrels");
        assertThat(Files.readAllLines(study.resolve("queries.jsonl")).get(1))
                .contains("\"instruction_og\":\"Only films he wrote alone are relevant.\"")
                .contains("\"instruction_changed\":\"Any film he directed is relevant.\"");
        assertThat(Files.readAllLines(study.resolve("qrels_og/test.tsv"))).contains("10\td4\t0");
    }

    @Test
    void topicsWithoutGradesUnderBothVariantsAreLeftOutWithAWarning() {
        MtebStudy study = new MtebExport(ws.db).prepare(ExportFixture.FILMS, List.of("og", "changed"), null,
                QrelsSelection.assessor("ann"), "qrels");
        assertThat(study.queries()).extracting(MtebStudy.MtebQuery::id).containsExactly("10");
        assertThat(study.qrelsOg()).extracting(Qrel::docId).containsExactly("d1", "d2");
        assertThat(study.warnings()).containsExactly(
                "topic '2' left out: assessor 'ann' have no grades under 'og'",
                "1 documents judged under 'og' have no grade under 'changed': MTEB's create_qrel_diff will fail on"
                        + " them (KeyError)");
    }

    @Test
    void badRequestsAreUserErrors() {
        MtebExport export = new MtebExport(ws.db);
        QrelsSelection imported = QrelsSelection.source("imported");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, List.of("og"), null, imported, "qrels"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("--variants takes two different variants");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, List.of("og", "narrow"), null, imported, "qrels"))
                .isInstanceOf(UserException.class)
                .hasMessage("no topic of collection 'films' has both variants 'og' and 'narrow'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, List.of("og", "changed"), List.of("99"), imported,
                "qrels")).isInstanceOf(UserException.class).hasMessage("collection 'films' has no topic '99'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, List.of("og", "changed"), null, imported,
                "run:bm25")).isInstanceOf(UserException.class).hasMessage("collection 'films' has no run 'bm25'");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, List.of("og", "changed"), null, imported, "top"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("candidates must be");
    }
}
