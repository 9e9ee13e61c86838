package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

/**
 * Judging conditions on the command line: qrels exported with the condition of each judgment, agreement split by
 * condition (the comparison LLM-assisted judging studies make), and the judging loop's post-edit mode.
 */
class JudgingConditionsCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();
    Path db;

    private static Judgment judged(String assessor, String doc, int grade, String kind, Double p) {
        return new Judgment(assessor, "301", "og", doc, grade, null, 1, null,
                kind == null ? null : new Judgment.Condition(kind, p, "model-score", "0.1.0"));
    }

    @BeforeEach
    void workspace() {
        db = dir.resolve("ws.db");
        try (Database workspace = Database.open(db)) {
            workspace.write(c -> {
                Collection films = new CollectionDao(c).create("films");
                JudgmentDao judgments = new JudgmentDao(c);
                Run run = new RunDao(c).create(films.id(), new Run(0, "followir-og", "followir", "sha256:x", "t",
                        "fp32", 2048, "control", "m", null));
                double[] p = {0.9, 0.8, 0.3, 0.2, 0.7, 0.1};
                try (org.relevanceworkbench.store.DocumentDao.Inserter docs =
                        new org.relevanceworkbench.store.DocumentDao(c).inserter(films.id())) {
                    for (int i = 1; i <= p.length; i++) {
                        docs.insert("d" + i, "Film " + i, "A film, number " + i + ".", null);
                    }
                }
                org.relevanceworkbench.store.TopicDao topics = new org.relevanceworkbench.store.TopicDao(c);
                topics.upsertVariant(topics.upsert(films.id(), "301", "films by James Cameron", null, null), "og",
                        "written by him");
                try (RunDao.Inserter scores = new RunDao(c).inserter(run.id())) {
                    for (int i = 0; i < p.length; i++) {
                        scores.insert(RunScore.ranked("301", "og", "d" + (i + 1), i + 1, p[i]));
                    }
                }
                // ann saw suggestions on d1-d4 and agreed with the model; blind on d5-d6 she disagreed
                judgments.record(films.id(), judged("ann", "d1", 1, "suggested", 0.9));
                judgments.record(films.id(), judged("ann", "d2", 1, "suggested", 0.8));
                judgments.record(films.id(), judged("ann", "d3", 0, "suggested", 0.3));
                judgments.record(films.id(), judged("ann", "d4", 0, "suggested", 0.2));
                judgments.record(films.id(), judged("ann", "d5", 0, "blind", null));
                judgments.record(films.id(), judged("ann", "d6", 1, "blind", null));
                judgments.record(films.id(), new Judgment("ann", "301", "og", "d7", 1, null, 1, null));
                return null;
            });
        }
    }

    @Test
    void qrelsCarryTheConditionOfEachJudgmentWhenAsked() throws Exception {
        Path out = dir.resolve("ann.qrels");
        CliRunner.Result r = cli.run("--db", db.toString(), "export", "qrels", "--collection", "films", "--assessor",
                "ann", "--with-conditions", "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly(
                "301 0 d1 1 suggested 0.9 model-score 0.1.0",
                "301 0 d2 1 suggested 0.8 model-score 0.1.0",
                "301 0 d3 0 suggested 0.3 model-score 0.1.0",
                "301 0 d4 0 suggested 0.2 model-score 0.1.0",
                "301 0 d5 0 blind - model-score 0.1.0",
                "301 0 d6 1 blind - model-score 0.1.0",
                "301 0 d7 1 unrecorded - - -");
        CliRunner.Result plain = cli.run("--db", db.toString(), "export", "qrels", "--collection", "films",
                "--assessor", "ann", "--output", "-");
        assertThat(plain.out().lines().toList()).as("trec_eval's four columns by default").first()
                .isEqualTo("301 0 d1 1");
        CliRunner.Result source = cli.run("--db", db.toString(), "export", "qrels", "--collection", "films",
                "--source", "imported", "--with-conditions", "--output", "-");
        assertThat(source.exitCode()).isEqualTo(1);
        assertThat(source.err().strip()).isEqualTo("error: judging conditions belong to one assessor's judgments:"
                + " export them with --assessor NAME");
    }

    @Test
    void agreementWithTheModelSplitsByCondition() {
        CliRunner.Result r = cli.run("--db", db.toString(), "agreement", "--collection", "films", "--assessor", "ann",
                "--model-run", "followir-og", "--by-condition");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        int suggested = lines.indexOf("ann vs run followir-og, collection films, all topics and variants, condition"
                + " suggested");
        int blind = lines.indexOf("ann vs run followir-og, collection films, all topics and variants, condition blind");
        assertThat(suggested).isNotNegative();
        assertThat(blind).isGreaterThan(suggested);
        assertThat(lines.subList(suggested, blind)).anySatisfy(l -> assertThat(l).matches("n\\s+4"))
                .anySatisfy(l -> assertThat(l).matches("accuracy\\s+1\\.0000"));
        assertThat(lines.subList(blind, lines.size())).anySatisfy(l -> assertThat(l).matches("n\\s+2"))
                .anySatisfy(l -> assertThat(l).matches("accuracy\\s+0\\.0000"));
        assertThat(r.out()).contains("condition unrecorded");
    }

    @Test
    void theJudgingLoopPostEditsTheModelsLabelsAndRecordsIt() throws Exception {
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("d3 1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            CliRunner.Result r = cli.run("--db", db.toString(), "judge", "--collection", "films", "--topic", "301",
                    "--variant", "og", "--assessor", "eve", "--loop", "--candidates", "run:followir-og", "--order",
                    "model-score", "--post-edit");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).first().isEqualTo("ready 0/6 judged, next d1 (model label 1)");
            assertThat(r.out()).contains("ack d3 1");
        } finally {
            System.setIn(stdin);
        }
        try (Database workspace = Database.open(db)) {
            Collection films = workspace.read(c -> new CollectionDao(c).require("films"));
            Judgment eve = workspace.read(c -> new JudgmentDao(c).find(films.id(), "eve", "301", "og", "d3"))
                    .orElseThrow();
            assertThat(eve.condition().kind()).isEqualTo("post-edit");
            assertThat(eve.condition().suggestedP()).isEqualTo(0.3);
            assertThat(eve.condition().queueOrder()).isEqualTo("model-score");
        }
    }
}
