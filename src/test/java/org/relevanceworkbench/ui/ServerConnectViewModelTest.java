package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.remote.EngineChoice;
import org.relevanceworkbench.remote.Golden;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.remote.VllmServer;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;

/**
 * Model ▸ Connect to server… without an FX thread: URL mistakes, Test against a live and a dead
 * server, Connect making the pool the scorer (and a local model replacing it), runs on the
 * server, and the API key kept out of everything written.
 */
class ServerConnectViewModelTest {
    static final String MODEL_ID = "jhu-clsp/FollowIR-7B";
    @TempDir
    static Path shared;
    static FollowIrScorer local;
    static Path tokenizer;
    static VllmServer server;

    @TempDir
    Path dir;
    Database db;
    WorkbenchViewModel vm;
    Preferences node;
    AppPreferences preferences;

    @BeforeAll
    static void startServer() throws Exception {
        local = Golden.localScorer();
        tokenizer = Golden.tokenizerOnly(shared);
        server = new VllmServer(Golden.backend(local), MODEL_ID, true, local.tokenizer().trueId(),
                local.tokenizer().falseId());
    }

    @AfterAll
    static void stopServer() {
        server.close();
        local.close();
    }

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        vm.start();
        node = Preferences.userRoot().node("relevance-workbench-test/" + UUID.randomUUID());
        preferences = new AppPreferences(node);
    }

    @AfterEach
    void close() throws Exception {
        vm.close();
        db.close();
        node.removeNode();
    }

    private ServerConnectViewModel dialog(String urls) {
        ServerConnectViewModel dialog = vm.serverConnect(preferences);
        dialog.urlsProperty().set(urls);
        dialog.tokenizerFolderProperty().set(tokenizer.toString());
        return dialog;
    }

    private void openCameron() {
        CollectionStats cameron = vm.workspace().collections().stream()
                .filter(s -> s.collection().name().equals("james-cameron")).findFirst().orElseThrow();
        vm.workspace().selectedProperty().set(cameron);
        vm.topicProperty().set(vm.workspace().topics().stream().filter(t -> t.topicId().equals("cameron"))
                .findFirst().orElseThrow());
    }

    private Run run(String name) {
        Collection c = db.read(conn -> new CollectionDao(conn).require("james-cameron"));
        return db.read(conn -> new RunDao(conn).find(c.id(), name)).orElseThrow();
    }

    @Test
    void urlMistakesAreOneLineAndConnectNothing() throws Exception {
        int requests = server.requests.size();
        ServerConnectViewModel dialog = dialog("http://127.0.0.1:8000\nftp://gpu-box");
        dialog.connect();
        assertThat(dialog.statusProperty().get())
                .isEqualTo("line 2: 'ftp://gpu-box' is not a server URL: only http:// and https:// are spoken");

        dialog.urlsProperty().set("  \n ");
        dialog.test();
        assertThat(dialog.statusProperty().get()).startsWith("enter a server URL");

        dialog.urlsProperty().set("http://admin:hunter2@gpu-box:8000");
        dialog.connect();
        assertThat(dialog.statusProperty().get()).contains("must not hold credentials").doesNotContain("hunter2");

        Path weightless = Files.createDirectories(dir.resolve("empty-folder"));
        dialog.urlsProperty().set(server.url().toString());
        dialog.tokenizerFolderProperty().set(weightless.toString());
        dialog.test();
        assertThat(dialog.statusProperty().get()).isEqualTo(weightless + " has no tokenizer.json: choose the "
                + "FollowIR-7B model folder (config.json and the tokenizer files are enough, no weights)");

        dialog.tokenizerFolderProperty().set(tokenizer.toString());
        dialog.apiKeyProperty().set("two words");
        dialog.connect();
        assertThat(dialog.statusProperty().get()).startsWith("the API key holds a space").doesNotContain("two words");

        assertThat(dialog.checks()).isEmpty();
        assertThat(vm.scoring().scorerProperty().get()).isNull();
        assertThat(dialog.connectedProperty().get()).isFalse();
        assertThat(server.requests).as("nothing was sent").hasSize(requests);
    }

    @Test
    void testListsEachServersResultAndConnectsNothing() {
        ServerConnectViewModel dialog = dialog(server.url() + "\n\nhttp://127.0.0.1:1");
        dialog.test();
        assertThat(dialog.busyProperty().get()).isFalse();
        assertThat(dialog.checks()).hasSize(2);
        assertThat(dialog.checks().get(0)).startsWith("✓ " + server.url() + " vLLM 0.11.0 · " + MODEL_ID
                + " · max 4096 · ").matches(".* · \\d+ ms · p=0\\.\\d\\d$");
        assertThat(dialog.checks().get(1)).isEqualTo("✗ http://127.0.0.1:1: refused the connection (is it running?)");
        assertThat(dialog.statusProperty().get()).isEqualTo("1 of 2 servers answer");
        assertThat(vm.scoring().scorerProperty().get()).isNull();
        assertThat(dialog.connectedProperty().get()).isFalse();
    }

    @Test
    void connectMakesThePoolTheScorerItsRunsFeedJudgingAndALocalModelReplacesIt() throws Exception {
        openCameron();
        vm.scoring().loadModel(Golden.folder().resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        assertThat(vm.scoring().modelProperty().get()).isNotNull();

        ServerConnectViewModel dialog = dialog(server.url() + "/v1/");
        dialog.engineProperty().set(EngineChoice.VLLM);
        dialog.connect();
        String described = "vLLM 0.11.0 · " + MODEL_ID + " · 1 server";
        assertThat(dialog.connectedProperty().get()).isTrue();
        assertThat(dialog.statusProperty().get()).isEqualTo("Connected: " + described);
        assertThat(vm.scoring().modelStatusProperty().get()).isEqualTo(described);
        assertThat(vm.scoring().scorerProperty().get()).isInstanceOf(RemoteScorer.class);
        assertThat(vm.scoring().modelProperty().get()).as("the local model was replaced").isNull();
        assertThat(vm.scoring().bannerProperty().get()).isEmpty();
        assertThat(preferences.serverUrls()).containsExactly(server.url().toString());
        assertThat(preferences.serverEngine()).isEqualTo("vllm");
        assertThat(preferences.serverTokenizer()).contains(tokenizer.toAbsolutePath());

        int before = server.scoringRequests.get();
        vm.scoring().candidatesProperty().set("all");
        vm.run();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Done: 80 pairs");
        assertThat(server.scoringRequests.get()).as("scored on the server").isGreaterThan(before);
        assertThat(vm.comparison().probabilitiesProperty().get()).isTrue();
        assertThat(vm.comparison().rows()).hasSize(40).allSatisfy(r -> assertThat(r.score("og")).isBetween(0.0, 1.0));
        assertThat(run("followir-og").backend()).isEqualTo("server/vllm-classify");
        assertThat(run("followir-changed").scorer()).isEqualTo("followir");
        assertThat(vm.scoring().scorerDetailsProperty().get()).startsWith(server.url() + " · active · ")
                .containsPattern("[1-9][0-9]* requests · 80 prompts · 0 failures · in flight 0/\\d+");

        // The judging screen's suggestions read the run the server wrote.
        JudgeViewModel judge = vm.workspace().judging(vm.topicProperty().get());
        judge.candidatesProperty().set("all");
        judge.start();
        assertThat(judge.suggestionProperty().get()).startsWith("model p(true) = ");

        RemoteScorer remote = (RemoteScorer) vm.scoring().scorerProperty().get();
        vm.scoring().loadModel(Golden.folder().resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        assertThat(vm.scoring().modelStatusProperty().get()).startsWith("tiny-bf16 · CPU");
        assertThat(vm.scoring().scorerDetailsProperty().get()).isEmpty();
        assertThatThrownBy(() -> remote.score("q", null, List.of(new Candidate("d", null, "text")), ScoreListener.NONE,
                new CancellationToken())).as("the connection was closed").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRunOnTheServerShowsPairsDocsPerSecondAndEtaAndCancelsKeepingWhatFinished() {
        openCameron();
        ServerConnectViewModel dialog = dialog(server.url().toString());
        dialog.connect();
        List<String> statuses = new java.util.ArrayList<>();
        vm.scoring().runStatusProperty().addListener((obs, old, now) -> statuses.add(now));
        vm.comparison().rows().addListener((javafx.collections.ListChangeListener<
                org.relevanceworkbench.compare.ComparisonRow>) c -> vm.cancel()); // Esc once the first batch shows
        vm.scoring().candidatesProperty().set("all");
        vm.run();
        assertThat(statuses).anyMatch(t -> t.matches("\\d+ / 80 pairs · [0-9.]+ docs/s · ETA \\d+:\\d\\d"));
        assertThat(vm.scoring().runningProperty().get()).isFalse();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Cancelled: ").endsWith("; what finished stays");
        assertThat(vm.comparison().rows()).isNotEmpty();
        Collection c = db.read(conn -> new CollectionDao(conn).require("james-cameron"));
        java.util.Optional<Run> changed = db.read(conn -> new RunDao(conn).find(c.id(), "followir-changed"));
        assertThat(changed).as("a run is written only whole").isEmpty();
    }

    @Test
    void aServerThatIsDownIsLeftOutWithANoteInTheRunStatus() {
        ServerConnectViewModel dialog = dialog(server.url() + "\nhttp://127.0.0.1:1");
        dialog.connect();
        assertThat(dialog.connectedProperty().get()).isTrue();
        assertThat(vm.scoring().modelStatusProperty().get()).isEqualTo("vLLM 0.11.0 · " + MODEL_ID + " · 1 server");
        assertThat(vm.scoring().runStatusProperty().get()).isEqualTo("http://127.0.0.1:1: refused the connection "
                + "(is it running?); left out, going on with the other servers");
        ServerConnectViewModel none = dialog("http://127.0.0.1:1");
        none.connect();
        assertThat(none.connectedProperty().get()).isFalse();
        assertThat(none.statusProperty().get()).isEqualTo("http://127.0.0.1:1: refused the connection (is it running?)");
        assertThat(vm.scoring().scorerProperty().get()).as("the earlier connection stays").isInstanceOf(RemoteScorer.class);
    }

    @Test
    void approximateScoresFromTopKLogprobsStayMarkedAndCountedAlsoWhenReopened() {
        java.util.Map<Integer, Double> crowd = new java.util.HashMap<>();
        for (int id = 100; id < 125; id++) {
            crowd.put(id, 30.0 + id / 100.0); // far above both labels: neither is in the top 20
        }
        try (VllmServer generative = new VllmServer(Golden.backend(local), MODEL_ID, false,
                local.tokenizer().trueId(), local.tokenizer().falseId())) {
            generative.otherTokens = crowd;
            openCameron();
            ServerConnectViewModel dialog = dialog(generative.url().toString());
            dialog.test();
            assertThat(dialog.checks()).singleElement().asString().contains(" · p≈");
            dialog.connect();
            assertThat(vm.scoring().modelStatusProperty().get()).endsWith(" · 1 server · logprobs");
            vm.scoring().candidatesProperty().set("all");
            vm.run();
            assertThat(vm.scoring().runStatusProperty().get()).startsWith("Done: 80 pairs");
            for (int reopened = 0; reopened < 2; reopened++) {
                ComparisonViewModel c = vm.comparison();
                assertThat(c.rows()).hasSize(40);
                String doc = c.rows().get(0).docId();
                assertThat(c.approximate("og", doc)).isTrue();
                assertThat(c.scoreText("og", doc, c.rows().get(0).score("og"))).startsWith("≈");
                assertThat(c.approximateText("og", doc)).isEqualTo("approximate: p in [0.0000, 1.0000]");
                assertThat(c.summaryProperty().get()).contains("; 80 of 80 scores approximate");
                vm.topicProperty().set(null); // reopened: the stored runs keep their bounds
                openCameron();
            }
        }
    }

    @Test
    void theApiKeyIsNeitherInThePreferencesNorInTheWorkspaceNorInAnyMessage() throws Exception {
        String key = "sk-rw-" + UUID.randomUUID();
        try (VllmServer guarded = new VllmServer(Golden.backend(local), MODEL_ID, true, local.tokenizer().trueId(),
                local.tokenizer().falseId())) {
            guarded.requireKey(key);
            openCameron();
            ServerConnectViewModel wrong = dialog(guarded.url().toString());
            wrong.apiKeyProperty().set("sk-wrong-" + UUID.randomUUID());
            String wrongKey = wrong.apiKeyProperty().get();
            wrong.connect();
            assertThat(wrong.connectedProperty().get()).as("the server checks the key").isFalse();
            assertThat(wrong.statusProperty().get()).isNotEmpty().doesNotContain("\n").doesNotContain(wrongKey);

            ServerConnectViewModel dialog = dialog(guarded.url().toString());
            dialog.apiKeyProperty().set(key);
            dialog.connect();
            assertThat(dialog.connectedProperty().get()).isTrue();
            assertThat(dialog.apiKeyProperty().get()).as("forgotten by the dialog").isEmpty();
            vm.scoring().candidatesProperty().set("all");
            vm.run();
            assertThat(vm.scoring().runStatusProperty().get()).startsWith("Done: 80 pairs");
            assertThat(guarded.requests).as("the key went to the server").anyMatch(r -> ("Bearer " + key)
                    .equals(r.authorization()));

            for (String shown : List.of(dialog.statusProperty().get(), vm.scoring().modelStatusProperty().get(),
                    vm.scoring().runStatusProperty().get(), vm.scoring().scorerDetailsProperty().get(),
                    vm.comparison().summaryProperty().get(), run("followir-og").toString())) {
                assertThat(shown).doesNotContain(key);
            }
            node.flush();
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            node.exportSubtree(exported);
            assertThat(exported.toString(StandardCharsets.UTF_8)).contains(guarded.url().toString()).doesNotContain(key);
            for (String name : node.keys()) {
                assertThat(node.get(name, "")).as(name).doesNotContain(key);
            }

            vm.close();
            db.close(); // everything the workspace holds is on disk: the database, its WAL and shared memory
            byte[] needle = key.getBytes(StandardCharsets.UTF_8);
            List<Path> files;
            try (Stream<Path> listed = Files.list(dir)) {
                files = listed.filter(p -> p.getFileName().toString().startsWith("ws.db")).toList();
            }
            assertThat(files).isNotEmpty();
            byte[] marker = "server/vllm-classify".getBytes(StandardCharsets.UTF_8);
            boolean runStored = false;
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(indexOf(bytes, needle)).as(f.toString()).isEqualTo(-1);
                runStored |= indexOf(bytes, marker) >= 0;
            }
            assertThat(runStored).as("the server run is in the files searched").isTrue();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
