package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** score and rerank, end to end on the golden tiny checkpoint. */
class ModelCliTest {
    @TempDir
    Path dir;
    final CliRunner cli = new CliRunner();
    final ObjectMapper json = new ObjectMapper();

    private static String model() throws Exception {
        return Path.of(ModelCliTest.class.getResource("/followir-golden/tiny-bf16").toURI()).toString();
    }

    @Test
    void scoreWritesOneLinePerInputLineInInputOrder() throws Exception {
        Path prompts = Path.of(ModelCliTest.class.getResource("/followir-golden/prompts.jsonl").toURI());
        Path out = dir.resolve("out.jsonl");
        CliRunner.Result r = cli.run("score", "--model", model(), "--input", prompts.toString(), "--output",
                out.toString(), "--device", "cpu", "--batch-size", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("model tiny-bf16 on CPU, fp32, max length 2048, special tokens control")
                .contains("scored 8 documents");
        List<String> expected = Files.readAllLines(prompts.resolveSibling("expected.jsonl"));
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(8);
        for (int i = 0; i < 8; i++) {
            JsonNode got = json.readTree(lines.get(i));
            JsonNode want = json.readTree(expected.get(i));
            assertThat(got.get("id").asText()).isEqualTo(want.get("id").asText());
            assertThat(got.get("p_true").asDouble()).isCloseTo(want.get("p_true").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
            assertThat(got.get("n_tokens").asInt()).isEqualTo(want.get("n_tokens").asInt());
            assertThat(got.get("truncated").asBoolean()).isFalse();
            assertThat(got.has("logit_true") && got.has("logit_false")).isTrue();
        }
    }

    @Test
    void aBadInputLineIsNamedAndNothingIsWritten() throws Exception {
        Path input = write(dir.resolve("in.jsonl"), """
                {"id": "a", "query": "q", "text": "t"}

                {"id": "b", "query": "q"}
                """);
        Path out = dir.resolve("out.jsonl");
        CliRunner.Result r = cli.run("score", "--model", model(), "--input", input.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: " + input + ":3: missing \"text\"");
        assertThat(out).doesNotExist();
        Path broken = write(dir.resolve("broken.jsonl"), "{\"id\": \"a\", \"query\": \"q\", \"text\": 5}\n{oops\n");
        assertThat(cli.run("score", "--model", model(), "--input", broken.toString(), "--output", out.toString()).err())
                .contains(broken + ":1: \"text\" must be a string");
    }

    @Test
    void aFolderThatIsNotAModelIsAOneLineError() throws Exception {
        Path input = write(dir.resolve("in.jsonl"), "{\"id\": \"a\", \"query\": \"q\", \"text\": \"t\"}\n");
        Files.createDirectories(dir.resolve("empty"));
        CliRunner.Result r = cli.run("score", "--model", dir.resolve("empty").toString(), "--input", input.toString(),
                "--output", dir.resolve("o.jsonl").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("error: " + dir.resolve("empty")
                + " is not a Hugging Face model folder (no config.json)");
    }

    @Test
    void rerankStoresARunPerVariantAndReusesTheCache() throws Exception {
        String db = dir.resolve("ws.db").toString();
        assertThat(cli.run("--db", db, "samples").exitCode()).isZero();
        CliRunner.Result first = cli.run("--db", db, "rerank", "--collection", "james-cameron", "--topic", "cameron",
                "--candidates", "bm25:8", "--model", model(), "--device", "cpu", "--show", "3");
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).contains("og: 8 candidates (0 from the cache, 8 scored) → run 'followir-og'")
                .contains("changed: 8 candidates (0 from the cache, 8 scored) → run 'followir-changed'");
        assertThat(first.out().lines().filter(l -> l.matches("\\s+1\\s+\\S+\\s+p=0\\.\\d{6}"))).hasSize(2);
        CliRunner.Result again = cli.run("rerank", "--collection", "james-cameron", "--topic", "cameron", "--variants",
                "changed", "--candidates", "bm25:8", "--model", model(), "--device", "cpu", "--db", db);
        assertThat(again.out()).contains("changed: 8 candidates (8 from the cache, 0 scored)");
        assertThat(cli.run("--db", db, "list", "runs").out())
                .contains("james-cameron\tfollowir-changed\tfollowir\t1 topics\t8 scores")
                .contains("james-cameron\tfollowir-og\tfollowir\t1 topics\t8 scores");
    }
}
