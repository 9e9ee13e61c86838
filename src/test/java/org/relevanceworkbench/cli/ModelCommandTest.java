package org.relevanceworkbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.hub.HubServer;

/** {@code model list} and {@code model download} against the loopback hub: output, exit codes, one-line errors. */
class ModelCommandTest {
    static HubServer server;
    static HubServer.Repo tiny;
    static Path golden;
    /** An environment variable that is set, with a value fit for a header: the token --token-env reads. */
    static Map.Entry<String, String> tokenVariable;

    @TempDir
    Path dir;

    @BeforeAll
    static void startHub() throws IOException, URISyntaxException {
        golden = Path.of(ModelCommandTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        Random random = new Random(3);
        server = new HubServer();
        tiny = server.add(new HubServer.Repo("jhu-clsp/FollowIR-tiny").commit(HubServer.randomCommit(random),
                HubServer.tinyCheckpoint(golden, true), "main"));
        server.add(new HubServer.Repo("test-org/pickle-only").commit(HubServer.randomCommit(random), List.of(
                HubServer.text("config.json", "{\"model_type\": \"llama\"}"),
                HubServer.random("pytorch_model.bin", 1000, true, random)), "main"));
        tokenVariable = System.getenv().entrySet().stream()
                .filter(e -> e.getValue().matches("[A-Za-z0-9_./:-]{4,200}") && !e.getKey().startsWith("HF_"))
                .findFirst().orElseThrow();
        HubServer.Repo gated = new HubServer.Repo("test-org/gated").commit(HubServer.randomCommit(random),
                HubServer.tinyCheckpoint(golden, false), "main");
        gated.gatedToken = tokenVariable.getValue();
        server.add(gated);
    }

    @AfterAll
    static void stopHub() {
        server.close();
    }

    CliRunner.Result run(String... args) {
        return new CliRunner().run(args);
    }

    String[] download(String repo, String... more) {
        return Stream.concat(Stream.of("model", "download", repo, "--endpoint", server.url(), "--cache-dir",
                dir.resolve("hub").toString(), "--token-env", "RW_TEST_UNSET_VARIABLE"), Stream.of(more))
                .toArray(String[]::new);
    }

    @Test
    void downloadPrintsTheModelFolderAndListShowsIt() {
        CliRunner.Result result = run(download(tiny.id));
        assertThat(result.exitCode()).as(result.err()).isZero();
        Path snapshot = dir.resolve("hub").toAbsolutePath().resolve("models--jhu-clsp--FollowIR-tiny/snapshots")
                .resolve(tiny.main());
        assertThat(result.out()).isEqualTo(snapshot + System.lineSeparator());
        assertThat(result.err()).contains("note: RW_TEST_UNSET_VARIABLE is not set: downloading without a token",
                "jhu-clsp/FollowIR-tiny at " + tiny.main().substring(0, 7) + ": 6 files,",
                "model.safetensors: 8.4 MB, verified", "use it with: --model " + snapshot);

        CliRunner.Result again = run(download(tiny.id));
        assertThat(again.exitCode()).isZero();
        assertThat(again.err()).contains("6 files, 0 fetched (0 B", "6 already there");

        CliRunner.Result list = run("model", "list", "--cache-dir", dir.resolve("hub").toString(), "--recent",
                golden.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("Hugging Face cache: " + dir.resolve("hub"));
        assertThat(list.out().lines().filter(l -> l.startsWith("cache "))).singleElement().satisfies(l -> assertThat(l)
                .contains("jhu-clsp/FollowIR-tiny", "main " + tiny.main().substring(0, 7), "10.2 MB", "safetensors",
                        snapshot.toString()));
        assertThat(list.out().lines().filter(l -> l.startsWith("recent "))).anySatisfy(l -> assertThat(l)
                .contains("tiny-bf16", "safetensors", golden.toString()));
    }

    @Test
    void listReadsTheWindowsRecentModelFoldersAsTheWindowWritesThem() throws Exception {
        java.util.prefs.Preferences root = java.util.prefs.Preferences.userRoot()
                .node("relevance-workbench-test/" + java.util.UUID.randomUUID());
        try {
            assertThat(ModelCommand.ListModels.windowFolders(root)).isEmpty();
            assertThat(root.nodeExists(ModelCommand.PREFERENCES_NODE)).as("not created by reading").isFalse();
            org.relevanceworkbench.ui.AppPreferences window =
                    new org.relevanceworkbench.ui.AppPreferences(root.node(ModelCommand.PREFERENCES_NODE));
            window.modelLoaded(dir.resolve("a"));
            window.modelLoaded(dir.resolve("b"));
            assertThat(ModelCommand.ListModels.windowFolders(root)).containsExactly(dir.resolve("b"), dir.resolve("a"));
        } finally {
            root.removeNode();
        }
    }

    @Test
    void listOnAnEmptyCacheSaysHowToGetFollowIr() {
        CliRunner.Result list = run("model", "list", "--cache-dir", dir.resolve("empty").toString());
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("no FollowIR-7B or Mistral/Llama model there; get FollowIR-7B with: model"
                + " download jhu-clsp/FollowIR-7B");
    }

    @Test
    void toWritesAPlainFolder() throws IOException {
        Path folder = dir.resolve("models/FollowIR-tiny");
        CliRunner.Result result = run(download(tiny.id, "--to", folder.toString()));
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo(folder.toAbsolutePath().toString());
        assertThat(Files.isSymbolicLink(folder.resolve("model.safetensors"))).isFalse();
        assertThat(folder.resolve("tokenizer.json")).hasSameBinaryContentAs(golden.resolve("tokenizer.json"));
        assertThat(dir.resolve("hub")).doesNotExist();
    }

    @Test
    void everyRefusalIsOneLineAndExitsOne() {
        for (String[] args : List.of(download("test-org/no-such-model"), download(tiny.id, "--revision", "v9"),
                download("test-org/pickle-only"), download("test-org/gated"), download("not a repo"),
                new String[] {"model", "download", tiny.id, "--endpoint", "ftp://nowhere"})) {
            CliRunner.Result result = run(args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            List<String> errors = result.err().lines().filter(l -> !l.startsWith("note: ")).toList();
            assertThat(errors).as(result.err()).singleElement().satisfies(l -> assertThat(l).startsWith("error: "));
        }
        assertThat(run(download("test-org/gated")).err()).contains("error: test-org/gated is gated: accept its"
                + " conditions on " + server.url() + "/test-org/gated");
        assertThat(run(download("test-org/pickle-only")).err()).contains("this repository has no safetensors"
                + " weights");
    }

    @Test
    void tokenEnvNamesTheVariableThatHoldsTheTokenWhichIsNeverPrinted() throws IOException {
        String[] args = Stream.of("model", "download", "test-org/gated", "--endpoint", server.url(), "--cache-dir",
                dir.resolve("hub").toString(), "--token-env", tokenVariable.getKey()).toArray(String[]::new);
        CliRunner.Result result = run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out() + result.err()).doesNotContain(tokenVariable.getValue());
        try (Stream<Path> files = Files.walk(dir.resolve("hub"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1))
                        .doesNotContain(tokenVariable.getValue());
            }
        }
    }
}
