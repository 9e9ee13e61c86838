package org.relevanceworkbench.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.ScoreListener;

/**
 * Downloads from the loopback hub ({@link HubServer}): the cache layout huggingface_hub writes, resume after drops
 * and restarts, verification, every refusal as one line with nothing half-written, and a downloaded folder that
 * scores as the original does.
 */
class ModelDownloaderTest {
    static final String TOKEN = "hf_loopbackTestToken0123456789";
    static HubServer server;
    static Path golden;
    static HubServer.Repo tiny;
    static HubServer.Repo sharded;
    static List<HubServer.File> tinyFiles;
    static HubServer.File weights;

    @TempDir
    Path dir;
    Path cache;

    @BeforeAll
    static void startHub() throws IOException, URISyntaxException {
        golden = Path.of(ModelDownloaderTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        Random random = new Random(12);
        server = new HubServer();
        tinyFiles = new ArrayList<>(HubServer.tinyCheckpoint(golden, false));
        weights = tinyFiles.stream().filter(f -> f.name().equals("model.safetensors")).findFirst().orElseThrow();
        List<HubServer.File> main = new ArrayList<>(tinyFiles);
        main.add(HubServer.text("README.md", "# a tiny FollowIR-shaped model\n"));
        main.add(HubServer.text(".gitattributes", "*.safetensors filter=lfs diff=lfs merge=lfs -text\n"));
        main.add(HubServer.random("pytorch_model.bin", 4096, true, random));
        List<HubServer.File> older = new ArrayList<>();
        for (HubServer.File f : tinyFiles) {
            older.add(f.name().equals("config.json")
                    ? HubServer.text("config.json", new String(f.bytes(), StandardCharsets.UTF_8)
                            .replace("{", "{\n  \"_comment\": \"v1\",")) : f);
        }
        tiny = server.add(new HubServer.Repo("test-org/Tiny-FollowIR")
                .commit(HubServer.randomCommit(random), main, "main")
                .commit(HubServer.randomCommit(random), older, "v1"));

        String index = "{\"metadata\": {\"total_size\": 500000}, \"weight_map\": {\"a.weight\":"
                + " \"model-00001-of-00002.safetensors\", \"b.weight\": \"model-00002-of-00002.safetensors\","
                + " \"c.weight\": \"model-00002-of-00002.safetensors\"}}";
        sharded = server.add(new HubServer.Repo("test-org/sharded").commit(HubServer.randomCommit(random), List.of(
                HubServer.text("config.json", "{\"model_type\": \"mistral\", \"architectures\": [\"MistralForCausalLM\"]}"),
                HubServer.text("model.safetensors.index.json", index),
                HubServer.random("model-00001-of-00002.safetensors", 300_000, true, random),
                HubServer.random("model-00002-of-00002.safetensors", 200_000, true, random),
                HubServer.random("consolidated.safetensors", 100_000, true, random),
                HubServer.text("tokenizer.json", "{\"version\": \"1.0\"}")), "main"));
        server.add(new HubServer.Repo("test-org/pickle-only").commit(HubServer.randomCommit(random), List.of(
                HubServer.text("config.json", "{\"model_type\": \"llama\"}"),
                HubServer.random("pytorch_model.bin", 10_000, true, random),
                HubServer.text("tokenizer.json", "{}")), "main"));
        server.add(new HubServer.Repo("test-org/tokenizer-only").commit(HubServer.randomCommit(random), List.of(
                HubServer.text("config.json", "{\"model_type\": \"mistral\"}"),
                HubServer.text("tokenizer.json", "{\"version\": \"1.0\"}"),
                HubServer.text("tokenizer_config.json", "{}")), "main"));
        HubServer.Repo gated = new HubServer.Repo("test-org/gated").commit(HubServer.randomCommit(random),
                tinyFiles, "main");
        gated.gatedToken = TOKEN;
        server.add(gated);
    }

    @AfterAll
    static void stopHub() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.heal();
        server.clearRecords();
        cache = dir.resolve("hub");
    }

    ModelDownloader downloader() {
        return downloader(ModelDownloader.Options.defaults().withRetries(5, Duration.ZERO));
    }

    ModelDownloader downloader(ModelDownloader.Options options) {
        return new ModelDownloader(HubSettings.fromEnvironment(Map.of(), dir.resolve("home")).withCache(cache)
                .withEndpoint(server.endpoint()), options);
    }

    static final class Recorder implements DownloadListener {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<DownloadProgress> progress = Collections.synchronizedList(new ArrayList<>());
        DownloadPlan plan;

        @Override
        public void planned(DownloadPlan p) {
            plan = p;
        }

        @Override
        public void progress(DownloadProgress p) {
            progress.add(p);
        }

        @Override
        public void fileDone(String file, Outcome outcome, long bytes) {
            events.add(file + " " + outcome);
        }

        @Override
        public void note(String line) {
            events.add("note " + line);
        }
    }

    DownloadResult download(String repo) {
        return downloader().download(DownloadRequest.of(repo), DownloadListener.NONE, new CancellationToken());
    }

    Path storage(String repo) {
        return cache.resolve(new RepoId(repo).folderName());
    }

    static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                    || Files.isSymbolicLink(p)).sorted().toList();
        }
    }

    // ---- the cache layout ----------------------------------------------------------------------------------------

    @Test
    void aFullDownloadWritesTheCacheLayoutHuggingFaceHubWrites() throws IOException {
        Recorder recorder = new Recorder();
        DownloadResult result = downloader().download(DownloadRequest.of(tiny.id), recorder, new CancellationToken());

        String commit = tiny.main();
        Path storage = storage(tiny.id);
        assertThat(result.commit()).isEqualTo(commit);
        assertThat(result.folder()).isEqualTo(storage.resolve("snapshots").resolve(commit));
        assertThat(result.weights()).isTrue();
        assertThat(Files.readString(storage.resolve("refs/main"))).isEqualTo(commit);

        // only what scoring needs: no README, no .gitattributes, no pickle
        try (Stream<Path> s = Files.list(result.folder())) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("config.json",
                    "generation_config.json", "model.safetensors", "special_tokens_map.json", "tokenizer.json",
                    "tokenizer_config.json");
        }
        for (HubServer.File f : tinyFiles) {
            Path pointer = result.folder().resolve(f.name());
            assertThat(Files.isSymbolicLink(pointer)).as(f.name()).isTrue();
            // relative, as _create_symlink makes them: ../../blobs/<etag>
            assertThat(Files.readSymbolicLink(pointer).toString().replace('\\', '/'))
                    .isEqualTo("../../blobs/" + f.etag());
            assertThat(Files.readAllBytes(pointer)).isEqualTo(f.bytes());
        }
        // blobs by ETag: sha256 for LFS, git blob id for the small files
        assertThat(storage.resolve("blobs").resolve(weights.sha256())).exists();
        HubServer.File config = tinyFiles.stream().filter(f -> f.name().equals("config.json")).findFirst().get();
        assertThat(storage.resolve("blobs").resolve(config.gitOid())).exists();
        assertThat(cache.resolve(".locks").resolve(new RepoId(tiny.id).folderName())
                .resolve(weights.sha256() + ".lock")).exists();
        assertThat(filesUnder(cache)).noneMatch(p -> p.toString().endsWith(".incomplete"));

        // the protocol: one file list at the revision, HEAD then GET at the commit, the weights from the CDN
        assertThat(server.apiRequests).containsExactly("GET /api/models/" + tiny.id + "/revision/main?blobs=true");
        assertThat(server.resolveRequests).contains("HEAD /" + tiny.id + "/resolve/" + commit + "/config.json",
                "GET /" + tiny.id + "/resolve/" + commit + "/config.json",
                "HEAD /" + tiny.id + "/resolve/" + commit + "/model.safetensors");
        assertThat(server.resolveRequests).noneMatch(r -> r.contains("README") || r.contains(".bin"));
        assertThat(server.cdnRequests).hasSize(1).allMatch(r -> r.contains(weights.sha256()));

        assertThat(recorder.plan.bytesToFetch()).isEqualTo(tinyFiles.stream().mapToLong(f -> f.bytes().length).sum());
        assertThat(recorder.events).contains("model.safetensors FETCHED", "config.json FETCHED");
        assertThat(recorder.progress).isNotEmpty();
        DownloadProgress last = recorder.progress.get(recorder.progress.size() - 1);
        assertThat(last.doneBytes()).isEqualTo(last.totalBytes());
    }

    @Test
    void theTokenGoesToTheHubOnlyNeverToTheCdnNorToAnyFile() throws IOException {
        ModelDownloader withToken = new ModelDownloader(HubSettings.fromEnvironment(Map.of("HF_TOKEN", TOKEN),
                dir).withCache(cache).withEndpoint(server.endpoint()),
                ModelDownloader.Options.defaults().withRetries(5, Duration.ZERO));
        DownloadResult result = withToken.download(DownloadRequest.of("test-org/gated"), DownloadListener.NONE,
                new CancellationToken());
        assertThat(result.fetched()).isEqualTo(tinyFiles.size());
        assertThat(server.hubAuthorizations).isNotEmpty().allMatch(a -> a.equals("Bearer " + TOKEN));
        assertThat(server.cdnRequests).isNotEmpty();
        assertThat(server.cdnAuthorizations).isEmpty();
        for (Path p : filesUnder(cache)) {
            if (!Files.isSymbolicLink(p)) {
                assertThat(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1)).as(p.toString())
                        .doesNotContain(TOKEN);
            }
        }
        assertThat(withToken.settings().toString()).doesNotContain(TOKEN);
    }

    @Test
    void aShardedRepositoryBringsTheShardsItsIndexNamesAndNotTheConsolidatedCopy() throws IOException {
        DownloadResult result = download(sharded.id);
        try (Stream<Path> s = Files.list(result.folder())) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("config.json",
                    "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors",
                    "model.safetensors.index.json", "tokenizer.json");
        }
        assertThat(server.cdnRequests).noneMatch(r -> r.contains(sharded.commits.get(sharded.main()).stream()
                .filter(f -> f.name().equals("consolidated.safetensors")).findFirst().get().sha256()));
        LocalModel found = ModelCatalog.inspect(result.folder()).orElseThrow();
        assertThat(found.weights()).isEqualTo(LocalModel.Weights.SAFETENSORS);
        assertThat(found.shards()).isEqualTo(2);
    }

    @Test
    void aSecondDownloadOfACompleteModelAsksForTheFileListAloneAndWritesNothing() throws IOException {
        DownloadResult first = download(tiny.id);
        List<FileTime> before = new ArrayList<>();
        for (Path p : filesUnder(cache)) {
            before.add(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        }
        server.clearRecords();

        Recorder recorder = new Recorder();
        DownloadResult second = downloader().download(DownloadRequest.of(tiny.id), recorder, new CancellationToken());

        assertThat(second.folder()).isEqualTo(first.folder());
        assertThat(second.fetched()).isZero();
        assertThat(second.alreadyThere()).isEqualTo(tinyFiles.size());
        assertThat(second.bytesFetched()).isZero();
        assertThat(server.apiRequests).hasSize(1);
        assertThat(server.resolveRequests).isEmpty();
        assertThat(server.cdnRequests).isEmpty();
        assertThat(recorder.plan.bytesToFetch()).isZero();
        assertThat(recorder.events).allMatch(e -> e.endsWith("ALREADY_THERE"));
        List<FileTime> after = new ArrayList<>();
        for (Path p : filesUnder(cache)) {
            after.add(Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
        }
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aPlanSaysWhatADownloadWouldFetchAndWritesNothing() throws IOException {
        DownloadPlan plan = downloader().plan(DownloadRequest.of(tiny.id), new CancellationToken());
        long all = tinyFiles.stream().mapToLong(f -> f.bytes().length).sum();
        assertThat(plan.commit()).isEqualTo(tiny.main());
        assertThat(plan.files()).hasSize(tinyFiles.size());
        assertThat(plan.alreadyThere()).isEmpty();
        assertThat(plan.bytesToFetch()).isEqualTo(all);
        assertThat(plan.weights()).isTrue();
        assertThat(filesUnder(cache)).isEmpty();
        assertThat(server.cdnRequests).isEmpty();

        download(tiny.id);
        DownloadPlan again = downloader().plan(DownloadRequest.of(tiny.id), new CancellationToken());
        assertThat(again.alreadyThere()).hasSize(tinyFiles.size());
        assertThat(again.bytesToFetch()).isZero();
        assertThatThrownBy(() -> downloader(ModelDownloader.Options.defaults().withFreeSpace(f -> 10))
                .plan(DownloadRequest.of(sharded.id), new CancellationToken())).isInstanceOf(UserException.class)
                .hasMessageStartingWith("not enough free space for " + sharded.id);
    }

    @Test
    void anotherRevisionSharesTheBlobsItHasInCommon() throws IOException {
        download(tiny.id);
        server.clearRecords();
        Recorder recorder = new Recorder();
        DownloadResult v1 = downloader().download(DownloadRequest.of(tiny.id).atRevision("v1"), recorder,
                new CancellationToken());
        assertThat(v1.commit()).isEqualTo(tiny.refs.get("v1"));
        assertThat(Files.readString(storage(tiny.id).resolve("refs/v1"))).isEqualTo(v1.commit());
        assertThat(Files.readString(storage(tiny.id).resolve("refs/main"))).isEqualTo(tiny.main());
        assertThat(recorder.events).contains("config.json FETCHED", "model.safetensors LINKED");
        assertThat(server.cdnRequests).isEmpty();
        assertThat(Files.readString(v1.folder().resolve("config.json"))).contains("\"_comment\": \"v1\"");
    }

    @Test
    void aCommitAsRevisionWritesNoRef() throws IOException {
        String commit = tiny.refs.get("v1");
        DownloadResult result = downloader().download(DownloadRequest.of(tiny.id).atRevision(commit),
                DownloadListener.NONE, new CancellationToken());
        assertThat(result.commit()).isEqualTo(commit);
        assertThat(storage(tiny.id).resolve("refs")).doesNotExist();
    }

    // ---- resume ----------------------------------------------------------------------------------------------------

    @Test
    void aConnectionDroppedMidFileResumesWithARangeAndTheFileVerifies() throws IOException {
        server.dropNext(3_000_000, 2_000_000);
        Recorder recorder = new Recorder();
        DownloadResult result = downloader().download(DownloadRequest.of(tiny.id), recorder, new CancellationToken());

        assertThat(server.cdnRanges).containsExactly(null, "bytes=3000000-", "bytes=5000000-");
        assertThat(Files.readAllBytes(result.folder().resolve("model.safetensors"))).isEqualTo(weights.bytes());
        assertThat(recorder.events).anyMatch(e -> e.startsWith("note model.safetensors:") && e.contains("resuming"));
        assertThat(filesUnder(cache)).noneMatch(p -> p.toString().endsWith(".incomplete"));
    }

    @Test
    void aDropNoRetryFixesKeepsThePartialFileAndTheNextRunResumesIt() throws IOException {
        server.dropNext(2_500_000);
        server.dropForever(0L);
        assertThatThrownBy(() -> download(tiny.id)).isInstanceOf(UserException.class)
                .hasMessageContaining("model.safetensors of " + tiny.id + ": the connection kept dropping")
                .hasMessageContaining("the connection kept dropping (5 retries without new data) at 2.5 MB of 8.4 MB")
                .hasMessageContaining("run the same download again to resume")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path partial = storage(tiny.id).resolve("blobs").resolve(weights.sha256() + ".incomplete");
        assertThat(partial).hasSize(2_500_000);
        // the snapshot holds only complete files; no ref yet, as the download did not finish
        assertThat(storage(tiny.id).resolve("snapshots").resolve(tiny.main()).resolve("model.safetensors"))
                .doesNotExist();
        assertThat(storage(tiny.id).resolve("refs")).doesNotExist();

        // a restart: a new downloader, the network healed
        server.heal();
        server.clearRecords();
        Recorder recorder = new Recorder();
        DownloadResult result = downloader().download(DownloadRequest.of(tiny.id), recorder, new CancellationToken());
        assertThat(server.cdnRanges).containsExactly("bytes=2500000-");
        assertThat(recorder.plan.bytesToFetch()).isEqualTo(weights.bytes().length - 2_500_000L);
        assertThat(result.bytesFetched()).isEqualTo(weights.bytes().length - 2_500_000L);
        assertThat(Files.readAllBytes(result.folder().resolve("model.safetensors"))).isEqualTo(weights.bytes());
        assertThat(partial).doesNotExist();
    }

    @Test
    void aServerThatIgnoresTheRangeIsReadFromTheStart() throws IOException {
        server.dropNext(1_000_000);
        server.ignoreRange(true);
        DownloadResult result = download(tiny.id);
        assertThat(server.cdnRanges).containsExactly(null, "bytes=1000000-");
        assertThat(Files.readAllBytes(result.folder().resolve("model.safetensors"))).isEqualTo(weights.bytes());
    }

    @Test
    void cancelKeepsTheCompleteFilesAndThePartialOneForTheNextRun() throws IOException {
        CancellationToken cancel = new CancellationToken();
        server.dropForever(null);
        DownloadListener cancelMidWeights = new DownloadListener() {
            @Override
            public void progress(DownloadProgress p) {
                if (p.file().equals("model.safetensors") && p.fileBytes() > 0 && p.fileBytes() < p.fileSize()) {
                    cancel.cancel();
                }
            }
        };
        assertThatThrownBy(() -> downloader(ModelDownloader.Options.defaults().withRetries(5, Duration.ZERO)
                .withProgressEvery(Duration.ZERO)).download(DownloadRequest.of(tiny.id), cancelMidWeights, cancel))
                .isInstanceOf(CancelledException.class);
        Path snapshot = storage(tiny.id).resolve("snapshots").resolve(tiny.main());
        assertThat(snapshot.resolve("config.json")).exists(); // complete before the weights: kept
        assertThat(snapshot.resolve("model.safetensors")).doesNotExist();
        Path partial = storage(tiny.id).resolve("blobs").resolve(weights.sha256() + ".incomplete");
        assertThat(partial).exists();
        long kept = Files.size(partial);
        assertThat(kept).isBetween(1L, weights.bytes().length - 1L);

        server.clearRecords();
        DownloadResult result = download(tiny.id);
        assertThat(server.cdnRanges).containsExactly("bytes=" + kept + "-");
        assertThat(Files.readAllBytes(result.folder().resolve("model.safetensors"))).isEqualTo(weights.bytes());
    }

    // ---- refusals: one line, nothing half-written ------------------------------------------------------------------

    @Test
    void aWrongChecksumDeletesThePartialFileAndSaysSoInOneLine() throws IOException {
        server.corrupt(weights);
        assertThatThrownBy(() -> download(tiny.id)).isInstanceOf(UserException.class)
                .hasMessageStartingWith("model.safetensors of " + tiny.id + ": checksum mismatch (sha256 "
                        + weights.sha256().substring(0, 12) + "… expected")
                .hasMessageContaining("the partial file was deleted")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(filesUnder(cache)).noneMatch(p -> p.toString().endsWith(".incomplete"));
        assertThat(storage(tiny.id).resolve("blobs").resolve(weights.sha256())).doesNotExist();
        assertThat(storage(tiny.id).resolve("snapshots").resolve(tiny.main()).resolve("model.safetensors"))
                .doesNotExist();
    }

    @Test
    void anUnknownRepositoryIsOneLineAndWritesNothing() throws IOException {
        assertThatThrownBy(() -> download("test-org/no-such-model")).isInstanceOf(UserException.class)
                .hasMessage("test-org/no-such-model: no such model on " + server.url() + " (if it is private or gated,"
                        + " set HF_TOKEN (or --token-env NAME) to a token that can read it)");
        assertThat(filesUnder(cache)).isEmpty();
    }

    @Test
    void anUnknownRevisionIsOneLine() throws IOException {
        assertThatThrownBy(() -> downloader().download(DownloadRequest.of(tiny.id).atRevision("v9/nope"),
                DownloadListener.NONE, new CancellationToken())).isInstanceOf(UserException.class)
                .hasMessage(tiny.id + " has no revision 'v9/nope' on " + server.url());
        // the revision was sent quoted, "/" included, as quote(revision, safe="")
        assertThat(server.apiRequests).containsExactly("GET /api/models/" + tiny.id + "/revision/v9%2Fnope?blobs=true");
        assertThat(filesUnder(cache)).isEmpty();
    }

    @Test
    void aGatedRepositoryWithoutATokenSays401InOneLineAndWritesNothing() throws IOException {
        assertThatThrownBy(() -> download("test-org/gated")).isInstanceOf(UserException.class)
                .hasMessage("test-org/gated is gated: accept its conditions on " + server.url() + "/test-org/gated,"
                        + " then set HF_TOKEN (or --token-env NAME) to a token of that account");
        assertThat(filesUnder(cache)).isEmpty();
    }

    @Test
    void aGatedRepositoryWithATokenWithoutAccessSays403() throws IOException {
        ModelDownloader other = new ModelDownloader(HubSettings.fromEnvironment(Map.of(), dir).withCache(cache)
                .withEndpoint(server.endpoint()).withToken("hf_someoneElse"));
        assertThatThrownBy(() -> other.download(DownloadRequest.of("test-org/gated"), DownloadListener.NONE,
                new CancellationToken())).isInstanceOf(UserException.class)
                .hasMessage("test-org/gated is gated: the token's account has not been granted access yet; accept"
                        + " the conditions on " + server.url() + "/test-org/gated")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hf_someoneElse"));
        assertThat(filesUnder(cache)).isEmpty();
    }

    @Test
    void aRepositoryWithPickleWeightsOnlyIsRefused() throws IOException {
        assertThatThrownBy(() -> download("test-org/pickle-only")).isInstanceOf(UserException.class)
                .hasMessage("test-org/pickle-only: this repository has no safetensors weights (only pickle:"
                        + " pytorch_model.bin), and pickle files can run code when loaded");
        assertThat(filesUnder(cache)).isEmpty();
        assertThat(server.resolveRequests).isEmpty();
    }

    @Test
    void notEnoughFreeSpaceIsRefusedBeforeAnythingIsWritten() throws IOException {
        ModelDownloader small = downloader(ModelDownloader.Options.defaults().withRetries(5, Duration.ZERO)
                .withFreeSpace(folder -> 5_000_000));
        Files.createDirectories(cache);
        assertThatThrownBy(() -> small.download(DownloadRequest.of(tiny.id), DownloadListener.NONE,
                new CancellationToken())).isInstanceOf(UserException.class)
                .hasMessage("not enough free space for " + tiny.id + " in " + cache.toAbsolutePath() + ": it needs"
                        + " 10.2 MB more and 5.0 MB are free");
        assertThat(filesUnder(cache)).isEmpty();
        assertThat(server.cdnRequests).isEmpty();
    }

    @Test
    void aCacheSomeoneElseIsWritingIsRefusedInOneLine() throws IOException {
        Path lock = cache.resolve(".locks").resolve(new RepoId(tiny.id).folderName()).resolve(weights.sha256()
                + ".lock");
        Optional<CacheLock> held = CacheLock.tryAcquire(lock);
        assertThat(held).isPresent();
        try (CacheLock other = held.get()) {
            assertThatThrownBy(() -> download(tiny.id)).isInstanceOf(UserException.class)
                    .hasMessage("another program is writing " + tiny.id + " into the Hugging Face cache "
                            + cache.toAbsolutePath() + " (its lock " + lock.toAbsolutePath() + " is held): let it"
                            + " finish, then run this again");
            assertThat(filesUnder(cache)).noneMatch(p -> p.toString().endsWith(".incomplete"));
            assertThat(CacheLock.tryAcquire(lock)).as("a second taker is refused too").isEmpty();
        }
        DownloadResult result = download(tiny.id);
        assertThat(Files.readAllBytes(result.folder().resolve("model.safetensors"))).isEqualTo(weights.bytes());
    }

    /** The lock is flock(2), as Python's filelock takes it: another process holding it (util-linux flock) excludes us. */
    @Test
    void theLockExcludesAnotherProcessThatHoldsItWithFlock() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(CacheLock.Posix.LIBC != null && Files.isExecutable(Path.of(
                "/usr/bin/flock")), "flock(1) and a libc with flock(2)");
        Path lock = dir.resolve(".locks/models--x--y/abc.lock");
        Files.createDirectories(lock.getParent());
        Process holder = new ProcessBuilder("/usr/bin/flock", lock.toString(), "-c", "echo locked; cat").start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("locked");
            assertThat(CacheLock.tryAcquire(lock)).isEmpty();
            holder.getOutputStream().close(); // cat ends, flock releases
            assertThat(holder.waitFor()).isZero();
        }
        try (CacheLock mine = CacheLock.tryAcquire(lock).orElseThrow()) {
            assertThat(mine.file()).isEqualTo(lock);
        }
    }

    @Test
    void aBadRepositoryIdIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> download("not a repo")).isInstanceOf(UserException.class)
                .hasMessage("'not a repo' is not a Hugging Face model id (ORG/NAME, e.g. jhu-clsp/FollowIR-7B)");
        assertThatThrownBy(() -> download("a--b/c")).isInstanceOf(UserException.class);
        assertThat(server.apiRequests).isEmpty();
    }

    @Test
    void anEndpointWithNothingListeningIsOneLine() {
        ModelDownloader nowhere = new ModelDownloader(HubSettings.fromEnvironment(Map.of("HF_ENDPOINT",
                "http://127.0.0.1:1"), dir).withCache(cache));
        assertThatThrownBy(() -> nowhere.download(DownloadRequest.of(tiny.id), DownloadListener.NONE,
                new CancellationToken())).isInstanceOf(UserException.class)
                .hasMessage("cannot reach http://127.0.0.1:1 (connection refused); check the network, or set"
                        + " HF_ENDPOINT to a mirror");
    }

    // ---- the environment -------------------------------------------------------------------------------------------

    @Test
    void hfEndpointAndHfHubCacheComeFromTheEnvironmentGiven() throws IOException {
        HubSettings settings = HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", server.url() + "/",
                "HF_HUB_CACHE", cache.toString()), dir.resolve("home"));
        assertThat(settings.endpoint()).isEqualTo(server.endpoint());
        assertThat(settings.cache()).isEqualTo(cache);
        DownloadResult result = new ModelDownloader(settings, ModelDownloader.Options.defaults()).download(
                DownloadRequest.of(sharded.id), DownloadListener.NONE, new CancellationToken());
        assertThat(result.folder()).startsWith(cache.toAbsolutePath());
        assertThat(server.apiRequests).hasSize(1);
        assertThatThrownBy(() -> HubSettings.fromEnvironment(Map.of("HF_ENDPOINT", "ftp://example.org"), dir))
                .isInstanceOf(UserException.class)
                .hasMessage("HF_ENDPOINT 'ftp://example.org' is not an http(s) URL such as https://huggingface.co");
    }

    @Test
    void theCacheFolderIsFoundAsHuggingFaceHubFindsIt() {
        Path home = Path.of("/home/ann");
        assertThat(HubSettings.cacheDir(Map.of(), home)).isEqualTo(home.resolve(".cache/huggingface/hub"));
        assertThat(HubSettings.cacheDir(Map.of("XDG_CACHE_HOME", "/x"), home)).isEqualTo(Path.of("/x/huggingface/hub"));
        assertThat(HubSettings.cacheDir(Map.of("HF_HOME", "~/hf", "XDG_CACHE_HOME", "/x"), home))
                .isEqualTo(home.resolve("hf/hub"));
        assertThat(HubSettings.cacheDir(Map.of("HUGGINGFACE_HUB_CACHE", "/old", "HF_HOME", "/h"), home))
                .isEqualTo(Path.of("/old"));
        assertThat(HubSettings.cacheDir(Map.of("HF_HUB_CACHE", "/new", "HUGGINGFACE_HUB_CACHE", "/old"), home))
                .isEqualTo(Path.of("/new"));
        assertThat(HubSettings.fromEnvironment(Map.of(), home).endpoint()).isEqualTo(HubSettings.DEFAULT_ENDPOINT);
        assertThat(HubSettings.fromEnvironment(Map.of("HUGGING_FACE_HUB_TOKEN", "t"), home).hasToken()).isTrue();
        assertThat(HubSettings.fromEnvironment(Map.of(), home).hasToken()).isFalse();
    }

    // ---- a plain folder --------------------------------------------------------------------------------------------

    @Test
    void toAFolderWritesPlainFilesWithHuggingFaceHubsMetadataAndASecondRunIsANoOp() throws IOException {
        Path folder = dir.resolve("FollowIR-tiny");
        DownloadResult result = downloader().download(DownloadRequest.of(tiny.id).intoFolder(folder),
                DownloadListener.NONE, new CancellationToken());
        assertThat(result.folder()).isEqualTo(folder.toAbsolutePath());
        for (HubServer.File f : tinyFiles) {
            Path file = folder.resolve(f.name());
            assertThat(Files.isSymbolicLink(file)).isFalse();
            assertThat(Files.readAllBytes(file)).isEqualTo(f.bytes());
            List<String> meta = Files.readAllLines(folder.resolve(".cache/huggingface/download/" + f.name()
                    + ".metadata"));
            assertThat(meta.get(0)).isEqualTo(tiny.main());
            assertThat(meta.get(1)).isEqualTo(f.etag());
            assertThat(Double.parseDouble(meta.get(2))).isPositive();
        }
        assertThat(Files.readString(folder.resolve(".cache/huggingface/.gitignore"))).isEqualTo("*");
        assertThat(cache).doesNotExist();
        assertThat(filesUnder(folder)).noneMatch(p -> p.toString().endsWith(".incomplete"));

        server.clearRecords();
        DownloadResult again = downloader().download(DownloadRequest.of(tiny.id).intoFolder(folder),
                DownloadListener.NONE, new CancellationToken());
        assertThat(again.fetched()).isZero();
        assertThat(server.resolveRequests).isEmpty();
    }

    @Test
    void aTokenizerOnlyRepositoryDownloadsAsATokenizerFolder() {
        Recorder recorder = new Recorder();
        DownloadResult result = downloader().download(DownloadRequest.of("test-org/tokenizer-only"), recorder,
                new CancellationToken());
        assertThat(result.weights()).isFalse();
        assertThat(recorder.events).anyMatch(e -> e.contains("enough as the tokenizer folder of a server"));
        assertThat(ModelCatalog.inspect(result.folder()).orElseThrow().contents()).isEqualTo("tokenizer only");
    }

    // ---- what it is for ------------------------------------------------------------------------------------------

    @Test
    void theDownloadedFolderScoresExactlyAsTheOriginal() throws IOException {
        DownloadResult result = download(tiny.id);
        List<Candidate> docs = List.of(
                new Candidate("written", null, "Avatar: The Way of Water is a 2022 American epic science fiction film"
                        + " co-produced and directed by James Cameron, who co-wrote the screenplay."),
                new Candidate("titanic", "Titanic", "Titanic is a 1997 film written and directed by James Cameron."));
        ScorerOptions cpu = ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU);
        List<DocumentScore> original;
        List<DocumentScore> downloaded;
        try (FollowIrScorer a = FollowIrScorer.load(golden, cpu, FollowIrScorer.LoadListener.NONE)) {
            original = a.score("What movies were written by James Cameron?", "A relevant document would describe a"
                    + " movie that was written by James Cameron only", docs, ScoreListener.NONE, new CancellationToken());
        }
        try (FollowIrScorer b = FollowIrScorer.load(result.folder(), cpu, FollowIrScorer.LoadListener.NONE)) {
            downloaded = b.score("What movies were written by James Cameron?", "A relevant document would describe a"
                    + " movie that was written by James Cameron only", docs, ScoreListener.NONE, new CancellationToken());
        }
        assertThat(downloaded).hasSize(2);
        for (int i = 0; i < docs.size(); i++) {
            assertThat(downloaded.get(i).pTrue()).as(docs.get(i).id()).isEqualTo(original.get(i).pTrue());
            assertThat(downloaded.get(i).nTokens()).isEqualTo(original.get(i).nTokens());
        }
    }
}
