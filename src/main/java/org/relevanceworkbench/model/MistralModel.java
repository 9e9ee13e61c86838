package org.relevanceworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Mistral decoder (Hugging Face's MistralForCausalLM) over DJL NDArrays, for scoring: it
 * returns the logits of a few vocabulary rows at the last position of each sequence.
 *
 * <p>Shapes: B batch, L new tokens, P cached prefix tokens, H hidden size, D head dim, Hq query
 * heads, Hkv key/value heads, G = Hq / Hkv query heads per key/value head, I intermediate size,
 * R logit rows read.
 *
 * <p>Two ways in: {@link #prefill} runs the prompt prefix that every document of a query shares
 * and keeps its keys and values; {@link #headLogits} runs a batch of right-padded continuations
 * after that prefix. Right padding needs no padding mask: under the causal mask a real token never
 * sees the padding that follows it, and each row's logits are read at its own last real token.
 * Every array a call creates is freed when the call returns (an {@link NDScope} per call).
 */
public final class MistralModel implements AutoCloseable {
    private final MistralConfig config;
    private final ComputePlan plan;
    private final MistralWeights weights;
    private final NDManager manager;
    private final Rotary rotary;

    public MistralModel(MistralConfig config, ComputePlan plan, MistralWeights weights, NDManager parent) {
        this.config = config;
        this.plan = plan;
        this.weights = weights;
        this.manager = parent.newSubManager(plan.device());
        this.rotary = new Rotary(config, plan, manager);
    }

    public MistralConfig config() {
        return config;
    }

    public ComputePlan plan() {
        return plan;
    }

    /** Keys and values of a shared prefix, per layer, after RoPE: each (1, Hkv, P, D). */
    public static final class PrefixCache implements AutoCloseable {
        private final NDManager manager;
        private final List<NDArray> keys;
        private final List<NDArray> values;
        private final int length;

        private PrefixCache(NDManager manager, List<NDArray> keys, List<NDArray> values, int length) {
            this.manager = manager;
            this.keys = keys;
            this.values = values;
            this.length = length;
        }

        /** P, the number of prefix tokens. */
        public int length() {
            return length;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** Runs {@code ids} as one sequence from position 0 and keeps its keys and values. */
    public PrefixCache prefill(int[] ids) {
        checkWindow(ids.length);
        NDManager cacheManager = manager.newSubManager();
        try (NDScope scope = new NDScope()) {
            List<NDArray> kept = new ArrayList<>();
            NDArray tokens = cacheManager.create(toLongs(ids), new Shape(1, ids.length)); // (1, P)
            forward(tokens, null, kept); // (1, P, H), only its keys and values are kept
            List<NDArray> keys = new ArrayList<>();
            List<NDArray> values = new ArrayList<>();
            for (int i = 0; i < kept.size(); i += 2) {
                keys.add(keep(kept.get(i), cacheManager));
                values.add(keep(kept.get(i + 1), cacheManager));
            }
            return new PrefixCache(cacheManager, keys, values, ids.length);
        } catch (RuntimeException e) {
            cacheManager.close();
            throw e;
        }
    }

    private static NDArray keep(NDArray array, NDManager owner) {
        NDScope.unregister(array);
        array.attach(owner);
        return array;
    }

    /**
     * The logits of the weights' head rows at the last token of each continuation, as if each
     * continuation followed {@code prefix} (null: no prefix). Returns [B][R] in fp32.
     */
    public float[][] headLogits(PrefixCache prefix, int[][] continuations) {
        int batch = continuations.length;
        int longest = Arrays.stream(continuations).mapToInt(c -> c.length).max().orElse(0);
        if (longest == 0 || Arrays.stream(continuations).anyMatch(c -> c.length == 0)) {
            throw new IllegalArgumentException("every continuation needs at least one token");
        }
        checkWindow((prefix == null ? 0 : prefix.length) + longest);
        try (NDScope scope = new NDScope(); NDManager step = manager.newSubManager()) {
            long[] ids = new long[batch * longest]; // right padding with token 0: never attended to
            long[] last = new long[batch];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < continuations[b].length; t++) {
                    ids[b * longest + t] = continuations[b][t];
                }
                last[b] = continuations[b].length - 1;
            }
            NDArray tokens = step.create(ids, new Shape(batch, longest)); // (B, L)
            NDArray hidden = forward(tokens, prefix, null); // (B, L, H)
            NDArray rows = step.arange(0, batch, 1, DataType.INT64); // (B)
            NDArray lastHidden = hidden.get(new NDIndex("{}, {}", rows, step.create(last))); // (B, H)
            NDArray normed = rmsNorm(lastHidden, weights.finalNorm()); // (B, H)
            NDArray logits = normed.matMul(use(weights.head()).transpose()) // (B, R)
                    .toType(DataType.FLOAT32, false);
            float[] flat = logits.toFloatArray();
            int r = (int) weights.head().getShape().get(0);
            float[][] out = new float[batch][r];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * r, out[b], 0, r);
            }
            return out;
        }
    }

    /**
     * The decoder stack over {@code tokens} (B, L), placed after {@code prefix}'s P tokens.
     * Returns the last layer's hidden states (B, L, H), before the final norm. When
     * {@code keptKeysValues} is given, each layer's keys and values (after RoPE) are added to it.
     * Each layer runs in a scope of its own, so a layer's temporaries (and weights widened for it)
     * are freed before the next layer starts: memory stays that of one layer, not of all of them.
     */
    private NDArray forward(NDArray tokens, PrefixCache prefix, List<NDArray> keptKeysValues) {
        int length = (int) tokens.getShape().get(1);
        int offset = prefix == null ? 0 : prefix.length;
        NDArray x = weights.embedTokens().get(new NDIndex("{}", tokens)).toType(plan.compute(), false); // (B, L, H)
        x.attach(tokens.getManager()); // what derives from x then belongs to the call's manager, not the weights'
        NDArray cos = rotary.cos(offset, length); // (L, D)
        NDArray sin = rotary.sin(offset, length); // (L, D)
        NDArray causal = causalMask(tokens.getManager(), offset, length); // (L, P + L)
        for (int l = 0; l < config.layers(); l++) {
            List<NDArray> survivors = new ArrayList<>();
            try (NDScope layerScope = new NDScope()) {
                survivors.add(decoderLayer(weights.layers().get(l), x, cos, sin, causal, prefix, l,
                        keptKeysValues == null ? null : survivors));
                survivors.forEach(NDScope::unregister);
            }
            survivors.forEach(NDScope::register); // now owned by the call's scope
            x.close(); // the layer's input, no longer needed
            x = survivors.get(survivors.size() - 1);
            if (keptKeysValues != null) {
                keptKeysValues.addAll(survivors.subList(0, 2));
            }
        }
        return x;
    }

    /**
     * One decoder layer: x + attention(RMSNorm(x)), then + MLP(RMSNorm(·)). Returns the layer's
     * output (B, L, H); adds the layer's keys and values to {@code keysValues} first when the
     * caller keeps them (prefill), so they survive the layer's scope.
     */
    private NDArray decoderLayer(MistralWeights.Layer layer, NDArray x, NDArray cos, NDArray sin, NDArray causal,
            PrefixCache prefix, int index, List<NDArray> keysValues) {
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        int d = config.headDim();
        int hq = config.heads();
        int hkv = config.kvHeads();
        NDArray h = rmsNorm(x, layer.inputNorm()); // (B, L, H)
        NDArray qkv = h.matMul(use(layer.qkv()).transpose()); // (B, L, (Hq + 2·Hkv)·D)
        NDArray q = qkv.get(new NDIndex(":, :, 0:" + hq * d)) // (B, L, Hq·D)
                .reshape(batch, length, hq, d).transpose(0, 2, 1, 3); // (B, Hq, L, D)
        NDArray k = qkv.get(new NDIndex(":, :, " + hq * d + ":" + (hq + hkv) * d))
                .reshape(batch, length, hkv, d).transpose(0, 2, 1, 3); // (B, Hkv, L, D)
        NDArray v = qkv.get(new NDIndex(":, :, " + (hq + hkv) * d + ":"))
                .reshape(batch, length, hkv, d).transpose(0, 2, 1, 3); // (B, Hkv, L, D)
        q = Rotary.apply(q, cos, sin); // (B, Hq, L, D)
        k = Rotary.apply(k, cos, sin); // (B, Hkv, L, D)
        if (keysValues != null) {
            keysValues.add(k);
            keysValues.add(v);
        }
        NDArray attended = attention(q, k, v, prefix, index, causal); // (B, L, Hq·D)
        NDArray residual = x.add(attended.matMul(use(layer.o()).transpose())); // (B, L, H)
        h = rmsNorm(residual, layer.postAttentionNorm()); // (B, L, H)
        NDArray gateUp = h.matMul(use(layer.gateUp()).transpose()); // (B, L, 2·I)
        int i = config.intermediateSize();
        NDArray gate = gateUp.get(new NDIndex(":, :, 0:" + i)); // (B, L, I)
        NDArray up = gateUp.get(new NDIndex(":, :, " + i + ":")); // (B, L, I)
        NDArray silu = gate.mul(gate.getNDArrayInternal().sigmoid()); // (B, L, I)
        return residual.add(silu.mul(up).matMul(use(layer.down()).transpose())); // (B, L, H)
    }

    /**
     * Causal grouped-query attention. Each key/value head serves G query heads, by viewing the
     * queries as (B, Hkv, G, L, D) instead of copying keys G times (HF's repeat_kv). With a prefix,
     * its cached keys and values go in front of the batch's own (repeated over the batch: they are
     * small next to the scores), and the mask lets every query see all of them. Softmax runs in fp32.
     */
    private NDArray attention(NDArray q, NDArray k, NDArray v, PrefixCache prefix, int layer, NDArray mask) {
        long batch = q.getShape().get(0);
        long length = q.getShape().get(2);
        int d = config.headDim();
        int hkv = config.kvHeads();
        int g = config.groups();
        NDArray keys = k; // (B, Hkv, L, D)
        NDArray values = v; // (B, Hkv, L, D)
        if (prefix != null) {
            keys = NDArrays.concat(new NDList(prefix.keys.get(layer).repeat(0, batch), k), 2); // (B, Hkv, P + L, D)
            values = NDArrays.concat(new NDList(prefix.values.get(layer).repeat(0, batch), v), 2); // (B, Hkv, P + L, D)
        }
        // Scaling the queries instead of the scores: the same product, one L-times-smaller pass.
        NDArray grouped = q.mul(1.0 / Math.sqrt(d)).reshape(batch, hkv, g, length, d); // (B, Hkv, G, L, D)
        NDArray scores = grouped.matMul(keys.expandDims(2).transpose(0, 1, 2, 4, 3)) // (B, Hkv, G, L, P + L)
                .toType(DataType.FLOAT32, false);
        scores.addi(mask); // in place: a temporary of this call, never a weight or a mapping
        NDArray probs = scores.softmax(-1).toType(plan.compute(), false); // (B, Hkv, G, L, P + L)
        return merge(probs.matMul(values.expandDims(2)), batch, length); // (B, L, Hq·D)
    }

    /** (B, Hkv, G, L, D) → (B, L, Hq·D): heads side by side again, as o_proj expects them. */
    private NDArray merge(NDArray out, long batch, long length) {
        int d = config.headDim();
        int hkv = config.kvHeads();
        int g = config.groups();
        return out.reshape(batch, (long) hkv * g, length, d) // (B, Hq, L, D)
                .transpose(0, 2, 1, 3) // (B, L, Hq, D)
                .reshape(batch, length, (long) hkv * g * d); // (B, L, Hq·D)
    }

    /** RMSNorm in fp32: x · rsqrt(mean(x²) + eps) · weight, cast back to the compute dtype. */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray wide = x.toType(DataType.FLOAT32, false); // (…, H)
        NDArray meanSquare = wide.square().mean(new int[] {-1}, true); // (…, 1)
        NDArray normed = wide.mul(meanSquare.add(config.rmsNormEps()).pow(-0.5)); // (…, H)
        return normed.toType(plan.compute(), false).mul(use(weight)); // (…, H)
    }

    /**
     * (L, P + L): 0 where a query may see a key — every cached prefix key, and its own and earlier
     * new keys — and −∞ for later new keys.
     */
    private static NDArray causalMask(NDManager manager, int cached, int length) {
        int width = cached + length;
        float[] mask = new float[length * width];
        for (int i = 0; i < length; i++) {
            Arrays.fill(mask, i * width + cached + i + 1, (i + 1) * width, Float.NEGATIVE_INFINITY);
        }
        return manager.create(mask, new Shape(length, width));
    }

    /** A weight in the compute dtype: widened for this call when stored narrower (CPU with fp16 weights). */
    private NDArray use(NDArray weight) {
        return plan.widensWeights() ? weight.toType(plan.compute(), false) : weight;
    }

    private void checkWindow(int tokens) {
        Integer window = config.slidingWindow();
        if (window != null && tokens > window) {
            throw new ModelException("this model attends within a sliding window of " + window + " tokens; a prompt of "
                    + tokens + " tokens would need it, which is not supported (lower --max-length to " + window + ")");
        }
    }

    private static long[] toLongs(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    @Override
    public void close() {
        manager.close();
        weights.close();
    }
}
