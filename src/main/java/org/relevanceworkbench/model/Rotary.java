package org.relevanceworkbench.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Rotary position embeddings in Hugging Face's rotate_half convention: for position p and
 * i < D/2, angle = p · θ^(−2i/D); cos and sin of cat(angle, angle) over D; x' = x·cos +
 * rotate_half(x)·sin with rotate_half(x) = cat(−x[D/2:], x[:D/2]). The tables are built as
 * Hugging Face builds them, in float32 whatever the model's dtype (inv_freq from a float32
 * arange, angles by a float32 product, float32 cos/sin), so that positions far into a prompt
 * rotate exactly as in the reference code; they grow as longer positions are asked for.
 */
final class Rotary {
    private final MistralConfig config;
    private final ComputePlan plan;
    private final NDManager manager;
    private NDArray cosTable; // (T, D)
    private NDArray sinTable; // (T, D)

    Rotary(MistralConfig config, ComputePlan plan, NDManager manager) {
        this.config = config;
        this.plan = plan;
        this.manager = manager;
        ensure(1); // built with the model, so the engine's live arrays do not change at the first call
    }

    /** cos for positions [offset, offset + length): (L, D). */
    synchronized NDArray cos(int offset, int length) {
        ensure(offset + length);
        return cosTable.get(new NDIndex(offset + ":" + (offset + length)));
    }

    /** sin for positions [offset, offset + length): (L, D). */
    synchronized NDArray sin(int offset, int length) {
        ensure(offset + length);
        return sinTable.get(new NDIndex(offset + ":" + (offset + length)));
    }

    private void ensure(int positions) {
        if (cosTable != null && cosTable.getShape().get(0) >= positions) {
            return;
        }
        int size = Math.max(positions, 2048);
        int d = config.headDim();
        float[] cos = new float[size * d];
        float[] sin = new float[size * d];
        float[] invFreq = new float[d / 2];
        for (int i = 0; i < d / 2; i++) {
            float exponent = (float) (2 * i) / d;
            invFreq[i] = (float) (1.0 / (float) Math.pow(config.ropeTheta(), exponent));
        }
        for (int p = 0; p < size; p++) {
            for (int i = 0; i < d / 2; i++) {
                float angle = (float) ((double) p * invFreq[i]); // fp32, as torch.outer gives it
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * d + i] = c;
                cos[p * d + i + d / 2] = c;
                sin[p * d + i] = s;
                sin[p * d + i + d / 2] = s;
            }
        }
        if (cosTable != null) {
            cosTable.close();
            sinTable.close();
        }
        cosTable = table(cos, size, d);
        sinTable = table(sin, size, d);
    }

    /** A table that lives as long as the model, though it may be first asked for inside a call's scope. */
    private NDArray table(float[] values, int size, int d) {
        NDArray wide = manager.create(values, new Shape(size, d)); // (T, D) fp32
        NDArray table = wide.toType(plan.compute(), false);
        if (table != wide) {
            wide.close();
        }
        NDScope.unregister(table);
        return table;
    }

    /** x (…, L, D) rotated by the angles of its positions. */
    static NDArray apply(NDArray x, NDArray cos, NDArray sin) {
        long half = x.getShape().get(x.getShape().dimension() - 1) / 2;
        NDArray first = x.get(new NDIndex("..., 0:" + half)); // (…, L, D/2)
        NDArray second = x.get(new NDIndex("..., " + half + ":")); // (…, L, D/2)
        NDArray rotated = NDArrays.concat(new NDList(second.neg(), first), -1); // (…, L, D)
        return x.mul(cos).add(rotated.mul(sin)); // (…, L, D)
    }
}
