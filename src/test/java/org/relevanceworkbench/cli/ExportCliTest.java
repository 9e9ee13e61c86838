package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Judgment;
import org.relevanceworkbench.store.JudgmentDao;

/** The export subcommands end to end: output to files and standard output, messages, atomicity. */
class ExportCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();

    private CliRunner.Result run(String... args) {
        String[] withDb = new String[args.length + 2];
        withDb[0] = "--db";
        withDb[1] = dir.resolve("ws.db").toString();
        System.arraycopy(args, 0, withDb, 2, args.length);
        return cli.run(withDb);
    }

    @BeforeEach
    void workspace() throws Exception {
        assertThat(run("import", "--collection", "films", write(dir.resolve("in/corpus.jsonl"), """
                {"_id": "d1", "title": "Avatar", "text": "A 2009 film by James Cameron."}
                {"_id": "d2", "title": "@risk", "text": "A title a spreadsheet would run."}
                """).toString()).exitCode()).isZero();
        assertThat(run("topics", "import", write(dir.resolve("in/queries.jsonl"), """
                {"_id": "1", "text": "Cameron films", "instruction_og": "Any.", "instruction_changed": "Written alone."}
                """).toString()).exitCode()).isZero();
        assertThat(run("qrels", "import", write(dir.resolve("in/qrels_og.tsv"), "q\tc\ts\n1\td1\t1\n1\td2\t0\n").toString(),
                write(dir.resolve("in/qrels_changed.tsv"), "q\tc\ts\n1\td1\t0\n1\td2\t0\n").toString()).exitCode()).isZero();
        assertThat(run("runs", "import", write(dir.resolve("in/og.run"), "1 Q0 d1 1 0.9 followir-og\n1 Q0 d2 2 0.4 followir-og\n")
                .toString()).exitCode()).isZero();
        assertThat(run("runs", "import", write(dir.resolve("in/changed.run"),
                "1 Q0 d1 1 0.3 followir-changed\n1 Q0 d2 2 0.2 followir-changed\n").toString()).exitCode()).isZero();
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            long films = db.read(c -> new CollectionDao(c).require("films")).id();
            db.write(c -> {
                JudgmentDao judgments = new JudgmentDao(c);
                judgments.record(films, new Judgment("ann", "1", "og", "d1", 1, null, 1, null));
                judgments.record(films, new Judgment("bob", "1", "og", "d1", 0, null, 1, null));
                judgments.record(films, new Judgment("bob", "1", "og", "d2", 0, null, 1, null));
                return null;
            });
        }
    }

    /** Judgments straight into the store, which (unlike the importers) accepts any document id. */
    private void judge(Judgment... judgments) {
        try (Database db = Database.open(dir.resolve("ws.db"))) {
            long films = db.read(c -> new CollectionDao(c).require("films")).id();
            db.write(c -> {
                for (Judgment j : judgments) {
                    new JudgmentDao(c).record(films, j);
                }
                return null;
            });
        }
    }

    private List<String> namesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyExportHasHelp() {
        for (String command : List.of("qrels", "run", "table", "mteb", "llamafactory")) {
            CliRunner.Result r = cli.run("export", command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: relevance-workbench export " + command);
        }
    }

    @Test
    void qrelsGoToStandardOutputWithTheSummaryOnStandardError() {
        CliRunner.Result r = run("export", "qrels", "--collection", "films", "--source", "imported", "--all-variants",
                "--output", "-");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).containsExactly("1-og 0 d1 1", "1-og 0 d2 0", "1-changed 0 d1 0", "1-changed 0 d2 0");
        assertThat(r.err().strip()).isEqualTo("wrote 4 qrels of imported qrels (all variants) to standard output");
    }

    @Test
    void adjudicatedExportsSayHowManyDisagreementsWereLeftOut() throws Exception {
        Path out = dir.resolve("out/adjudicated.qrels");
        CliRunner.Result r = run("export", "qrels", "--collection", "films", "--adjudicated", "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readAllLines(out)).containsExactly("1 0 d2 0");
        assertThat(r.err()).contains("note: left out 1 documents the assessors disagree on and nobody adjudicated");
        CliRunner.Result byAnn = run("export", "qrels", "--collection", "films", "--adjudicated", "--adjudicator", "ann",
                "--output", "-");
        assertThat(byAnn.out().lines()).containsExactly("1 0 d1 1", "1 0 d2 0");
        assertThat(byAnn.err()).doesNotContain("left out");
        assertThat(run("export", "qrels", "--collection", "films", "--adjudicator", "ann", "--output", "-").exitCode())
                .isEqualTo(2); // --adjudicator alone is a usage error
        assertThat(run("export", "qrels", "--collection", "films", "--source", "imported", "--assessor", "ann",
                "--output", "-").exitCode()).isEqualTo(2);
    }

    @Test
    void aFailingExportLeavesNoFileAndNoTemporaryFile() throws Exception {
        Path blocker = write(dir.resolve("out/blocker"), "a file where a folder should be");
        CliRunner.Result r = run("export", "qrels", "--collection", "films", "--source", "imported", "--output",
                blocker.resolve("qrels.txt").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: cannot write " + blocker.resolve("qrels.txt") + ": " + blocker
                + " is a file, not a folder; nothing was written");
        assertThat(namesIn(blocker.getParent())).containsExactly("blocker");
    }

    @Test
    void aFailureHalfwayThroughKeepsThePreviousFileAndLeavesNoTemporaryFile() throws Exception {
        // d1 is written before "zz bad" fails the export
        judge(new Judgment("dan", "1", "og", "d1", 1, null, 1, null), new Judgment("dan", "1", "og", "zz bad", 1, null, 1, null));
        Path out = write(dir.resolve("out/dan.qrels"), "the previous export\n");
        CliRunner.Result r = run("export", "qrels", "--collection", "films", "--assessor", "dan", "--output",
                out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: cannot export: document id 'zz bad' contains whitespace or a"
                + " control character (TREC and TSV columns hold one word)");
        assertThat(Files.readString(out)).isEqualTo("the previous export\n");
        assertThat(namesIn(out.getParent())).containsExactly("dan.qrels");
    }

    @Test
    void unknownNamesAreOneLineErrors() {
        assertThat(run("export", "qrels", "--collection", "nope", "--source", "imported", "--output", "-").err().strip())
                .isEqualTo("error: no collection named 'nope' (collections: films)");
        assertThat(run("export", "run", "--collection", "films", "--run", "bm25", "--variant", "og", "--output", "-")
                .err().strip()).isEqualTo(
                        "error: collection 'films' has no run 'bm25' (runs: followir-changed, followir-og)");
        assertThat(run("export", "qrels", "--collection", "films", "--assessor", "zed", "--output", "-").err().strip())
                .isEqualTo("error: no assessor named 'zed' (assessors: ann, bob)");
        CliRunner.Result variant = run("export", "run", "--collection", "films", "--run", "followir-og", "--variant",
                "changed", "--output", "-");
        assertThat(variant.exitCode()).isEqualTo(1);
        assertThat(variant.err().strip()).isEqualTo(
                "error: run 'followir-og' has no scores for variant 'changed' (its variants: og)");
    }

    @Test
    void runTableMtebAndLlamaFactoryExportsWriteTheirFiles() throws Exception {
        Path runFile = dir.resolve("out/og.trec");
        CliRunner.Result run = run("export", "run", "--collection", "films", "--run", "followir-og", "--variant", "og",
                "--tag", "mine", "--output", runFile.toString());
        assertThat(run.exitCode()).isZero();
        assertThat(Files.readAllLines(runFile)).containsExactly("1 Q0 d1 1 0.9 mine", "1 Q0 d2 2 0.4 mine");

        CliRunner.Result table = run("export", "table", "--collection", "films", "--topic", "1", "--format", "csv",
                "--output", "-");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).startsWith("doc_id,title,p_true_og,rank_og,p_true_changed,rank_changed,")
                .contains("\r\nd1,Avatar,0.9,1,0.3,1,-0.6,0,1,0,1,,unrecorded,,0,,unrecorded,\r\n")
                .contains("\r\nd2,'@risk,0.4,2,");

        Path study = dir.resolve("out/study");
        CliRunner.Result mteb = run("export", "mteb", "--collection", "films", "--variants", "og,changed",
                "--candidates", "bm25:10", "--output", study.toString());
        assertThat(mteb.exitCode()).as(mteb.err()).isZero();
        assertThat(namesIn(study)).containsExactly("corpus.jsonl", "qrel_diff.jsonl", "qrels_changed", "qrels_og",
                "queries.jsonl", "top_ranked.jsonl");
        assertThat(mteb.err()).contains("wrote 1 queries, 2 documents, 4 qrels and 1 candidates to " + study);
        CliRunner.Result again = run("export", "mteb", "--collection", "films", "--variants", "og,changed",
                "--output", study.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(run("export", "mteb", "--collection", "films", "--variants", "og,changed", "--replace",
                "--output", study.toString()).exitCode()).isZero();

        Path train = dir.resolve("out/llama/followir-train.json");
        CliRunner.Result llama = run("export", "llamafactory", "--collection", "films", "--source", "imported",
                "--output", train.toString());
        assertThat(llama.exitCode()).as(llama.err()).isZero();
        assertThat(llama.err()).contains("wrote 4 records to " + train + " (dataset followIR-train in dataset_info.json)");
        JsonNode records = new ObjectMapper().readTree(train.toFile());
        assertThat(records.isArray()).isTrue();
        assertThat(records.get(0).get("output").asText()).isEqualTo("true");
        JsonNode info = new ObjectMapper().readTree(train.resolveSibling("dataset_info.json").toFile());
        assertThat(info.get("followIR-train").get("file_name").asText()).isEqualTo("followir-train.json");
        assertThat(namesIn(train.getParent())).containsExactly("dataset_info.json", "followir-train.json");
    }
}
