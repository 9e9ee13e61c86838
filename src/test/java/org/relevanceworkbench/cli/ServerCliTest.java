package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.remote.Golden;
import org.relevanceworkbench.remote.VllmServer;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;

/** score and rerank with --server, end to end against an in-process vLLM-protocol server. */
class ServerCliTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    static FollowIrScorer local;
    static VllmServer server;
    static Path tokenizer;
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        local = Golden.localScorer();
        server = new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true, local.tokenizer().trueId(),
                local.tokenizer().falseId());
        tokenizer = Golden.tokenizerOnly(shared);
    }

    @AfterAll
    static void stop() {
        server.close();
        local.close();
    }

    @Test
    void scoreOnAServerWritesTheGoldenScoresWithTheLogitDifferenceAndNullLogits() throws Exception {
        Path prompts = Golden.folder().resolve("prompts.jsonl");
        Path out = dir.resolve("out.jsonl");
        CliRunner.Result r = cli.run("score", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--input", prompts.toString(), "--output", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("scoring on vLLM 0.11.0 · jhu-clsp/FollowIR-7B · 1 server, max length 2048,"
                + " special tokens control").contains("scored 8 documents");
        List<String> expected = Files.readAllLines(Golden.folder().resolve("expected.jsonl"));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 8; i++) {
            JsonNode got = json.readTree(lines.get(i));
            JsonNode want = json.readTree(expected.get(i));
            assertThat(got.get("id").asText()).isEqualTo(want.get("id").asText());
            assertThat(got.get("p_true").asDouble()).isCloseTo(want.get("p_true").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
            assertThat(got.get("logit_true").isNull()).isTrue();
            assertThat(got.get("logit_false").isNull()).isTrue();
            assertThat(got.get("logit_diff").asDouble()).isCloseTo(want.get("logit_true").asDouble()
                    - want.get("logit_false").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
            assertThat(got.get("n_tokens").asInt()).isEqualTo(want.get("n_tokens").asInt());
            assertThat(got.has("approximate")).isFalse();
        }
    }

    @Test
    void rerankOnAServerRecordsTheServerAndItsScoresNeverStandInForLocalOnes() throws Exception {
        String db = dir.resolve("ws.db").toString();
        assertThat(cli.run("--db", db, "samples").exitCode()).isZero();
        int before = server.scoringRequests.get();
        CliRunner.Result first = cli.run("--db", db, "rerank", "--collection", "james-cameron", "--topic", "cameron",
                "--candidates", "bm25:8", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--run-name", "server-");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("og: 8 candidates (0 from the cache, 8 scored) → run 'server-og'");
        int afterFirst = server.scoringRequests.get();
        assertThat(afterFirst).isGreaterThan(before);
        CliRunner.Result again = cli.run("--db", db, "rerank", "--collection", "james-cameron", "--topic", "cameron",
                "--candidates", "bm25:8", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--run-name", "server-");
        assertThat(again.out()).contains("og: 8 candidates (8 from the cache, 0 scored)");
        assertThat(server.scoringRequests.get() - afterFirst).as("only the connect probe's requests").isEqualTo(2);
        CliRunner.Result localRun = cli.run("--db", db, "rerank", "--collection", "james-cameron", "--topic",
                "cameron", "--candidates", "bm25:8", "--model", Golden.folder().resolve("tiny-bf16").toString(),
                "--device", "cpu");
        assertThat(localRun.out()).as("the local fp32 backend computes its own scores")
                .contains("og: 8 candidates (0 from the cache, 8 scored) → run 'followir-og'");
        assertThat(cli.run("--db", db, "list", "runs").out())
                .containsPattern("server-og\tfollowir\t1 topics\t8 scores\t\\S+\tvLLM 0.11.0 jhu-clsp/FollowIR-7B at "
                        + java.util.regex.Pattern.quote(server.url().toString()) + " \\(vllm-classify, server-default\\)")
                .containsPattern("followir-og\tfollowir\t1 topics\t8 scores\t\\S+\tlocal tiny-bf16 \\(fp32\\)");
        try (Database workspace = Database.open(Path.of(db))) {
            Collection films = workspace.read(c -> new CollectionDao(c).require("james-cameron"));
            Run run = workspace.read(c -> new RunDao(c).find(films.id(), "server-og")).orElseThrow();
            assertThat(run.backend()).isEqualTo("server/vllm-classify");
            assertThat(run.server().engine()).isEqualTo("vLLM");
            assertThat(run.server().version()).isEqualTo("0.11.0");
            assertThat(run.server().urls()).containsExactly(server.url().toString());
            assertThat(run.server().model()).isEqualTo("jhu-clsp/FollowIR-7B");
            assertThat(run.dtype()).isEqualTo("server-default");
            Run localOg = workspace.read(c -> new RunDao(c).find(films.id(), "followir-og")).orElseThrow();
            assertThat(localOg.backend()).isEqualTo("local");
            assertThat(localOg.server()).isNull();
        }
    }

    @Test
    void attributeOnAServerGivesTheLocalScoresAndARerunSendsNoPrompts() throws Exception {
        String db = dir.resolve("ws.db").toString();
        assertThat(cli.run("--db", db, "samples").exitCode()).isZero();
        Path remote = dir.resolve("remote.jsonl");
        CliRunner.Result first = cli.run("--db", db, "attribute", "--collection", "trec-mini", "--topic", "104",
                "--variant", "og", "--candidates", "bm25:3", "--model", tokenizer.toString(), "--server",
                server.url().toString(), "--output", remote.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("12 pairs: 0 in the cache, 12 to score");
        int afterFirst = server.scoringRequests.get();
        Path local = dir.resolve("local.jsonl");
        CliRunner.Result here = cli.run("--db", db, "attribute", "--collection", "trec-mini", "--topic", "104",
                "--variant", "og", "--candidates", "bm25:3", "--model", Golden.folder().resolve("tiny-bf16").toString(),
                "--device", "cpu", "--output", local.toString());
        assertThat(here.err()).as("server scores never stand in for local ones").contains("12 pairs: 0 in the cache");
        List<String> a = Files.readAllLines(remote);
        List<String> b = Files.readAllLines(local);
        assertThat(a).hasSize(9).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            JsonNode x = json.readTree(a.get(i));
            JsonNode y = json.readTree(b.get(i));
            assertThat(x.get("instruction_without")).isEqualTo(y.get("instruction_without"));
            assertThat(x.get("p_without").asDouble()).isCloseTo(y.get("p_without").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-5));
        }
        CliRunner.Result again = cli.run("--db", db, "attribute", "--collection", "trec-mini", "--topic", "104",
                "--variant", "og", "--candidates", "bm25:3", "--model", tokenizer.toString(), "--server",
                server.url().toString(), "--output", remote.toString());
        assertThat(again.err()).contains("12 pairs: 12 in the cache, 0 to score");
        assertThat(server.scoringRequests.get() - afterFirst).as("only the connect probe's requests").isEqualTo(2);
    }

    @Test
    void mistakesAreOneLineErrorsWithoutAStackTrace() throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, "{\"id\": \"a\", \"query\": \"q\", \"text\": \"t\"}\n");
        String out = dir.resolve("o.jsonl").toString();
        CliRunner.Result down = cli.run("score", "--model", tokenizer.toString(), "--server", "http://127.0.0.1:1",
                "--input", input.toString(), "--output", out);
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.err().strip()).isEqualTo("error: http://127.0.0.1:1: refused the connection (is it running?)");
        CliRunner.Result device = cli.run("score", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--device", "cuda", "--input", input.toString(), "--output", out);
        assertThat(device.err().strip()).isEqualTo("error: --device, --dtype, --batch-size and --batch-tokens apply to"
                + " local scoring; with --server, the servers choose (--server-batch, --server-dtype)");
        CliRunner.Result key = cli.run("score", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--api-key-env", "RW_NO_SUCH_VARIABLE_SET", "--input", input.toString(), "--output", out);
        assertThat(key.err().strip()).isEqualTo("error: --api-key-env RW_NO_SUCH_VARIABLE_SET: that environment"
                + " variable is not set");
        CliRunner.Result engine = cli.run("score", "--model", tokenizer.toString(), "--server", server.url().toString(),
                "--engine", "tgi", "--input", input.toString(), "--output", out);
        assertThat(engine.err().strip()).isEqualTo("error: --engine must be auto, vllm, sglang or openai, not 'tgi'");
        CliRunner.Result url = cli.run("score", "--model", tokenizer.toString(), "--server", "ftp://host",
                "--input", input.toString(), "--output", out);
        assertThat(url.err().strip()).isEqualTo("error: 'ftp://host' is not a server URL: only http:// and https:// are"
                + " spoken");
        assertThat(Path.of(out)).doesNotExist();
    }
}
