package org.relevanceworkbench.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.corpus.FtsIndexer;
import org.relevanceworkbench.corpus.ImportListener;
import org.relevanceworkbench.corpus.SampleCorpora;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.store.Database;

/**
 * A rerank on a server in a child JVM, killed with SIGKILL half way: the workspace passes SQLite's integrity check,
 * keeps every batch the server had answered (bar those in flight), and a rerun asks the server only for what is
 * missing. And the API key, given through the environment, is found nowhere: not in the workspace, not in what the
 * process printed.
 */
class ServerRunKillTest {
    static final String KEY = "rw-test-key-7f3a9c1e";
    @TempDir
    static Path dir;
    static FollowIrScorer local;
    static Path tokenizer;

    @BeforeAll
    static void load() throws Exception {
        local = Golden.localScorer();
        tokenizer = Golden.tokenizerOnly(dir);
    }

    @AfterAll
    static void close() {
        local.close();
    }

    private static Process rerank(Path workspace, VllmServer server, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true", "org.relevanceworkbench.Launcher", "--db", workspace.toString(), "--verbose",
                "rerank", "--collection", "james-cameron", "--topic", "cameron", "--candidates", "all", "--model",
                tokenizer.toString(), "--server", server.url().toString(), "--api-key-env", "RW_TEST_KEY",
                "--server-batch", "2", "--max-in-flight", "1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("RW_TEST_KEY", KEY);
        return pb.start();
    }

    private static long cached(Path workspace) {
        try (Database db = Database.open(workspace)) {
            return db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM score_cache WHERE backend = 'server/vllm-classify'")) {
                    return rs.getLong(1);
                }
            });
        }
    }

    @Test
    void killedMidRunTheWorkspaceIsIntactAndARerunScoresOnlyWhatIsMissing() throws Exception {
        Path workspace = dir.resolve("ws.db");
        try (Database db = Database.open(workspace)) {
            new SampleCorpora(db).loadMissing(ImportListener.NONE, FtsIndexer.Listener.NONE, new CancellationToken());
        }
        int total = 40 * 2; // every document of the sample, under og and changed
        try (VllmServer server = new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true,
                local.tokenizer().trueId(), local.tokenizer().falseId())) {
            server.requireKey(KEY);
            server.latency(150);
            Process child = rerank(workspace, server, dir.resolve("killed.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (server.scoringRequests.get() < 2 + 8 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(20); // the connect probe's two requests, then eight batches of two
            }
            assertThat(child.isAlive()).as("still scoring when killed").isTrue();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        try (Database db = Database.open(workspace)) {
            String integrity = db.read(c -> {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                    return rs.getString(1);
                }
            });
            assertThat(integrity).isEqualTo("ok");
        }
        long kept = cached(workspace);
        assertThat(kept).as("the batches answered before the kill").isBetween(2L * 6, (long) total - 1);

        try (VllmServer fresh = new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true,
                local.tokenizer().trueId(), local.tokenizer().falseId())) {
            fresh.requireKey(KEY);
            Path log = dir.resolve("rerun.log");
            Process rerun = rerank(workspace, fresh, log);
            assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(log);
            assertThat(rerun.exitValue()).as(printed).isZero();
            int probe = 2;
            assertThat(fresh.promptsReceived().size() - probe).as("only the missing pairs are asked for")
                    .isEqualTo(total - kept);
            assertThat(printed).contains("og: 40 candidates (").contains("changed: 40 candidates (");
            assertThat(fresh.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer " + KEY));
        }
        assertThat(cached(workspace)).isEqualTo(total);

        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(dir)) {
            all.filter(Files::isRegularFile).forEach(files::add);
        }
        assertThat(files).anySatisfy(f -> assertThat(f.getFileName().toString()).isEqualTo("ws.db"));
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(f + " holds no API key").doesNotContain(KEY);
        }
    }
}
