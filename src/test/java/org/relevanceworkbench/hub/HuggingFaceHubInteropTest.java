package org.relevanceworkbench.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;

/**
 * The real {@code huggingface_hub} against the loopback hub and the caches this app writes, when a Python with it is
 * named by {@code HF_HUB_PYTHON} (skipped otherwise; CI has none): Python downloads from {@link HubServer} (so the
 * test hub answers as the library reads it), this app finds that cache complete, Python finds ours complete and
 * clean, and a lock Python's {@code filelock} holds makes this app refuse.
 */
class HuggingFaceHubInteropTest {
    static final String PYTHON = System.getenv("HF_HUB_PYTHON");
    static HubServer server;
    static HubServer.Repo repo;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException, URISyntaxException {
        assumeTrue(PYTHON != null && !PYTHON.isBlank(), "HF_HUB_PYTHON names a python with huggingface_hub");
        Path golden = Path.of(HuggingFaceHubInteropTest.class.getResource("/followir-golden/tiny-bf16").toURI());
        server = new HubServer();
        List<HubServer.File> files = new ArrayList<>(HubServer.tinyCheckpoint(golden, false));
        files.add(HubServer.text("README.md", "# tiny\n"));
        repo = server.add(new HubServer.Repo("test-org/Tiny-FollowIR").commit(HubServer.randomCommit(new Random(5)),
                files, "main"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    String python(Path cache, String script) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-c", script).redirectErrorStream(true);
        pb.environment().put("HF_ENDPOINT", server.url());
        pb.environment().put("HF_HUB_CACHE", cache.toString());
        pb.environment().put("HF_HUB_DISABLE_TELEMETRY", "1");
        pb.environment().put("HF_HUB_DISABLE_PROGRESS_BARS", "1");
        pb.environment().remove("HF_TOKEN");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.strip();
    }

    ModelDownloader downloader(Path cache) {
        return new ModelDownloader(HubSettings.fromEnvironment(Map.of(), dir).withCache(cache)
                .withEndpoint(server.endpoint()), ModelDownloader.Options.defaults().withRetries(2, Duration.ZERO));
    }

    @Test
    void huggingFaceHubAndThisAppShareOneCache() throws Exception {
        Path py = dir.resolve("py");
        String snapshot = python(py, "from huggingface_hub import snapshot_download\n"
                + "print(snapshot_download('test-org/Tiny-FollowIR', allow_patterns=['*.json', '*.safetensors']))");
        assertThat(snapshot).endsWith("snapshots/" + repo.main());

        server.clearRecords();
        DownloadResult ours = downloader(py).download(DownloadRequest.of(repo.id), DownloadListener.NONE,
                new CancellationToken());
        assertThat(ours.folder().toString()).isEqualTo(snapshot);
        assertThat(ours.fetched()).isZero();
        assertThat(server.resolveRequests).isEmpty();

        Path java = dir.resolve("java");
        downloader(java).download(DownloadRequest.of(repo.id), DownloadListener.NONE, new CancellationToken());
        server.clearRecords();
        String scan = python(java, "from huggingface_hub import scan_cache_dir, snapshot_download\n"
                + "info = scan_cache_dir()\n"
                + "(r,) = info.repos\n"
                + "print(r.repo_id, sorted(r.refs), r.nb_files, r.size_on_disk, len(info.warnings))\n"
                + "snapshot_download('test-org/Tiny-FollowIR', allow_patterns=['*.json', '*.safetensors'])");
        long bytes = Files.size(java.resolve("models--test-org--Tiny-FollowIR/snapshots").resolve(repo.main())
                .resolve("model.safetensors"));
        assertThat(scan).startsWith("test-org/Tiny-FollowIR ['main'] 6 ").endsWith(" 0");
        assertThat(bytes).isPositive();
        assertThat(server.resolveRequests).as("Python found every file in place").isEmpty();
        assertThat(server.cdnRequests).isEmpty();
    }

    @Test
    void huggingFaceHubsLocalDirDownloadFindsOurPlainFolderComplete() throws Exception {
        Path folder = dir.resolve("plain");
        downloader(dir.resolve("unused")).download(DownloadRequest.of(repo.id).intoFolder(folder),
                DownloadListener.NONE, new CancellationToken());
        server.clearRecords();
        String out = python(dir.resolve("py-cache"), "from huggingface_hub import snapshot_download\n"
                + "print(snapshot_download('test-org/Tiny-FollowIR', allow_patterns=['*.json', '*.safetensors'],"
                + " local_dir='" + folder + "'))");
        assertThat(out).endsWith(folder.toString());
        assertThat(server.resolveRequests).as("every file's metadata matched").isEmpty();
        assertThat(server.cdnRequests).isEmpty();
    }

    @Test
    void aLockPythonsFilelockHoldsMakesThisAppRefuse() throws Exception {
        Path java = dir.resolve("locked");
        HubServer.File weights = repo.commits.get(repo.main()).stream()
                .filter(f -> f.name().equals("model.safetensors")).findFirst().orElseThrow();
        Path lock = java.resolve(".locks/models--test-org--Tiny-FollowIR").resolve(weights.sha256() + ".lock");
        Files.createDirectories(lock.getParent());
        Process holder = new ProcessBuilder(PYTHON, "-c", "import filelock, sys\n"
                + "l = filelock.FileLock(sys.argv[1]); l.acquire(); print('held', flush=True); sys.stdin.read()",
                lock.toString()).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(lines.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> downloader(java).download(DownloadRequest.of(repo.id), DownloadListener.NONE,
                    new CancellationToken())).isInstanceOf(UserException.class)
                    .hasMessageContaining("another program is writing test-org/Tiny-FollowIR");
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        DownloadResult result = downloader(java).download(DownloadRequest.of(repo.id), DownloadListener.NONE,
                new CancellationToken());
        assertThat(result.folder().resolve("model.safetensors")).hasBinaryContent(weights.bytes());
    }
}
