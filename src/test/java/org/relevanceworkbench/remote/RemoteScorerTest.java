package org.relevanceworkbench.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.SpecialTokenMode;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;

/**
 * Every route gives the local decoder's p(true), to 1e-6, from the same token ids: the golden prompts (the model
 * card's James Cameron pairs, unicode, whitespace, a title, a long document) over vLLM's classify route (raw and
 * activated), SGLang's score route, llama.cpp's completions and vLLM's generative completions, each server backed by
 * the decoder on the golden random checkpoint and each client holding only a tokenizer folder.
 */
class RemoteScorerTest {
    @TempDir
    static Path dir;
    static FollowIrScorer local;
    static Path tokenizer;
    static List<Golden.Prompt> golden;
    static int trueId;
    static int falseId;

    @BeforeAll
    static void load() throws Exception {
        local = Golden.localScorer();
        tokenizer = Golden.tokenizerOnly(dir);
        golden = Golden.prompts();
        trueId = local.tokenizer().trueId();
        falseId = local.tokenizer().falseId();
    }

    @AfterAll
    static void close() {
        local.close();
    }

    static RemoteScorer connect(ProtocolServer server, Function<ServerOptions, ServerOptions> options,
            List<String> notes) {
        return RemoteScorer.connect(tokenizer, 2048, SpecialTokenMode.CONTROL,
                options.apply(ServerOptions.of(List.of(server.url()))), notes::add);
    }

    private static DocumentScore scoreOne(RemoteScorer remote, Golden.Prompt p) {
        return remote.score(p.query(), p.instruction(), List.of(new Candidate(p.id(), null, p.text())),
                ScoreListener.NONE, new CancellationToken()).get(0);
    }

    private static DocumentScore localOne(Golden.Prompt p) {
        return local.score(p.query(), p.instruction(), List.of(new Candidate(p.id(), null, p.text())),
                ScoreListener.NONE, new CancellationToken()).get(0);
    }

    /** Scores every golden prompt remotely; checks p, the log-odds and the ids the server saw. */
    private static void matchesLocal(ProtocolServer server, RemoteScorer remote) {
        server.requests.clear();
        for (Golden.Prompt p : golden) {
            DocumentScore want = localOne(p);
            DocumentScore got = scoreOne(remote, p);
            assertThat(got.id()).isEqualTo(p.id());
            assertThat(got.approximate()).as(p.id()).isFalse();
            assertThat(got.pTrue()).as(p.id()).isCloseTo(want.pTrue(), within(1e-6));
            assertThat(got.logitDiff()).as(p.id()).isCloseTo(want.logitTrue() - want.logitFalse(), within(1e-5));
            assertThat(got.nTokens()).isEqualTo(p.ids().length);
            assertThat(got.truncated()).isFalse();
        }
        List<int[]> seen = server.promptsReceived();
        assertThat(seen).hasSize(golden.size());
        for (int i = 0; i < golden.size(); i++) {
            assertThat(seen.get(i)).as("ids of " + golden.get(i).id()).containsExactly(golden.get(i).ids());
        }
    }

    @Test
    void vllmsClassifyRouteGivesTheLocalScoresFromTheSameIds() {
        try (VllmServer server = new VllmServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", true, trueId, falseId);
                RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
            assertThat(remote.servers().get(0).route()).isEqualTo("vllm-classify");
            assertThat(remote.servers().get(0).engine()).isEqualTo("vLLM");
            assertThat(remote.servers().get(0).version()).isEqualTo("0.11.0");
            assertThat(remote.servers().get(0).maxModelLen()).isEqualTo(4096);
            matchesLocal(server, remote);
            assertThat(server.requests).allSatisfy(r -> assertThat(r.body().get("use_activation").asBoolean())
                    .as("raw log-odds asked for").isFalse());
            DocumentScore s = scoreOne(remote, golden.get(0));
            assertThat(s.logitTrue()).as("the pooling route does not give the logits themselves").isNaN();
            assertThat(s.logitFalse()).isNaN();
            assertThat(remote.describe()).isEqualTo("vLLM 0.11.0 · jhu-clsp/FollowIR-7B · 1 server");
            Provenance p = remote.provenance();
            assertThat(p.backend()).isEqualTo(Provenance.Backend.SERVER);
            assertThat(p.backendKey()).isEqualTo("server/vllm-classify");
            assertThat(p.server().urls()).containsExactly(server.url().toString());
            assertThat(p.server().modelId()).isEqualTo("jhu-clsp/FollowIR-7B");
            assertThat(p.fingerprint()).startsWith("server:").isNotEqualTo(local.provenance().fingerprint());
            assertThat(p.dtype()).isEqualTo("server-default");
        }
    }

    @Test
    void aVllmThatIgnoresUseActivationIsReadAsProbabilities() {
        try (VllmServer server = new VllmServer(Golden.backend(local), "followir", true, trueId, falseId)) {
            server.ignoresUseActivation = true;
            try (RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
                matchesLocal(server, remote);
            }
        }
    }

    @Test
    void sglangsScoreRouteSendsTheSharedPrefixOnceAndGivesTheLocalScores() {
        try (SglangServer server = new SglangServer(Golden.backend(local), "jhu-clsp/FollowIR-7B", trueId, falseId);
                RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
            assertThat(remote.servers().get(0).route()).isEqualTo("sglang-score");
            assertThat(remote.servers().get(0).dtype()).isEqualTo("bfloat16");
            assertThat(remote.provenance().dtype()).isEqualTo("bfloat16");
            matchesLocal(server, remote);
            server.requests.clear();
            Golden.Prompt p = golden.get(0);
            List<Candidate> docs = List.of(new Candidate("a", null, "Avatar is a film by James Cameron."),
                    new Candidate("b", "Titanic", "A 1997 film."), new Candidate("c", null, p.text()));
            List<DocumentScore> got = remote.score(p.query(), p.instruction(), docs, ScoreListener.NONE,
                    new CancellationToken());
            List<DocumentScore> want = local.score(p.query(), p.instruction(), docs, ScoreListener.NONE,
                    new CancellationToken());
            for (int i = 0; i < docs.size(); i++) {
                assertThat(got.get(i).pTrue()).isCloseTo(want.get(i).pTrue(), within(1e-6));
            }
            assertThat(server.requests).hasSize(1);
            var body = server.requests.get(0).body();
            assertThat(body.get("query").size()).as("the template head and the query, once")
                    .isGreaterThan(40);
            assertThat(body.get("items")).hasSize(3);
            assertThat(body.get("label_token_ids").get(0).asInt()).isEqualTo(trueId);
            assertThat(body.get("label_token_ids").get(1).asInt()).isEqualTo(falseId);
        }
    }

    @Test
    void llamaCppCompletionsGiveExactScoresWhenBothTokensAreInTheTopK() {
        try (LlamaCppServer server = new LlamaCppServer(Golden.backend(local), "followir-7b.Q8_0.gguf", trueId,
                falseId); RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
            assertThat(remote.servers().get(0).engine()).isEqualTo("llama.cpp");
            assertThat(remote.servers().get(0).version()).isEqualTo("b6700-abcdef0");
            assertThat(remote.servers().get(0).maxModelLen()).as("the slot's context, not n_ctx_train").isEqualTo(4096);
            assertThat(remote.describe()).endsWith("· logprobs");
            matchesLocal(server, remote);
            assertThat(server.requests).allSatisfy(r -> {
                assertThat(r.body().get("max_tokens").asInt()).isEqualTo(1);
                assertThat(r.body().get("temperature").asInt()).isZero();
                assertThat(r.body().get("logprobs").asInt()).isEqualTo(20);
            });
        }
    }

    @Test
    void aGenerativeVllmFallsBackToCompletionsWithANoteAndTheLargestAllowedTopK() {
        try (VllmServer server = new VllmServer(Golden.backend(local), "followir", false, trueId, falseId)) {
            server.maxLogprobs = 5;
            List<String> notes = new ArrayList<>();
            try (RemoteScorer remote = connect(server, o -> o, notes)) {
                assertThat(remote.servers().get(0).route()).isEqualTo("openai-completions");
                assertThat(notes).anySatisfy(n -> assertThat(n).contains("generative").contains("top 5")
                        .contains("--runner pooling"));
                matchesLocal(server, remote);
                assertThat(server.requests).allSatisfy(r -> {
                    assertThat(r.body().get("logprobs").asInt()).isEqualTo(5);
                    assertThat(r.body().get("return_tokens_as_token_ids").asBoolean()).isTrue();
                });
            }
        }
    }

    @Test
    void aTopKWithoutOneOfTheTokensGivesTheBoundItImpliesMarkedApproximate() {
        try (LlamaCppServer server = new LlamaCppServer(Golden.backend(local), "followir", trueId, falseId)) {
            Map<Integer, Double> crowd = new HashMap<>();
            for (int id = 100; id < 125; id++) {
                crowd.put(id, 30.0 + id / 100.0); // 25 tokens far above both labels: neither is in the top 20
            }
            server.otherTokens = crowd;
            try (RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
                assertThat(remote.servers().get(0).exact()).isFalse();
                DocumentScore s = scoreOne(remote, golden.get(0));
                assertThat(s.approximate()).isTrue();
                assertThat(s.bounds().low()).isZero();
                assertThat(s.bounds().high()).isEqualTo(1.0);
                assertThat(s.logitDiff()).isNaN();
            }
            Map<Integer, Double> some = new HashMap<>();
            DocumentScore want = localOne(golden.get(0));
            double lower = Math.min(want.logitTrue(), want.logitFalse());
            double upper = Math.max(want.logitTrue(), want.logitFalse());
            for (int id = 100; id < 119; id++) {
                some.put(id, (lower + upper) / 2 + id / 1000.0); // 19 tokens between the two: only the higher is listed
            }
            server.otherTokens = some;
            try (RemoteScorer remote = connect(server, o -> o, new ArrayList<>())) {
                DocumentScore s = scoreOne(remote, golden.get(0));
                assertThat(s.approximate()).isTrue();
                assertThat(want.pTrue()).isBetween(s.bounds().low(), s.bounds().high());
                boolean trueListed = want.logitTrue() > want.logitFalse();
                assertThat(s.pTrue()).isEqualTo(trueListed ? s.bounds().low() : s.bounds().high());
                assertThat(trueListed ? s.bounds().high() : s.bounds().low()).isEqualTo(trueListed ? 1.0 : 0.0);
            }
        }
    }

    @Test
    void aLongDocumentIsCutOnTheClientExactlyAsLocallyAndTheServerGetsThoseIds() {
        Golden.Prompt longest = golden.stream().filter(p -> p.id().equals("long")).findFirst().orElseThrow();
        try (VllmServer server = new VllmServer(Golden.backend(local), "followir", true, trueId, falseId);
                RemoteScorer remote = RemoteScorer.connect(tokenizer, 300, SpecialTokenMode.CONTROL,
                        ServerOptions.of(List.of(server.url())), n -> { })) {
            server.requests.clear();
            DocumentScore got = scoreOne(remote, longest);
            int[] expected = local.tokenizer().encode(longest.query(), longest.instruction(), null, longest.text(), 300,
                    SpecialTokenMode.CONTROL).ids();
            assertThat(got.truncated()).isTrue();
            assertThat(got.nTokens()).isEqualTo(expected.length).isLessThanOrEqualTo(300);
            assertThat(server.promptsReceived().get(0)).containsExactly(expected);
        }
    }
}
