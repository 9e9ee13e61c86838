package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.util.stream.Stream;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.hub.DownloadProgress;
import org.relevanceworkbench.hub.DownloadRequest;
import org.relevanceworkbench.hub.HubServer;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.ModelDownloader;
import org.relevanceworkbench.hub.RepoId;
import org.relevanceworkbench.store.Database;

/**
 * Model ▸ Download… without an FX thread, against the loopback hub serving the golden tiny checkpoint as
 * jhu-clsp/FollowIR-7B: the plan first, a download into a temporary cache with its progress and a line per file, the
 * model loading once done, Cancel then resume, one-line refusals (401, 404, 403), a tokenizer-only repository offered
 * to a server, and the token kept out of everything written or shown.
 */
class ModelDownloadViewModelTest {
    static final String TOKEN = "hf_windowTestToken" + UUID.randomUUID().toString().replace("-", "");
    static final long FREE = 50_000_000_000L;
    static HubServer server;
    static HubServer.Repo followir;
    static HubServer.Repo tokenizerOnly;
    static List<HubServer.File> tiny;
    static long tinyBytes;

    @TempDir
    Path dir;
    Path cache;
    Database db;
    WorkbenchViewModel vm;
    ModelDownloadViewModel download;

    @BeforeAll
    static void startHub() throws IOException, URISyntaxException {
        Path golden = Path.of(ModelDownloadViewModelTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        Random random = new Random(7);
        server = new HubServer();
        tiny = HubServer.tinyCheckpoint(golden, false);
        tinyBytes = tiny.stream().mapToLong(f -> f.bytes().length).sum();
        followir = server.add(new HubServer.Repo(DownloadRequest.FOLLOWIR).commit(HubServer.randomCommit(random),
                tiny, "main"));
        tokenizerOnly = server.add(new HubServer.Repo("test-org/tokenizer-only").commit(HubServer.randomCommit(random),
                tiny.stream().filter(f -> !f.name().endsWith(".safetensors")).toList(), "main"));
        HubServer.Repo gated = new HubServer.Repo("test-org/gated").commit(HubServer.randomCommit(random), tiny,
                "main");
        gated.gatedToken = TOKEN;
        server.add(gated);
    }

    @AfterAll
    static void stopHub() {
        server.close();
    }

    @BeforeEach
    void open() {
        server.heal();
        server.clearRecords();
        cache = dir.resolve("hub");
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        download = new ModelDownloadViewModel(new CurrentThreadTaskExecutor(), vm.scoring(), this::settings,
                ModelDownloader.Options.defaults().withRetries(5, Duration.ZERO).withProgressEvery(Duration.ZERO)
                        .withFreeSpace(folder -> FREE));
    }

    HubSettings settings() {
        return HubSettings.fromEnvironment(Map.of(), dir.resolve("home")).withCache(cache)
                .withEndpoint(server.endpoint());
    }

    @AfterEach
    void close() {
        vm.close();
        db.close();
    }

    Path snapshot(HubServer.Repo repo) {
        return cache.resolve(new RepoId(repo.id).folderName()).resolve("snapshots").resolve(repo.main());
    }

    static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    @Test
    void theDialogDefaultsToFollowIr7BAtMainIntoTheHubCache() {
        assertThat(download.repoProperty().get()).isEqualTo("jhu-clsp/FollowIR-7B");
        assertThat(download.revisionProperty().get()).isEqualTo("main");
        assertThat(download.destinationProperty().get()).isEqualTo(ModelDownloadViewModel.Destination.HUB_CACHE);
        assertThat(download.cacheText()).isEqualTo(cache.toString());
        assertThat(vm.modelDownload(this::settings)).as("one per window").isSameAs(vm.modelDownload(this::settings));
    }

    @Test
    void checkShowsThePlanAndTheFreeSpaceFirstAndWritesNothing() throws IOException {
        download.check();
        assertThat(download.planProperty().get()).isEqualTo("jhu-clsp/FollowIR-7B at " + followir.main().substring(0,
                7) + ": 6 files, 10.2 MB; 0 already complete; 10.2 MB to fetch, 50.0 GB free · into "
                + snapshot(followir));
        assertThat(download.statusProperty().get()).isEqualTo("Start fetches 10.2 MB");
        assertThat(download.checkingProperty().get()).isFalse();
        assertThat(filesUnder(dir.resolve("hub"))).isEmpty();
        assertThat(server.cdnRequests).isEmpty();
    }

    @Test
    void aDownloadCompletesIntoTheCacheWithProgressAndALinePerFileThenTheModelLoads() throws IOException {
        List<String> progress = new ArrayList<>();
        download.progressTextProperty().addListener((obs, old, now) -> progress.add(now));
        boolean[] scorerFree = {true};
        int[] startsIgnored = {0};
        download.lines().addListener((ListChangeListener<String>) c -> {
            scorerFree[0] &= !vm.scoring().runningProperty().get(); // a download does not hold the scorer
            if (download.lines().size() == 1) {
                int asked = server.apiRequests.size();
                download.start(); // a second download while one runs: ignored
                download.check();
                startsIgnored[0] = server.apiRequests.size() - asked;
            }
        });

        download.start();

        assertThat(download.runningProperty().get()).isFalse();
        assertThat(download.lines()).containsExactly("config.json: 625 B, verified",
                "generation_config.json: 47 B, verified", "tokenizer.json: 1.8 MB, verified",
                "tokenizer_config.json: 967 B, verified", "special_tokens_map.json: 75 B, verified",
                "model.safetensors: 8.4 MB, verified");
        assertThat(progress).isNotEmpty().allMatch(p -> p.contains(" / "));
        assertThat(progress).anyMatch(p -> p.startsWith("model.safetensors "));
        assertThat(download.progressProperty().get()).isEqualTo(1.0);
        assertThat(scorerFree[0]).isTrue();
        assertThat(startsIgnored[0]).as("no second download, no check while one runs").isZero();
        String commit = followir.main().substring(0, 7);
        assertThat(download.statusProperty().get()).startsWith("Done: jhu-clsp/FollowIR-7B at " + commit
                + ", 6 files, 6 fetched (10.2 MB").endsWith(", 0 already complete; loading it");
        for (HubServer.File f : tiny) {
            assertThat(Files.readAllBytes(snapshot(followir).resolve(f.name()))).as(f.name()).isEqualTo(f.bytes());
        }
        // done: the model loads from the snapshot (the window then puts it first among the recent folders)
        assertThat(vm.scoring().modelProperty().get()).isNotNull();
        assertThat(vm.scoring().loadedFolderProperty().get()).isEqualTo(snapshot(followir));

        // again: nothing to fetch
        server.clearRecords();
        download.check();
        assertThat(download.planProperty().get()).isEqualTo("jhu-clsp/FollowIR-7B at " + commit
                + ": 6 files, 10.2 MB, all already complete in " + snapshot(followir));
        download.start();
        assertThat(download.lines()).hasSize(6).allMatch(l -> l.endsWith(", already complete"));
        assertThat(server.cdnRequests).isEmpty();
    }

    @Test
    void progressShowsBytesMegabytesPerSecondAndTheTimeLeft() {
        // the line the dialog shows is the downloader's own, as the command line shows it
        assertThat(new DownloadProgress("model-00001-of-00003.safetensors", 1_200_000_000L, 4_900_000_000L,
                2_300_000_000L, 14_500_000_000L, 48_200_000, Duration.ofSeconds(253)).describe())
                .isEqualTo("model-00001-of-00003.safetensors 1.2 GB / 4.9 GB · 2.3 GB / 14.5 GB · 48.2 MB/s"
                        + " · 4 min 13 s left");
    }

    @Test
    void cancelKeepsWhatIsCompleteAndTheNextStartResumes() throws IOException {
        boolean[] once = {true};
        download.progressProperty().addListener((obs, old, now) -> {
            if (once[0] && download.progressTextProperty().get().startsWith("model.safetensors ")
                    && now.doubleValue() < 1) {
                once[0] = false;
                download.cancel(); // mid-file
            }
        });
        download.start();
        assertThat(download.runningProperty().get()).isFalse();
        assertThat(download.statusProperty().get()).isEqualTo("Cancelled: 5 of 6 files complete and kept, with what"
                + " arrived of the next; Start resumes");
        assertThat(snapshot(followir).resolve("config.json")).exists();
        assertThat(snapshot(followir).resolve("model.safetensors")).doesNotExist();
        assertThat(filesUnder(cache)).anyMatch(p -> p.toString().endsWith(".incomplete"));
        assertThat(vm.scoring().modelProperty().get()).isNull();

        download.check();
        assertThat(download.planProperty().get()).contains(": 6 files, 10.2 MB; 5 already complete; ");
        server.clearRecords();
        download.start();
        assertThat(download.lines()).hasSize(7);
        assertThat(download.lines().subList(0, 5)).allMatch(l -> l.endsWith(", already complete"));
        assertThat(download.lines().get(5)).startsWith("note: model.safetensors: resuming at ");
        assertThat(download.lines().get(6)).isEqualTo("model.safetensors: 8.4 MB, verified");
        assertThat(server.cdnRanges).hasSize(1).allMatch(r -> r.matches("bytes=[1-9][0-9]*-"));
        assertThat(download.statusProperty().get()).contains(", 1 fetched").endsWith("; loading it");
        assertThat(vm.scoring().modelProperty().get()).isNotNull();
    }

    @Test
    void anUnknownRepositoryOrRevisionIsOneLineAndWritesNothing() throws IOException {
        download.repoProperty().set("test-org/no-such-model");
        download.start();
        assertThat(download.statusProperty().get()).isEqualTo("test-org/no-such-model: no such model on "
                + server.url() + " (if it is private or gated, enter under Token (or in HF_TOKEN) a token that can"
                + " read it)");
        download.repoProperty().set(DownloadRequest.FOLLOWIR);
        download.revisionProperty().set("v9");
        download.check();
        assertThat(download.statusProperty().get()).isEqualTo("jhu-clsp/FollowIR-7B has no revision 'v9' on "
                + server.url());
        download.repoProperty().set("not a repo");
        download.start();
        assertThat(download.statusProperty().get()).isEqualTo("'not a repo' is not a Hugging Face model id"
                + " (ORG/NAME, e.g. jhu-clsp/FollowIR-7B)");
        download.repoProperty().set(DownloadRequest.FOLLOWIR);
        download.revisionProperty().set("main");
        download.destinationProperty().set(ModelDownloadViewModel.Destination.FOLDER);
        download.start();
        assertThat(download.statusProperty().get()).isEqualTo("choose the folder to download into, or the Hugging"
                + " Face cache");
        assertThat(download.failureProperty().get()).as("no error dialog for these").isNull();
        assertThat(filesUnder(dir.resolve("hub"))).isEmpty();
        assertThat(download.lines()).isEmpty();
    }

    @Test
    void aPlainFolderGetsTheFilesThemselves() throws IOException {
        Path folder = dir.resolve("models").resolve("FollowIR-7B");
        download.destinationProperty().set(ModelDownloadViewModel.Destination.FOLDER);
        download.folderProperty().set(folder.toString());
        download.start();
        assertThat(Files.readAllBytes(folder.resolve("model.safetensors")))
                .isEqualTo(tiny.stream().filter(f -> f.name().equals("model.safetensors")).findFirst().get().bytes());
        assertThat(vm.scoring().loadedFolderProperty().get()).isEqualTo(folder);
        assertThat(filesUnder(cache)).isEmpty();
    }

    @Test
    void aRepositoryWithoutWeightsIsOfferedAsTheTokenizerFolderOfAServer() {
        download.repoProperty().set(tokenizerOnly.id);
        download.start();
        assertThat(download.statusProperty().get()).endsWith("; no weights: use it as the tokenizer folder of a"
                + " server");
        assertThat(download.offerServerProperty().get()).isTrue();
        assertThat(vm.scoring().modelProperty().get()).isNull();
        download.useForServer();
        assertThat(download.serverTokenizerProperty().get()).isEqualTo(snapshot(tokenizerOnly));
    }

    @Test
    void theTokenIsNeverStoredShownOrWrittenAndAWrongOneIsOneLine() throws Exception {
        Preferences node = Preferences.userRoot().node("relevance-workbench-test/" + UUID.randomUUID());
        try {
            AppPreferences preferences = new AppPreferences(node);
            List<String> shown = new ArrayList<>();
            download.statusProperty().addListener((obs, old, now) -> shown.add(now));
            download.planProperty().addListener((obs, old, now) -> shown.add(now));
            download.progressTextProperty().addListener((obs, old, now) -> shown.add(now));

            download.repoProperty().set("test-org/gated");
            download.start();
            assertThat(download.statusProperty().get()).isEqualTo("test-org/gated is gated: accept its conditions on "
                    + server.url() + "/test-org/gated, then enter under Token (or in HF_TOKEN) a token of that"
                    + " account");
            String wrong = "hf_wrong" + UUID.randomUUID().toString().replace("-", "");
            download.tokenProperty().set(wrong);
            download.start();
            assertThat(download.statusProperty().get()).startsWith("test-org/gated is gated: the token's account has"
                    + " not been granted access yet").doesNotContain(wrong).doesNotContain("\n");

            download.tokenProperty().set(TOKEN);
            download.start();
            assertThat(download.statusProperty().get()).startsWith("Done: test-org/gated");
            assertThat(server.hubAuthorizations).contains("Bearer " + TOKEN);
            assertThat(download.tokenProperty().get()).as("forgotten once done").isEmpty();
            preferences.modelLoaded(vm.scoring().loadedFolderProperty().get());

            shown.addAll(download.lines());
            shown.add(vm.scoring().modelStatusProperty().get());
            assertThat(shown).isNotEmpty().noneMatch(s -> s.contains(TOKEN));
            node.flush();
            ByteArrayOutputStream exported = new ByteArrayOutputStream();
            node.exportSubtree(exported);
            assertThat(exported.toString(StandardCharsets.UTF_8)).contains("test-org--gated").doesNotContain(TOKEN);
            byte[] needle = TOKEN.getBytes(StandardCharsets.UTF_8);
            for (Path p : filesUnder(dir)) {
                assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).as(p.toString())
                        .doesNotContain(new String(needle, StandardCharsets.ISO_8859_1));
            }
        } finally {
            node.removeNode();
        }
    }
}
