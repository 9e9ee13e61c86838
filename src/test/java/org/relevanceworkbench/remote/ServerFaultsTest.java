package org.relevanceworkbench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.SpecialTokenMode;
import org.relevanceworkbench.remote.ProtocolServer.Delay;
import org.relevanceworkbench.remote.ProtocolServer.Drop;
import org.relevanceworkbench.remote.ProtocolServer.Malformed;
import org.relevanceworkbench.remote.ProtocolServer.OtherModel;
import org.relevanceworkbench.remote.ProtocolServer.Status;
import org.relevanceworkbench.remote.ProtocolServer.WrongCount;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;

/**
 * What servers do wrong, and what the run makes of it: either every score arrives, equal to the local decoder's, or
 * the run stops with one line that names the server, keeping every batch that had finished.
 */
class ServerFaultsTest {
    @TempDir
    static Path dir;
    static FollowIrScorer local;
    static Path tokenizer;
    static int trueId;
    static int falseId;
    static List<Candidate> docs;
    static List<DocumentScore> expected;
    static final String QUERY = "What movies were directed by James Cameron?";
    static final String INSTRUCTION = "A relevant document would describe any movie that was directed by James Cameron";

    @BeforeAll
    static void load() throws Exception {
        local = Golden.localScorer();
        tokenizer = Golden.tokenizerOnly(dir);
        trueId = local.tokenizer().trueId();
        falseId = local.tokenizer().falseId();
        docs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            docs.add(new Candidate("d" + i, i % 3 == 0 ? "Film " + i : null,
                    "Document " + i + " about a film " + "by James Cameron ".repeat(i % 4)));
        }
        expected = local.score(QUERY, INSTRUCTION, docs, (b, d, t) -> { }, new CancellationToken());
    }

    @AfterAll
    static void close() {
        local.close();
    }

    private static VllmServer vllm() {
        return new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true, trueId, falseId);
    }

    /** Small batches (2 prompts), short waits: many requests, quick retries. */
    private static RemoteScorer connect(List<ProtocolServer> servers, List<String> notes,
            Function<ServerOptions, ServerOptions> tweak) {
        ServerOptions o = ServerOptions.of(servers.stream().map(ProtocolServer::url).toList()).withBatchSize(2)
                .withTimeout(Duration.ofSeconds(5));
        return RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL, tweak.apply(o),
                note -> notes.add(note));
    }

    private static RemoteScorer connect(ProtocolServer server) {
        return connect(List.of(server), Collections.synchronizedList(new ArrayList<>()), o -> o);
    }

    /** Scores the twelve documents, collecting what streams; asserts every score equals the local one. */
    private static List<DocumentScore> scoreAll(RemoteScorer remote, List<DocumentScore> streamed) {
        List<DocumentScore> got = remote.score(QUERY, INSTRUCTION, docs, (batch, done, total) -> streamed.addAll(batch),
                new CancellationToken());
        assertThat(got).hasSize(docs.size());
        for (int i = 0; i < docs.size(); i++) {
            assertThat(got.get(i).id()).isEqualTo(docs.get(i).id());
            assertThat(got.get(i).pTrue()).as(docs.get(i).id()).isCloseTo(expected.get(i).pTrue(), within(1e-6));
        }
        assertThat(streamed).extracting(DocumentScore::id).containsExactlyInAnyOrderElementsOf(
                docs.stream().map(Candidate::id).toList());
        return got;
    }

    @Test
    void unavailableAnswersAreRetriedUntilEveryScoreArrives() {
        try (VllmServer server = vllm(); RemoteScorer remote = connect(server)) {
            String body = VllmServer.error("The server is overloaded", "ServiceUnavailableError", null, 503);
            server.thenFail(new Status(503, body, null), new Status(503, body, null), new Status(502, "", null));
            int before = server.scoringRequests.get();
            scoreAll(remote, new ArrayList<>());
            assertThat(server.scoringRequests.get() - before).as("6 batches and 3 retries").isEqualTo(6 + 3);
        }
    }

    @Test
    void tooManyRequestsWaitsAsLongAsRetryAfterSays() {
        try (VllmServer server = vllm(); RemoteScorer remote = connect(server)) {
            List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
            server.thenFail(new Status(429, VllmServer.error("rate limited", "RateLimitError", null, 429), "1"));
            List<DocumentScore> streamed = new ArrayList<>();
            long start = System.nanoTime();
            remote.score(QUERY, INSTRUCTION, docs.subList(0, 1), (b, d, t) -> {
                streamed.addAll(b);
                arrivals.add(System.nanoTime() - start);
            }, new CancellationToken());
            assertThat(streamed).hasSize(1);
            assertThat(server.requests.get(server.requests.size() - 1).body().get("input")).hasSize(1);
            assertThat(arrivals.get(0)).as("the retry waited for Retry-After: 1 s")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
            assertThat(remote.status().get(0).active()).as("429 is no reason to give up on a server").isTrue();
        }
    }

    @Test
    void aDroppedConnectionAMalformedAnswerAndTheWrongCountAreRetried() {
        try (VllmServer server = vllm(); RemoteScorer remote = connect(server)) {
            server.thenFail(new Drop(), new Malformed(), new WrongCount());
            int before = server.scoringRequests.get();
            scoreAll(remote, new ArrayList<>());
            assertThat(server.scoringRequests.get() - before).isEqualTo(6 + 3);
            assertThat(remote.status().get(0).failures()).isEqualTo(3);
            assertThat(remote.status().get(0).lastProblem()).contains("answered 1 results for 2 prompts");
        }
    }

    @Test
    void anAnswerSlowerThanTheTimeoutIsRetried() {
        try (VllmServer server = vllm();
                RemoteScorer remote = connect(List.of(server), new ArrayList<>(),
                        o -> o.withTimeout(Duration.ofMillis(700)))) {
            server.thenFail(new Delay(3000));
            scoreAll(remote, new ArrayList<>());
            assertThat(remote.status().get(0).lastProblem()).isEqualTo("did not answer within the timeout");
        }
    }

    @Test
    void aServerThatKeepsFailingStopsTheRunWithOneLineAndKeepsWhatFinished() {
        try (VllmServer server = vllm()) {
            List<String> notes = Collections.synchronizedList(new ArrayList<>());
            try (RemoteScorer remote = connect(List.of(server), notes, o -> o)) {
                int before = server.scoringRequests.get();
                server.failWhen(n -> n > before + 2, new Status(503, VllmServer.error("engine dead", "InternalServerError", null,
                        503), null));
                List<DocumentScore> streamed = new ArrayList<>();
                assertThatThrownBy(() -> remote.score(QUERY, INSTRUCTION, docs, (b, d, t) -> streamed.addAll(b),
                        new CancellationToken())).isInstanceOf(UserException.class)
                        .hasMessageStartingWith("no server is left to score with: " + server.url())
                        .hasMessageContaining("answered 503 Service Unavailable: engine dead")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
                assertThat(streamed).as("the two batches answered before the failures").hasSize(4);
                assertThat(notes).anySatisfy(n -> assertThat(n).startsWith(server.url() + " is taken out of the pool")
                        .contains("5 failures in a row").endsWith("no server is left"));
            }
        }
    }

    @Test
    void twoServersOneOfThemFailingGiveEveryScoreAndTheFailingOneIsReported() {
        try (VllmServer good = vllm(); VllmServer bad = vllm()) {
            bad.failWhen(n -> n > 2 + 1, new Status(500, VllmServer.error("CUDA error: an illegal memory access",
                    "InternalServerError", null, 500), null));
            bad.latency(50);
            good.latency(50);
            List<String> notes = Collections.synchronizedList(new ArrayList<>());
            try (RemoteScorer remote = connect(List.of(good, bad), notes, o -> o.withMaxInFlight(2))) {
                // Rounds of scoring until the failing server has failed five times in a row (its backoffs grow, so
                // the good one does most of the work meanwhile); each round must still give every score.
                for (int round = 0; round < 200 && remote.status().get(1).active(); round++) {
                    scoreAll(remote, new ArrayList<>());
                }
                assertThat(good.scoringRequests.get()).isGreaterThan(0);
                assertThat(bad.scoringRequests.get()).as("both servers took work").isGreaterThan(2 + 1);
                ServerStatus badStatus = remote.status().get(1);
                assertThat(badStatus.active()).isFalse();
                assertThat(badStatus.prompts()).as("its one good answer counts").isEqualTo(2);
                assertThat(notes).anySatisfy(n -> assertThat(n).startsWith(bad.url() + " is taken out of the pool")
                        .contains("CUDA error").endsWith("going on with 1 server"));
                assertThat(remote.describe()).endsWith("1 of 2 servers");
            }
        }
    }

    @Test
    void aSlowServerDoesNotHoldTheRunsTailBecauseAnIdleOneTakesItsBatch() throws Exception {
        try (VllmServer fast = vllm(); VllmServer slow = vllm()) {
            slow.latency(4000);
            // At most 2 in flight each, so that with the slow one fast again, both must take work.
            try (RemoteScorer remote = connect(List.of(fast, slow), new ArrayList<>(),
                    o -> o.withTimeout(Duration.ofSeconds(60)).withMaxInFlight(2))) {
                List<DocumentScore> streamed = new ArrayList<>();
                scoreAll(remote, streamed);
                assertThat(remote.status().get(0).prompts()).as("the fast server scored what the slow one held")
                        .isEqualTo(docs.size());
                // The slow server's answers come after the run: they still free its slots for the next run.
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (remote.status().get(1).inFlight() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(remote.status().get(1).inFlight()).isZero();
                slow.latency(0);
                int before = slow.scoringRequests.get();
                scoreAll(remote, new ArrayList<>());
                assertThat(slow.scoringRequests.get()).as("the slow server takes work again").isGreaterThan(before);
            }
        }
    }

    @Test
    void aServerAnsweringForAnotherModelIsTakenOut() {
        try (VllmServer server = vllm()) {
            List<String> notes = Collections.synchronizedList(new ArrayList<>());
            try (RemoteScorer remote = connect(List.of(server), notes, o -> o)) {
                server.thenFail(new OtherModel("mistralai/Mistral-7B-Instruct-v0.2"));
                assertThatThrownBy(() -> scoreAll(remote, new ArrayList<>())).isInstanceOf(UserException.class)
                        .hasMessageContaining(server.url() + ": answered for model"
                                + " 'mistralai/Mistral-7B-Instruct-v0.2', not 'jhu-clsp/FollowIR-7B'");
            }
        }
    }

    @Test
    void serversOfDifferentModelsAreRefusedAtConnectNamingTheServer() {
        try (VllmServer one = vllm();
                VllmServer other = new VllmServer(Golden.backend(local), "mistralai/Mistral-7B-Instruct-v0.2", true,
                        trueId, falseId)) {
            assertThatThrownBy(() -> connect(List.of(one, other), new ArrayList<>(), o -> o))
                    .isInstanceOf(UserException.class)
                    .hasMessage(other.url() + ": serves 'mistralai/Mistral-7B-Instruct-v0.2', but " + one.url()
                            + " serves 'jhu-clsp/FollowIR-7B'; give --server-model or servers of one model");
            assertThatThrownBy(() -> connect(List.of(one), new ArrayList<>(), o -> o.withModelId("followir-8b")))
                    .isInstanceOf(UserException.class)
                    .hasMessage(one.url() + ": serves 'jhu-clsp/FollowIR-7B', not 'followir-8b'");
        }
    }

    @Test
    void aPromptLongerThanTheServersMaxModelLenIsRefusedWithOneLine() {
        try (VllmServer server = vllm()) {
            server.maxModelLen = 150;
            try (RemoteScorer remote = connect(server)) {
                int before = server.scoringRequests.get();
                List<Candidate> longDoc = List.of(new Candidate("long", null, "James Cameron ".repeat(100)));
                assertThatThrownBy(() -> remote.score(QUERY, INSTRUCTION, longDoc, (b, d, t) -> { },
                        new CancellationToken())).isInstanceOf(UserException.class)
                        .hasMessageStartingWith(server.url() + ": takes prompts of at most 150 tokens (max_model_len"
                                + " 150), but document 'long' makes one of ")
                        .hasMessageEndingWith("use --max-length 150, or a server started with a longer"
                                + " --max-model-len");
                assertThat(server.scoringRequests.get()).as("refused before sending").isEqualTo(before);
            }
        }
    }

    @Test
    void anUnreachableServerIsLeftOutWithANoteWhenOthersServeAndIsAnErrorAlone() {
        try (VllmServer server = vllm()) {
            ServerOptions both = ServerOptions.of(List.of(server.url(), java.net.URI.create("http://127.0.0.1:1")));
            List<String> notes = new ArrayList<>();
            try (RemoteScorer remote = RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL, both,
                    notes::add)) {
                assertThat(remote.servers()).hasSize(1);
                assertThat(notes).containsExactly("http://127.0.0.1:1: refused the connection (is it running?);"
                        + " left out, going on with the other servers");
            }
        }
        assertThatThrownBy(() -> RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL,
                ServerOptions.of(List.of(java.net.URI.create("http://127.0.0.1:1"))), n -> { }))
                .isInstanceOf(UserException.class)
                .hasMessage("http://127.0.0.1:1: refused the connection (is it running?)");
    }

    @Test
    void aRefusedKeyIsOneLineThatNamesNeitherTheKeyNorItsHeader() {
        try (VllmServer server = vllm()) {
            server.requireKey("s3cret-key-123");
            ServerOptions wrong = ServerOptions.of(List.of(server.url())).withApiKey("wrong-key-456");
            assertThatThrownBy(() -> RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL, wrong, n -> { }))
                    .isInstanceOf(UserException.class)
                    .hasMessage(server.url() + ": answered 401 Unauthorized: Unauthorized (check --api-key-env)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-key-456"));
            ServerOptions right = ServerOptions.of(List.of(server.url())).withApiKey("s3cret-key-123");
            assertThat(right.toString()).doesNotContain("s3cret-key-123");
            try (RemoteScorer remote = RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL, right,
                    n -> { })) {
                assertThat(remote.provenance().toString()).doesNotContain("s3cret-key-123");
                assertThat(remote.describe()).doesNotContain("s3cret-key-123");
            }
        }
    }

    @Test
    void cancellingStopsAfterTheBatchesThatFinishedWereDelivered() {
        try (VllmServer server = vllm(); RemoteScorer remote = connect(server)) {
            server.latency(100);
            CancellationToken cancel = new CancellationToken();
            AtomicInteger delivered = new AtomicInteger();
            assertThatThrownBy(() -> remote.score(QUERY, INSTRUCTION, docs, (b, d, t) -> {
                delivered.addAndGet(b.size());
                cancel.cancel();
            }, cancel)).isInstanceOf(CancelledException.class);
            assertThat(delivered.get()).isBetween(2, docs.size() - 1);
        }
    }

    @Test
    void plainHttpToAnotherHostIsWarnedAboutOnce() {
        List<String> notes = new ArrayList<>();
        ServerOptions remoteHost = ServerOptions.of(List.of(ServerOptions.parseUrl("gpu-box.invalid:8000")))
                .withApiKey("k").withTimeout(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL, remoteHost,
                notes::add)).isInstanceOf(UserException.class).hasMessageStartingWith("http://gpu-box.invalid:8000: ");
        assertThat(notes).containsExactly("http://gpu-box.invalid:8000: plain http to another machine; prompts and the"
                + " API key cross the network unencrypted (use https:// where you can)");
        assertThat(Map.of("u", ServerOptions.parseUrl("http://127.0.0.1:8000/v1/"))).containsEntry("u",
                java.net.URI.create("http://127.0.0.1:8000"));
        assertThatThrownBy(() -> ServerOptions.parseUrl("http://user:pw@host:8000")).isInstanceOf(UserException.class)
                .hasMessage("a server URL must not hold credentials; pass the key with --api-key-env NAME");
    }
}
