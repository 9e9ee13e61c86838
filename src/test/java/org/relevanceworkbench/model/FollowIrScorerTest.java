package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Provenance;

/** The scorer's public API on the golden tiny checkpoint: exact scores, order, batches, cancel. */
class FollowIrScorerTest {
    static Path golden;
    static FollowIrScorer scorer;
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void load() throws Exception {
        golden = Path.of(FollowIrScorerTest.class.getResource("/followir-golden").toURI());
        scorer = FollowIrScorer.load(golden.resolve("tiny-bf16"), ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU),
                FollowIrScorer.LoadListener.NONE);
    }

    @AfterAll
    static void close() {
        scorer.close();
    }

    private static List<JsonNode> lines(String file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(golden.resolve(file))) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    @Test
    void reproducesTheGoldenScoresOfAnIndependentImplementation() throws Exception {
        List<JsonNode> prompts = lines("prompts.jsonl");
        List<JsonNode> expected = lines("expected.jsonl");
        double worst = 0;
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode p = prompts.get(i);
            JsonNode e = expected.get(i);
            DocumentScore s = scorer.score(p.get("query").asText(), p.path("instruction").asText(""),
                    List.of(new Candidate(p.get("id").asText(), null, p.get("text").asText())), ScoreListener.NONE,
                    new CancellationToken()).get(0);
            assertThat(s.nTokens()).as(s.id()).isEqualTo(e.get("n_tokens").asInt());
            assertThat(s.pTrue()).as(s.id()).isCloseTo(e.get("p_true").asDouble(), Offset.offset(1e-4));
            assertThat(s.logitTrue()).as(s.id()).isCloseTo(e.get("logit_true").asDouble(), Offset.offset(1e-3));
            assertThat(s.logitFalse()).as(s.id()).isCloseTo(e.get("logit_false").asDouble(), Offset.offset(1e-3));
            assertThat(s.truncated()).isFalse();
            worst = Math.max(worst, Math.abs(s.pTrue() - e.get("p_true").asDouble()));
        }
        assertThat(worst).as("fp32 lands far inside the 1e-4 budget").isLessThan(1e-5);
    }

    @Test
    void manyDocumentsInSmallBatchesScoreAsEachAloneAndComeBackInInputOrder() {
        String query = "What movies were written by James Cameron?";
        String instruction = "A relevant document would describe a movie that was written by James Cameron only";
        List<Candidate> docs = List.of(
                new Candidate("long", "Avatar", "Avatar is a 2009 film written and directed by James Cameron. ".repeat(12)),
                new Candidate("empty", null, ""),
                new Candidate("short", null, "Jaws."),
                new Candidate("titled", "Titanic", "Written and directed by James Cameron."),
                new Candidate("short-again", null, "Jaws."));
        List<Integer> batchSizes = new ArrayList<>();
        List<Integer> done = new ArrayList<>();
        try (FollowIrScorer small = FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withBatch(80, 2), FollowIrScorer.LoadListener.NONE)) {
            List<DocumentScore> batched = small.score(query, instruction, docs, (batch, d, total) -> {
                batchSizes.add(batch.size());
                done.add(d);
                assertThat(total).isEqualTo(5);
            }, new CancellationToken());
            assertThat(batched).extracting(DocumentScore::id).containsExactly("long", "empty", "short", "titled",
                    "short-again");
            assertThat(batchSizes).allMatch(n -> n <= 2).hasSizeGreaterThanOrEqualTo(3);
            assertThat(done).isSorted().last().isEqualTo(5);
            for (int i = 0; i < docs.size(); i++) {
                DocumentScore alone = scorer.score(query, instruction, List.of(docs.get(i)), ScoreListener.NONE,
                        new CancellationToken()).get(0);
                assertThat(batched.get(i).pTrue()).isCloseTo(alone.pTrue(), Offset.offset(1e-5));
                assertThat(batched.get(i).nTokens()).isEqualTo(alone.nTokens());
            }
            assertThat(batched.get(2).pTrue()).isCloseTo(batched.get(4).pTrue(), Offset.offset(1e-6));
        }
    }

    @Test
    void withoutThePrefixCacheTheScoresAreTheSame() {
        String query = "What movies were written by James Cameron?";
        String instruction = "A relevant document would describe a movie that was written by James Cameron only";
        List<Candidate> docs = List.of(new Candidate("a", "Avatar", "Written and directed by James Cameron."),
                new Candidate("b", null, "Jaws."), new Candidate("c", null, "Titanic (1997) is a film."));
        List<DocumentScore> cached = scorer.score(query, instruction, docs, ScoreListener.NONE, new CancellationToken());
        scorer.usePrefixCache(false);
        try {
            List<DocumentScore> plain = scorer.score(query, instruction, docs, ScoreListener.NONE,
                    new CancellationToken());
            for (int i = 0; i < docs.size(); i++) {
                assertThat(plain.get(i).id()).isEqualTo(cached.get(i).id());
                assertThat(plain.get(i).pTrue()).isCloseTo(cached.get(i).pTrue(), Offset.offset(1e-5));
                assertThat(plain.get(i).nTokens()).isEqualTo(cached.get(i).nTokens());
            }
        } finally {
            scorer.usePrefixCache(true);
        }
    }

    @Test
    void aLongDocumentIsCutToTheMaximumLengthAndSaysSo() {
        try (FollowIrScorer short128 = FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withMaxLength(128),
                FollowIrScorer.LoadListener.NONE)) {
            DocumentScore s = short128.score("q", "", List.of(new Candidate("d", null, "word ".repeat(500))),
                    ScoreListener.NONE, new CancellationToken()).get(0);
            assertThat(s.truncated()).isTrue();
            assertThat(s.nTokens()).isEqualTo(128);
            assertThat(short128.provenance().maxLength()).isEqualTo(128);
        }
    }

    @Test
    void cancellingStopsBetweenBatchesAfterStreamingWhatIsDone() {
        List<Candidate> docs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            docs.add(new Candidate("d" + i, null, "document number " + i));
        }
        CancellationToken cancel = new CancellationToken();
        List<DocumentScore> streamed = new ArrayList<>();
        try (FollowIrScorer oneAtATime = FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withBatch(0, 1), FollowIrScorer.LoadListener.NONE)) {
            assertThatThrownBy(() -> oneAtATime.score("q", "i", docs, (batch, done, total) -> {
                streamed.addAll(batch);
                if (done == 2) {
                    cancel.cancel();
                }
            }, cancel)).isInstanceOf(CancelledException.class);
        }
        assertThat(streamed).hasSize(2);
    }

    @Test
    void runningOutOfMemoryHalvesTheBatchAndLosesNothing() {
        List<Candidate> docs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            docs.add(new Candidate("d" + i, null, "document number " + i + " about films"));
        }
        List<Integer> attempted = new ArrayList<>();
        try (FollowIrScorer tight = FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withBatch(4096, 0),
                FollowIrScorer.LoadListener.NONE)) {
            tight.wrapRunner(real -> (prefix, batch) -> {
                attempted.add(batch.length);
                if (batch.length > 2) {
                    throw new ai.djl.engine.EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
                }
                return real.run(prefix, batch);
            });
            List<DocumentScore> scores = tight.score("films", "", docs, ScoreListener.NONE, new CancellationToken());
            assertThat(scores).extracting(DocumentScore::id).containsExactly("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7");
            assertThat(attempted.get(0)).isEqualTo(8);
            assertThat(attempted).contains(2).allMatch(n -> n <= 8);
            assertThat(tight.batchTokens()).isLessThan(4096);
            DocumentScore alone = scorer.score("films", "", List.of(docs.get(5)), ScoreListener.NONE,
                    new CancellationToken()).get(0);
            assertThat(scores.get(5).pTrue()).isCloseTo(alone.pTrue(), Offset.offset(1e-5));
        }
    }

    @Test
    void anErrorThatIsNotOutOfMemoryIsNotRetried() {
        try (FollowIrScorer failing = FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU), FollowIrScorer.LoadListener.NONE)) {
            failing.wrapRunner(real -> (prefix, batch) -> {
                throw new ai.djl.engine.EngineException("shape mismatch");
            });
            assertThatThrownBy(() -> failing.score("q", "", List.of(new Candidate("d", null, "t")), ScoreListener.NONE,
                    new CancellationToken())).isInstanceOf(ai.djl.engine.EngineException.class).hasMessage("shape mismatch");
        }
    }

    @Test
    void provenanceNamesWeightsTemplatePrecisionAndMode() {
        Provenance p = scorer.provenance();
        assertThat(p.model()).isEqualTo("tiny-bf16");
        assertThat(p.fingerprint()).startsWith("sha256:").hasSize(7 + 64);
        assertThat(p.templateHash()).isEqualTo(FollowIrPrompt.templateHash());
        assertThat(p.dtype()).isEqualTo("fp32");
        assertThat(p.maxLength()).isEqualTo(2048);
        assertThat(p.specialTokens()).isEqualTo("control");
        assertThat(scorer.score("q", null, List.of(), ScoreListener.NONE, new CancellationToken())).isEmpty();
    }

    @Test
    void askingForCudaWithoutAGpuIsAClearError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0);
        assertThatThrownBy(() -> FollowIrScorer.load(golden.resolve("tiny-bf16"),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CUDA), FollowIrScorer.LoadListener.NONE))
                .isInstanceOf(ModelException.class).hasMessageContaining("PyTorch sees no CUDA GPU");
    }

    @Test
    void pTrueIsStableForExtremeLogits() {
        assertThat(DocumentScore.pTrue(0, 0)).isEqualTo(0.5);
        assertThat(DocumentScore.pTrue(1000, -1000)).isEqualTo(1.0);
        assertThat(DocumentScore.pTrue(-1000, 1000)).isEqualTo(0.0);
        assertThat(DocumentScore.pTrue(2, 1)).isCloseTo(1 / (1 + Math.exp(-1)), Offset.offset(1e-15));
    }

    @Test
    void aHubCacheSnapshotIsNamedByItsRepositoryAndCommit() {
        assertThat(FollowIrScorer.displayName(Path.of("/home/u/.cache/huggingface/hub/models--jhu-clsp--FollowIR-7B",
                "snapshots", "7b4a2c1d9e0f11223344556677889900aabbccdd"))).isEqualTo("jhu-clsp/FollowIR-7B@7b4a2c1");
        assertThat(FollowIrScorer.displayName(Path.of("/models/FollowIR-7B"))).isEqualTo("FollowIR-7B");
        assertThat(FollowIrScorer.displayName(Path.of("/data/snapshots/abc"))).isEqualTo("abc");
    }
}
