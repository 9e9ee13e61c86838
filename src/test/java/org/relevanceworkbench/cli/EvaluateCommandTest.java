package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * evaluate on the bundled trec-mini and on an MTEB/FollowIR folder that export mteb wrote: the summary is what the
 * pmrr command computes from the same runs, the run files are export run's, a rerun comes from the cache.
 */
class EvaluateCommandTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    private static String model() throws Exception {
        return Path.of(EvaluateCommandTest.class.getResource("/followir-golden/tiny-bf16").toURI()).toString();
    }

    /** p-MRR, MAP and nDCG@5 as the pmrr command prints them for the workspace's runs. */
    private double[] pmrr(String db, String collection) {
        CliRunner.Result r = cli.run("--db", db, "pmrr", "--collection", collection, "--og-run", "followir-og",
                "--changed-run", "followir-changed");
        assertThat(r.exitCode()).as(r.err()).isZero();
        Matcher p = Pattern.compile("p-MRR  all  (-?[0-9.]+)").matcher(r.out());
        Matcher m = Pattern.compile("MAP ([0-9.]+), nDCG@5 ([0-9.]+)").matcher(r.out());
        assertThat(p.find() && m.find()).as(r.out()).isTrue();
        return new double[] {Double.parseDouble(p.group(1)), Double.parseDouble(m.group(1)),
                Double.parseDouble(m.group(2))};
    }

    @Test
    void trecMiniGivesThePmrrCommandsFiguresAndARerunComesFromTheCache() throws Exception {
        String db = dir.resolve("ws.db").toString();
        assertThat(cli.run("--db", db, "samples").exitCode()).isZero();
        Path out = dir.resolve("eval");
        CliRunner.Result r = cli.run("--db", db, "evaluate", "--collection", "trec-mini", "--model", model(),
                "--device", "cpu", "--output-dir", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("10 topics, ").contains("101: ").contains("(bm25:1000)");
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        double[] expected = pmrr(db, "trec-mini");
        assertThat(summary.get("p_mrr").asDouble()).isCloseTo(expected[0], Offset.offset(5e-5));
        assertThat(summary.get("og_map").asDouble()).isCloseTo(expected[1], Offset.offset(5e-5));
        assertThat(summary.get("og_ndcg_at_5").asDouble()).isCloseTo(expected[2], Offset.offset(5e-5));
        assertThat(summary.get("topics").asInt()).isEqualTo(10);
        assertThat(summary.get("backend").asText()).isEqualTo("local");
        assertThat(summary.get("model").asText()).isEqualTo("tiny-bf16");
        assertThat(summary.get("pairs_scored").asLong()).isEqualTo(summary.get("pairs").asLong()).isGreaterThan(0);
        assertThat(summary.get("server").isNull()).isTrue();
        assertThat(r.out()).contains(String.format(java.util.Locale.US, "p-MRR %.4f", summary.get("p_mrr").asDouble()));

        Path exported = dir.resolve("og-export.run");
        assertThat(cli.run("--db", db, "export", "run", "--collection", "trec-mini", "--run", "followir-og",
                "--variant", "og", "--output", exported.toString()).exitCode()).isZero();
        assertThat(Files.readAllLines(out.resolve("og.run"))).isEqualTo(Files.readAllLines(exported));
        List<String> perTopic = Files.readAllLines(out.resolve("per_topic.tsv"));
        assertThat(perTopic.get(0)).isEqualTo("topic\tstatus\tcandidates\tdocuments\tp_mrr\tchanged_documents\tog_ap"
                + "\tog_ndcg_at_5\tpairs_from_cache\tpairs_scored\tnote");
        assertThat(perTopic).hasSize(11);
        assertThat(perTopic.get(1)).startsWith("101\tevaluated\tbm25:1000\t");

        CliRunner.Result again = cli.run("--db", db, "evaluate", "--collection", "trec-mini", "--model", model(),
                "--device", "cpu", "--output-dir", out.toString(), "--topics", "101,102");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode resumed = json.readTree(out.resolve("summary.json").toFile());
        assertThat(resumed.get("topics").asInt()).isEqualTo(2);
        assertThat(resumed.get("pairs_scored").asLong()).as("every pair from the cache").isZero();
        assertThat(resumed.get("pairs_from_cache").asLong()).isEqualTo(resumed.get("pairs").asLong());
        assertThat(Files.readAllLines(out.resolve("og.run"))).allMatch(l -> l.startsWith("101 ") || l.startsWith("102 "));
    }

    @Test
    void anMtebFolderWrittenByExportMtebEvaluatesOnItsTopRankedCandidates() throws Exception {
        String source = dir.resolve("source.db").toString();
        assertThat(cli.run("--db", source, "samples").exitCode()).isZero();
        Path mteb = dir.resolve("trec-mini-followir");
        CliRunner.Result exported = cli.run("--db", source, "export", "mteb", "--collection", "trec-mini", "--variants",
                "og,changed", "--candidates", "bm25:12", "--output", mteb.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();

        String db = dir.resolve("mteb.db").toString();
        assertThat(cli.run("--db", db, "import", "--collection", "mini", mteb.resolve("corpus.jsonl").toString())
                .exitCode()).isZero();
        assertThat(cli.run("--db", db, "topics", "import", "--collection", "mini",
                mteb.resolve("queries.jsonl").toString()).exitCode()).isZero();
        assertThat(cli.run("--db", db, "qrels", "import", "--collection", "mini",
                mteb.resolve("qrels_og/test.tsv").toString(), mteb.resolve("qrels_changed/test.tsv").toString())
                .exitCode()).isZero();
        CliRunner.Result runs = cli.run("--db", db, "runs", "import", "--collection", "mini",
                mteb.resolve("top_ranked.jsonl").toString());
        assertThat(runs.exitCode()).as(runs.err()).isZero();

        Path out = dir.resolve("eval");
        CliRunner.Result r = cli.run("--db", db, "evaluate", "--collection", "mini", "--model", model(), "--device",
                "cpu", "--output-dir", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> perTopic = Files.readAllLines(out.resolve("per_topic.tsv"));
        assertThat(perTopic.subList(1, perTopic.size())).isNotEmpty()
                .allSatisfy(l -> assertThat(l.split("\t")[2]).isEqualTo("run:top_ranked"))
                .allSatisfy(l -> assertThat(l.split("\t")[3]).isEqualTo("12"));
        JsonNode summary = json.readTree(out.resolve("summary.json").toFile());
        double[] expected = pmrr(db, "mini");
        assertThat(summary.get("p_mrr").asDouble()).isCloseTo(expected[0], Offset.offset(5e-5));
        assertThat(summary.get("og_map").asDouble()).isCloseTo(expected[1], Offset.offset(5e-5));
        assertThat(summary.get("candidates").asText()).isEqualTo("top_ranked run, else bm25:1000");
    }

    @Test
    void mistakesAreOneLineAndNothingIsScored() throws Exception {
        String db = dir.resolve("ws.db").toString();
        assertThat(cli.run("--db", db, "samples").exitCode()).isZero();
        String out = dir.resolve("eval").toString();
        CliRunner.Result topic = cli.run("--db", db, "evaluate", "--collection", "trec-mini", "--topics", "999",
                "--model", model(), "--output-dir", out);
        assertThat(topic.err().strip()).isEqualTo("error: collection 'trec-mini' has no topic '999'");
        CliRunner.Result variants = cli.run("--db", db, "evaluate", "--collection", "trec-mini", "--variants",
                "og,stricter", "--model", model(), "--output-dir", out);
        assertThat(variants.err().strip()).startsWith("error: no topic of 'trec-mini' has both variants (og, stricter)"
                + " and candidates: topic 101 has no stricter variant");
        assertThat(Path.of(out)).doesNotExist();
    }
}
