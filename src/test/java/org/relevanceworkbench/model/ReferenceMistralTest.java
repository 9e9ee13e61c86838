package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceMistralTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRUE_ID = 3307;
    private static final int FALSE_ID = 3952;

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ReferenceMistralTest.class.getResource(name).toURI());
    }

    // ---- golden values from an independent float64 implementation --------------------------

    @Test
    void reproducesTheGoldenScoresOfTheTinyBf16Checkpoint() throws Exception {
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(resource("/followir-golden/expected.jsonl"))) {
            if (!line.isBlank()) {
                expected.add(JSON.readTree(line));
            }
        }
        assertThat(expected).hasSize(8);
        try (Checkpoint checkpoint = Checkpoint.open(resource("/followir-golden/tiny-bf16"))) {
            assertThat(checkpoint.tensor(MistralTensorNames.EMBED_TOKENS).type()).isEqualTo(TensorType.BF16);
            ReferenceMistral model = new ReferenceMistral(checkpoint);
            double maxDeltaP = 0;
            for (JsonNode row : expected) {
                int[] ids = JSON.treeToValue(row.get("ids"), int[].class);
                assertThat(ids).as(row.get("id").asText()).hasSize(row.get("n_tokens").asInt());
                ReferenceMistral.Logits logits = model.forward(ids);
                String id = row.get("id").asText();
                assertThat(logits.logit(TRUE_ID)).as(id + " logit_true")
                        .isCloseTo(row.get("logit_true").asDouble(), within(1e-5));
                assertThat(logits.logit(FALSE_ID)).as(id + " logit_false")
                        .isCloseTo(row.get("logit_false").asDouble(), within(1e-5));
                assertThat(logits.pTrue(TRUE_ID, FALSE_ID)).as(id + " p_true")
                        .isCloseTo(row.get("p_true").asDouble(), within(1e-6));
                maxDeltaP = Math.max(maxDeltaP, Math.abs(logits.pTrue(TRUE_ID, FALSE_ID) - row.get("p_true").asDouble()));
            }
            // Both sides are float64 with HF's float32 RoPE tables, so they agree far closer than the
            // tolerances above (≈1e-15); RoPE in exact arithmetic instead would differ by up to 7.7e-7.
            assertThat(maxDeltaP).as("max |Δp_true|").isLessThan(1e-9);
        }
    }

    @Test
    void theTrueAndFalseIdsAreThoseOfTheTokenizerVocabulary() throws Exception {
        // The scorer reads the logits of the vocabulary entries "true"/"false" (no leading ▁).
        JsonNode vocab = JSON.readTree(resource("/followir-golden/tiny-bf16/tokenizer.json").toFile())
                .path("model").path("vocab");
        assertThat(vocab.get("true").asInt()).isEqualTo(TRUE_ID);
        assertThat(vocab.get("false").asInt()).isEqualTo(FALSE_ID);
    }

    // ---- properties on random checkpoints ------------------------------------------------------

    private ReferenceMistral randomModel(String name, MistralConfig config, TensorType type) {
        return open(RandomCheckpoint.of(config).dtype(type).write(dir.resolve(name)));
    }

    /** The model maps every weight up front, and mappings outlive the checkpoint's file channels. */
    private static ReferenceMistral open(Path folder) {
        try (Checkpoint checkpoint = Checkpoint.open(folder)) {
            return new ReferenceMistral(checkpoint);
        }
    }

    @Test
    void randomCheckpointsScoreDifferentInputsClearlyDifferently() {
        // Otherwise a random checkpoint could not tell a correct implementation from a broken one.
        ReferenceMistral model = randomModel("m", RandomCheckpoint.tinyConfig(), TensorType.BF16);
        int[][] inputs = {
            {1, 1, 28705, 733, 16289, 28793, 28705},
            {1, 1, 28705, 733, 16289, 28793, 995, 460, 396, 28705},
            {1, 1, 3294, 28747, 1824, 10615, 654, 4241, 28705},
            {1, 1, 7364, 28747, 6505, 9517, 28747, 415, 28705},
            {1, 1, 28705, 733, 28748, 16289, 28793, 28705},
            {1, 1, 5041, 3825, 624, 1707, 3307, 3952, 28705},
        };
        double[] p = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            p[i] = model.forward(inputs[i]).pTrue(TRUE_ID, FALSE_ID);
        }
        // All end with the same token (as every FollowIR prompt does), so the spread comes from context.
        double min = Arrays.stream(p).min().orElseThrow();
        double max = Arrays.stream(p).max().orElseThrow();
        assertThat(max - min).as(Arrays.toString(p)).isGreaterThan(0.2);
    }

    @Test
    void aPositionsLogitsDependOnlyOnTheTokensUpToIt() {
        ReferenceMistral model = randomModel("m", RandomCheckpoint.tinyConfig(), TensorType.F32);
        int[] sequence = {1, 1, 28705, 733, 16289, 28793, 995, 460, 396, 28705};
        ReferenceMistral.Logits whole = model.forward(sequence);
        for (int k = 1; k <= sequence.length; k++) {
            // Later tokens never leak into earlier positions (causal mask)...
            double[] prefixLast = model.forward(Arrays.copyOf(sequence, k)).last();
            assertThat(prefixLast).as("prefix of %d", k).containsExactly(whole.at(k - 1), within(1e-12));
        }
        // ...and nothing is carried over from one call to the next (no cache, no state).
        double[] first = whole.last();
        model.forward(new int[] {1, 2, 3, 4, 5});
        assertThat(model.forward(sequence).last()).containsExactly(first);
        // The property is not vacuous: the last position does read earlier tokens.
        int[] changedEarly = sequence.clone();
        changedEarly[3] = 3307;
        assertThat(maxAbsDifference(model.forward(changedEarly).last(), first)).isGreaterThan(1e-3);
    }

    @Test
    void aSlidingWindowHidesKeysOlderThanTheWindow() {
        // One layer, window 2: the last position (4) sees keys 3 and 4 only (HF: kv > q − window).
        MistralConfig windowed = new MistralConfig(32, 48, 1, 4, 2, 8, 1e-5, 1e6, 32000, 2, false);
        ReferenceMistral model = randomModel("w", windowed, TensorType.F32);
        int[] base = {1, 995, 460, 396, 28705};
        double[] last = model.forward(base).last();
        assertThat(model.forward(new int[] {7364, 28747, 3294, 396, 28705}).last())
                .as("tokens 0..2 are outside the window").containsExactly(last);
        assertThat(maxAbsDifference(model.forward(new int[] {1, 995, 460, 3294, 28705}).last(), last))
                .as("token 3 is inside the window").isGreaterThan(1e-3);

        // Without a window the same change before the window does matter.
        MistralConfig full = new MistralConfig(32, 48, 1, 4, 2, 8, 1e-5, 1e6, 32000, null, false);
        ReferenceMistral unwindowed = randomModel("f", full, TensorType.F32);
        assertThat(maxAbsDifference(unwindowed.forward(base).last(),
                unwindowed.forward(new int[] {7364, 28747, 3294, 396, 28705}).last())).isGreaterThan(1e-3);
    }

    @Test
    void everyDtypeIsDecodedToTheValueItStores() throws IOException {
        // The same weights, rounded once to BF16 (or F16) and stored both in that dtype and as F32,
        // must give bit-identical logits: offsets and decoding agree for every dtype.
        MistralConfig config = new MistralConfig(32, 48, 1, 4, 2, 8, 1e-5, 1e6, 32000, null, false);
        int[] ids = {1, 1, 733, 16289, 28793, 28705};
        for (TensorType narrow : List.of(TensorType.BF16, TensorType.F16)) {
            UnaryOperator<Float> rounded = narrow == TensorType.BF16
                    ? v -> Float.intBitsToFloat((SafetensorsWriter.bf16Bits(v) & 0xFFFF) << 16)
                    : v -> (float) ReferenceMistral.halfToDouble(SafetensorsWriter.f16Bits(v));
            ReferenceMistral stored = randomModel(narrow + "-narrow", config, narrow);
            ReferenceMistral wide = open(RandomCheckpoint.of(config)
                    .dtype(TensorType.F32)
                    .edit(tensors -> tensors.replaceAll((name, t) -> roundedCopy(t, rounded)))
                    .write(dir.resolve(narrow + "-wide")));
            assertThat(stored.forward(ids).last()).as(narrow.name()).containsExactly(wide.forward(ids).last());
        }
    }

    private static SafetensorsWriter.Tensor roundedCopy(SafetensorsWriter.Tensor t, UnaryOperator<Float> round) {
        float[] values = t.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] = round.apply(values[i]);
        }
        return new SafetensorsWriter.Tensor(t.type(), t.shape(), values);
    }

    @Test
    void decodesKnownHalfAndBfloat16BitPatterns() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(2).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        Map<Integer, Double> bf16 = Map.of(0x3F80, 1.0, 0xC040, -3.0, 0x0001, Math.scalb(1.0, -133), 0x7F80,
                Double.POSITIVE_INFINITY);
        bf16.forEach((bits, value) -> assertThat(
                ReferenceMistral.decode(TensorType.BF16, b.putShort(0, bits.shortValue()), 0)).isEqualTo(value));
        Map<Integer, Double> f16 = Map.of(0x3C00, 1.0, 0x0001, Math.scalb(1.0, -24), 0x03FF, 1023 * Math.scalb(1.0, -24),
                0x7BFF, 65504.0, 0x8400, -Math.scalb(1.0, -14), 0x3555, 0.333251953125, 0xFC00,
                Double.NEGATIVE_INFINITY);
        f16.forEach((bits, value) -> assertThat(
                ReferenceMistral.decode(TensorType.F16, b.putShort(0, bits.shortValue()), 0)).isEqualTo(value));
    }

    // ---- steps checked against values worked out by hand --------------------------------------

    @Test
    void rmsNormByHand() {
        // mean(x²) = (1 + 4 + 9 + 16) / 4 = 7.5; + eps 0.5 = 8; rsqrt(8) = 1/(2√2) = 0.35355339059327373
        double[] out = ReferenceMistral.rmsNorm(new double[] {1, 2, 3, 4}, new double[] {1, 0.5, 2, -1}, 0.5);
        assertThat(out).containsExactly(new double[] {
            0.35355339059327373,  // 1 · r · 1
            0.35355339059327373,  // 2 · r · 0.5
            2.1213203435596424,   // 3 · r · 2
            -1.414213562373095,   // 4 · r · −1
        }, within(1e-15));
    }

    @Test
    void ropeTablesByHand() {
        // D = 4, theta = 10000: inv_freq = [10000^0, 10000^(-2/4)] = [1, 0.01]; at position 1 the
        // angles are [1, 0.01] and the tables are cos/sin of cat(angles, angles) = [1, 0.01, 1, 0.01].
        ReferenceMistral.Rotary r = ReferenceMistral.rotaryEmbedding(1, 4, 10_000);
        double cos1 = 0.5403023058681398;
        double cos001 = 0.9999500004166653;
        double sin1 = 0.8414709848078965;
        double sin001 = 0.009999833334166664;
        assertThat(r.cos()).containsExactly(new double[] {cos1, cos001, cos1, cos001}, within(1e-7));
        assertThat(r.sin()).containsExactly(new double[] {sin1, sin001, sin1, sin001}, within(1e-7));
        // Hugging Face computes the tables in float32 even for a float64 model; so does the reference.
        for (double v : r.cos()) {
            assertThat((double) (float) v).isEqualTo(v);
        }
        // At position 0 every angle is 0: cos 1, sin 0, the identity.
        ReferenceMistral.Rotary zero = ReferenceMistral.rotaryEmbedding(0, 4, 10_000);
        assertThat(zero.cos()).containsOnly(1.0);
        assertThat(zero.sin()).containsOnly(0.0);
    }

    @Test
    void ropeTurnsDimensionIWithDimensionIPlusHalfByHand() {
        // With cos/sin tables for angles [1, 0.01] (as above), rotate_half pairs (x0, x2) with angle
        // 1 and (x1, x3) with angle 0.01 (the interleaved GPT-J convention would pair x0 with x1):
        //   x0' = x0 cos1 − x2 sin1,         x2' = x2 cos1 + x0 sin1
        //   x1' = x1 cos.01 − x3 sin.01,     x3' = x3 cos.01 + x1 sin.01
        // cos1 = 0.5403023058681398, sin1 = 0.8414709848078965,
        // cos.01 = 0.9999500004166653, sin.01 = 0.009999833334166664
        ReferenceMistral.Rotary r = new ReferenceMistral.Rotary(
                new double[] {0.5403023058681398, 0.9999500004166653, 0.5403023058681398, 0.9999500004166653},
                new double[] {0.8414709848078965, 0.009999833334166664, 0.8414709848078965, 0.009999833334166664});
        double[] out = ReferenceMistral.applyRotary(new double[] {1, 2, 3, 4}, r);
        assertThat(out).containsExactly(new double[] {
            -1.9841106485555495,  // 0.5403023 − 3 · 0.8414710
            1.959900667496664,    // 2 · 0.9999500 − 4 · 0.0099998
            2.4623779024123156,   // 3 · 0.5403023 + 0.8414710
            4.019799668334994,    // 4 · 0.9999500 + 2 · 0.0099998
        }, within(1e-14));
    }

    @Test
    void pTrueIsTheTwoWaySoftmaxAndNeverOverflows() {
        assertThat(ReferenceMistral.pTrue(0, 0)).isEqualTo(0.5);
        assertThat(ReferenceMistral.pTrue(Math.log(3), 0)).isCloseTo(0.75, within(1e-15)); // 3 / (3 + 1)
        assertThat(ReferenceMistral.pTrue(1000, -1000)).isEqualTo(1.0);
        assertThat(ReferenceMistral.pTrue(-1000, 1000)).isEqualTo(0.0);
        assertThat(ReferenceMistral.pTrue(-700, 0)).isPositive(); // e^-700 ≈ 1e-304, not 0 or NaN
    }

    /**
     * A one-layer model with H = 4, 2 query heads sharing 1 key/value head of D = 2, I = 1, vocab 4,
     * and weights chosen so that every step can be followed by hand:
     * embeddings A = [2,0,0,0], B = [0,2,0,0]; all norm weights 1; q head0 = (x0, x1), q head1 =
     * (x1, x0), k = v = (x0, x1); o_proj writes head0[0] to dim 2 and head1[0] to dim 3; gate reads
     * dim 0, up reads dim 2, down writes dim 1; lm_head = identity, so the logits are the final
     * normed hidden state.
     */
    private Checkpoint handModel() throws IOException {
        MistralConfig c = new MistralConfig(4, 1, 1, 2, 1, 2, 1e-6, 1e6, 4, null, false);
        Path folder = Files.createDirectories(dir.resolve("hand"));
        RandomCheckpoint.writeConfig(folder, c, true);
        float[] ones = {1, 1, 1, 1};
        float[] identity = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
        Map<String, SafetensorsWriter.Tensor> w = new java.util.LinkedHashMap<>();
        w.put("model.embed_tokens.weight", f32(new long[] {4, 4}, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2));
        w.put("model.layers.0.input_layernorm.weight", f32(new long[] {4}, ones));
        w.put("model.layers.0.self_attn.q_proj.weight", f32(new long[] {4, 4}, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0));
        w.put("model.layers.0.self_attn.k_proj.weight", f32(new long[] {2, 4}, 1, 0, 0, 0, 0, 1, 0, 0));
        w.put("model.layers.0.self_attn.v_proj.weight", f32(new long[] {2, 4}, 1, 0, 0, 0, 0, 1, 0, 0));
        w.put("model.layers.0.self_attn.o_proj.weight", f32(new long[] {4, 4}, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0));
        w.put("model.layers.0.post_attention_layernorm.weight", f32(new long[] {4}, ones));
        w.put("model.layers.0.mlp.gate_proj.weight", f32(new long[] {1, 4}, 1, 0, 0, 0));
        w.put("model.layers.0.mlp.up_proj.weight", f32(new long[] {1, 4}, 0, 0, 1, 0));
        w.put("model.layers.0.mlp.down_proj.weight", f32(new long[] {4, 1}, 0, 1, 0, 0));
        w.put("model.norm.weight", f32(new long[] {4}, ones));
        w.put("lm_head.weight", f32(new long[] {4, 4}, identity));
        SafetensorsWriter.writeWeights(folder, w, 1);
        return Checkpoint.open(folder);
    }

    private static SafetensorsWriter.Tensor f32(long[] shape, float... values) {
        return new SafetensorsWriter.Tensor(TensorType.F32, shape, values);
    }

    private static double[] normalized(double[] r, double eps) {
        double meanSquare = Arrays.stream(r).map(v -> v * v).sum() / r.length;
        return Arrays.stream(r).map(v -> v / Math.sqrt(meanSquare + eps)).toArray();
    }

    @Test
    void oneTokenThroughAttentionAndTheMlpByHand() throws IOException {
        double eps = 1e-6;
        // input norm of A: mean(A²) = 1, so n = A·s with s = 1/√(1 + eps).
        double s = 1 / Math.sqrt(1 + eps);
        // A single key gets all the attention; both query heads read kv head 0: v = (2s, 0).
        // o_proj puts head0[0] = 2s into dim 2 and head1[0] = 2s into dim 3: r = [2, 0, 2s, 2s].
        // post-attention norm: mean(r²) = (4 + 8s²)/4, u = 1/√(1 + 2s² + eps); m = r·u.
        double u = 1 / Math.sqrt(1 + 2 * s * s + eps);
        // gate = m0 = 2u, up = m2 = 2su; down adds silu(2u) · 2su to dim 1.
        double silu = 2 * u / (1 + Math.exp(-2 * u));
        double[] residual = {2, silu * 2 * s * u, 2 * s, 2 * s};
        try (Checkpoint checkpoint = handModel()) {
            double[] logits = new ReferenceMistral(checkpoint).forward(new int[] {0}).last();
            assertThat(logits).containsExactly(normalized(residual, eps), within(1e-12));
        }
    }

    @Test
    void twoTokensWhereRopeDecidesTheAttentionByHand() throws IOException {
        double eps = 1e-6;
        double s = 1 / Math.sqrt(1 + eps);
        // (HF's RoPE tables hold cos and sin rounded to float32.)
        double cos1 = (float) Math.cos(1);
        double sin1 = (float) Math.sin(1);
        // Position 1 holds B: n = (0, 2s, 0, 0). With D = 2, inv_freq = [1], so RoPE turns q and k at
        // position 1 by +1 radian: (a, b) → (a cos1 − b sin1, b cos1 + a sin1); position 0 is unturned.
        //   k0 = (2s, 0), v0 = (2s, 0);  k1 = (0, 2s) → (−2s sin1, 2s cos1), v1 = (0, 2s) (v never turns)
        //   head 0: q = (0, 2s) → (−2s sin1, 2s cos1): q·k0 = −4s² sin1, q·k1 = 4s²(sin1² + cos1²)
        //   head 1: q = (2s, 0) → (2s cos1, 2s sin1):  q·k0 = 4s² cos1,  q·k1 = 0
        // Scores are scaled by 1/√D = 1/√2; softmax over keys 0, 1; out = p0·v0 + p1·v1, whose first
        // component is 2s·p0.
        double scale = 1 / Math.sqrt(2);
        double p0Head0 = 1 / (1 + Math.exp((4 * s * s * (sin1 * sin1 + cos1 * cos1) - (-4 * s * s * sin1)) * scale));
        double p0Head1 = 1 / (1 + Math.exp((0 - 4 * s * s * cos1) * scale));
        // Residual at position 1: B + o_proj = [0, 2, 2s·p0(head0), 2s·p0(head1)]; the MLP's gate reads
        // dim 0 of its normed input, which is 0, and silu(0) = 0, so the MLP adds nothing.
        double[] residual = {0, 2, 2 * s * p0Head0, 2 * s * p0Head1};
        try (Checkpoint checkpoint = handModel()) {
            ReferenceMistral.Logits logits = new ReferenceMistral(checkpoint).forward(new int[] {0, 1});
            assertThat(logits.last()).containsExactly(normalized(residual, eps), within(1e-12));
            // Sanity of the setup: head 0 attends mostly to itself, head 1 mostly to position 0.
            assertThat(p0Head0).isLessThan(0.05);
            assertThat(p0Head1).isGreaterThan(0.5);
        }
    }

    private static double maxAbsDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
