package org.relevanceworkbench.model;

import java.nio.ByteBuffer;

/**
 * The test oracle: Hugging Face's {@code MistralForCausalLM} forward pass (transformers,
 * models/mistral/modeling_mistral.py, eager attention) written out in plain Java loops in double
 * precision, one method per step, named as there. Slow and memory-light on purpose: weights are
 * decoded from the checkpoint's mapped bytes element by element (BF16 widened exactly, F16 decoded
 * exactly), so nothing here is shared with, or optimised like, the implementation under test. The
 * one place that is not double is where Hugging Face itself is not: the RoPE cos/sin tables, which
 * it computes in float32 (see {@link #rotaryEmbedding}).
 *
 * <p>Per token sequence {@code ids} (positions 0, 1, ... from the first token):
 * <pre>
 *   x = embed_tokens[ids]
 *   per layer:  x = x + o_proj(attention(rope(q_proj(n)), rope(k_proj(n)), v_proj(n)))   n = rmsNorm(x)
 *               x = x + down_proj(silu(gate_proj(n)) * up_proj(n))                       n = rmsNorm(x)
 *   logits = lm_head(rmsNorm(x))     (lm_head = embed_tokens when tie_word_embeddings)
 * </pre>
 */
final class ReferenceMistral {
    private final MistralConfig config;
    private final Matrix embedTokens;
    private final Matrix lmHead;
    private final double[] finalNorm;
    private final Layer[] layers;

    /** One decoder layer's weights. Linear layers are (out, in): y = x Wᵀ. */
    private record Layer(double[] inputNorm, Matrix qProj, Matrix kProj, Matrix vProj, Matrix oProj,
            double[] postAttentionNorm, Matrix gateProj, Matrix upProj, Matrix downProj) {
    }

    ReferenceMistral(Checkpoint checkpoint) {
        this.config = checkpoint.config();
        this.embedTokens = new Matrix(checkpoint, MistralTensorNames.EMBED_TOKENS);
        this.lmHead = config.tieWordEmbeddings() ? embedTokens : new Matrix(checkpoint, MistralTensorNames.LM_HEAD);
        this.finalNorm = vector(checkpoint, MistralTensorNames.FINAL_NORM);
        this.layers = new Layer[config.layers()];
        for (int l = 0; l < layers.length; l++) {
            layers[l] = new Layer(
                    vector(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.INPUT_NORM)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.Q_PROJ)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.K_PROJ)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.V_PROJ)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.O_PROJ)),
                    vector(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.POST_ATTENTION_NORM)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.GATE_PROJ)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.UP_PROJ)),
                    new Matrix(checkpoint, MistralTensorNames.layer(l, MistralTensorNames.DOWN_PROJ)));
        }
    }

    /** Runs the whole sequence; position t sees tokens 0..t only (and, with a sliding window, the last W). */
    Logits forward(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("empty input");
        }
        double[][] x = new double[ids.length][];
        for (int t = 0; t < ids.length; t++) {
            if (ids[t] < 0 || ids[t] >= config.vocabSize()) {
                throw new IllegalArgumentException("token id " + ids[t] + " outside the vocabulary");
            }
            x[t] = embedTokens.row(ids[t]);
        }
        for (Layer layer : layers) {
            x = decoderLayer(layer, x);
        }
        double[][] normed = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            normed[t] = rmsNorm(x[t], finalNorm, config.rmsNormEps());
        }
        return new Logits(normed);
    }

    private double[][] decoderLayer(Layer layer, double[][] x) {
        int n = x.length;
        double[][] normed = new double[n][];
        for (int t = 0; t < n; t++) {
            normed[t] = rmsNorm(x[t], layer.inputNorm(), config.rmsNormEps());
        }
        double[][] attended = attention(layer, normed);
        double[][] out = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] residual = add(x[t], attended[t]);
            double[] mlpInput = rmsNorm(residual, layer.postAttentionNorm(), config.rmsNormEps());
            out[t] = add(residual, mlp(layer, mlpInput));
        }
        return out;
    }

    /**
     * Causal grouped-query self-attention. Query head h reads key/value head h / g (g = heads /
     * kvHeads), which is what HF's repeat_kv produces: kv head j serves query heads j·g … j·g+g−1.
     */
    private double[][] attention(Layer layer, double[][] h) {
        int n = h.length;
        int d = config.headDim();
        int groups = config.groups();
        double[][][] q = new double[n][][];
        double[][][] k = new double[n][][];
        double[][][] v = new double[n][][];
        for (int t = 0; t < n; t++) {
            q[t] = splitHeads(layer.qProj().times(h[t]), config.heads(), d);
            k[t] = splitHeads(layer.kProj().times(h[t]), config.kvHeads(), d);
            v[t] = splitHeads(layer.vProj().times(h[t]), config.kvHeads(), d);
            Rotary rotary = rotaryEmbedding(t, d, config.ropeTheta()); // position t: the first token is 0
            for (int head = 0; head < config.heads(); head++) {
                q[t][head] = applyRotary(q[t][head], rotary);
            }
            for (int head = 0; head < config.kvHeads(); head++) {
                k[t][head] = applyRotary(k[t][head], rotary);
            }
        }
        double scale = 1.0 / Math.sqrt(d);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int first = firstVisibleKey(i);
            double[] heads = new double[config.heads() * d];
            for (int head = 0; head < config.heads(); head++) {
                int kv = head / groups;
                double[] scores = new double[i - first + 1];
                for (int j = first; j <= i; j++) {
                    scores[j - first] = dot(q[i][head], k[j][kv]) * scale;
                }
                double[] p = softmax(scores);
                for (int j = first; j <= i; j++) {
                    for (int c = 0; c < d; c++) {
                        heads[head * d + c] += p[j - first] * v[j][kv][c];
                    }
                }
            }
            out[i] = layer.oProj().times(heads);
        }
        return out;
    }

    /**
     * Query i sees keys j ≤ i, and with a sliding window W only those with i − j &lt; W (HF's
     * {@code sliding_window_overlay}: {@code kv_idx > q_idx - sliding_window}), W keys in all.
     */
    private int firstVisibleKey(int i) {
        Integer window = config.slidingWindow();
        return window == null ? 0 : Math.max(0, i - window + 1);
    }

    /** SwiGLU: down_proj(silu(gate_proj(x)) · up_proj(x)). */
    private static double[] mlp(Layer layer, double[] x) {
        double[] gate = layer.gateProj().times(x);
        double[] up = layer.upProj().times(x);
        double[] act = new double[gate.length];
        for (int i = 0; i < act.length; i++) {
            act[i] = silu(gate[i]) * up[i];
        }
        return layer.downProj().times(act);
    }

    // ---- the steps, as functions of plain vectors -----------------------------------------

    /** x · rsqrt(mean(x²) + eps) · weight. */
    static double[] rmsNorm(double[] x, double[] weight, double eps) {
        double sumOfSquares = 0;
        for (double value : x) {
            sumOfSquares += value * value;
        }
        double inverseRms = 1.0 / Math.sqrt(sumOfSquares / x.length + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * inverseRms * weight[i];
        }
        return out;
    }

    /** cos and sin of cat(angles, angles) for one position: what RoPE multiplies a head vector by. */
    record Rotary(double[] cos, double[] sin) {
    }

    /**
     * HF's MistralRotaryEmbedding for one position and head size D: inv_freq[i] = 1 / theta^(2i/D)
     * for i &lt; D/2, angle = position · inv_freq, and cos/sin of cat(angles, angles). Hugging Face
     * builds these tables in float32 whatever the model's dtype (inv_freq from a float32 arange, the
     * angles by a float32 matmul under disabled autocast, cos/sin in float32), so each step is
     * rounded to float32 here too; in exact arithmetic the rounding costs up to ≈1e-6 in p(true) on
     * 200-token prompts, and the golden values were made with it.
     */
    static Rotary rotaryEmbedding(int position, int d, double theta) {
        double[] cos = new double[d];
        double[] sin = new double[d];
        for (int i = 0; i < d / 2; i++) {
            float exponent = (float) (2 * i) / d;
            float invFreq = (float) (1.0 / (float) Math.pow(theta, exponent));
            float angle = (float) ((double) position * invFreq);
            cos[i] = (float) Math.cos(angle);
            sin[i] = (float) Math.sin(angle);
            cos[i + d / 2] = cos[i];
            sin[i + d / 2] = sin[i];
        }
        return new Rotary(cos, sin);
    }

    /**
     * Rotary position embedding of one head vector, HF's rotate_half convention: dimension i turns
     * together with i + D/2 (not with i + 1): x' = x·cos + rotate_half(x)·sin.
     */
    static double[] applyRotary(double[] x, Rotary rotary) {
        double[] rotated = rotateHalf(x);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * rotary.cos()[i] + rotated[i] * rotary.sin()[i];
        }
        return out;
    }

    /** cat(−x[D/2:], x[:D/2]). */
    static double[] rotateHalf(double[] x) {
        int half = x.length / 2;
        double[] out = new double[x.length];
        for (int i = 0; i < half; i++) {
            out[i] = -x[i + half];
            out[i + half] = x[i];
        }
        return out;
    }

    static double silu(double z) {
        return z / (1 + Math.exp(-z));
    }

    static double[] softmax(double[] scores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp(scores[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }

    /**
     * softmax([logitFalse, logitTrue])[1] = 1 / (1 + e^(false − true)), evaluated so that exp never
     * overflows: with d = true − false, 1/(1 + e^−d) for d ≥ 0 and e^d/(1 + e^d) for d &lt; 0.
     */
    static double pTrue(double logitTrue, double logitFalse) {
        double d = logitTrue - logitFalse;
        if (d >= 0) {
            return 1.0 / (1.0 + Math.exp(-d));
        }
        double e = Math.exp(d);
        return e / (1.0 + e);
    }

    private static double[][] splitHeads(double[] x, int heads, int d) {
        double[][] out = new double[heads][d];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(x, h * d, out[h], 0, d);
        }
        return out;
    }

    private static double[] add(double[] a, double[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    // ---- weights ----------------------------------------------------------------------------

    private static double[] vector(Checkpoint checkpoint, String name) {
        TensorInfo info = checkpoint.tensor(name);
        ByteBuffer bytes = checkpoint.map(name);
        double[] out = new double[(int) info.elements()];
        for (int i = 0; i < out.length; i++) {
            out[i] = decode(info.type(), bytes, i);
        }
        return out;
    }

    /** A weight element as stored, widened exactly to double. */
    static double decode(TensorType type, ByteBuffer littleEndian, int index) {
        return switch (type) {
            case F32 -> littleEndian.getFloat(index * 4);
            case F16 -> halfToDouble(littleEndian.getShort(index * 2));
            case BF16 -> Float.intBitsToFloat((littleEndian.getShort(index * 2) & 0xFFFF) << 16);
        };
    }

    /** IEEE binary16: sign, 5 exponent bits (bias 15), 10 mantissa bits; exponent 0 is subnormal. */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1F;
        int mantissa = bits & 0x3FF;
        double magnitude;
        if (exponent == 0) {
            magnitude = Math.scalb((double) mantissa, -24);
        } else if (exponent == 0x1F) {
            magnitude = mantissa == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = Math.scalb((double) (1024 + mantissa), exponent - 25);
        }
        return sign == 1 ? -magnitude : magnitude;
    }

    /** A 2-D weight (rows, cols), read element by element from the checkpoint's mapping. */
    private static final class Matrix {
        private final TensorType type;
        private final ByteBuffer bytes;
        private final int rows;
        private final int cols;

        Matrix(Checkpoint checkpoint, String name) {
            TensorInfo info = checkpoint.tensor(name);
            this.type = info.type();
            this.bytes = checkpoint.map(name);
            this.rows = Math.toIntExact(info.shape()[0]);
            this.cols = Math.toIntExact(info.shape()[1]);
        }

        double get(int row, int col) {
            return decode(type, bytes, row * cols + col);
        }

        double[] row(int r) {
            double[] out = new double[cols];
            for (int c = 0; c < cols; c++) {
                out[c] = get(r, c);
            }
            return out;
        }

        /** y = x Wᵀ, i.e. y[r] = Σ_c W[r][c]·x[c] (PyTorch's Linear without bias). */
        double[] times(double[] x) {
            if (x.length != cols) {
                throw new IllegalArgumentException("vector of " + x.length + " for a matrix of " + cols + " columns");
            }
            double[] y = new double[rows];
            for (int r = 0; r < rows; r++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += get(r, c) * x[c];
                }
                y[r] = sum;
            }
            return y;
        }
    }

    /** The final hidden states of every position; logits are computed on demand (V × H each). */
    final class Logits {
        private final double[][] hidden;
        private double[] last;

        private Logits(double[][] hidden) {
            this.hidden = hidden;
        }

        int positions() {
            return hidden.length;
        }

        /** The normed hidden state that enters lm_head at {@code position}. */
        double[] finalHidden(int position) {
            return hidden[position].clone();
        }

        /** Logits over the whole vocabulary at {@code position}. */
        double[] at(int position) {
            return lmHead.times(hidden[position]);
        }

        /** Logits over the whole vocabulary at the last position (what the scorer reads). */
        double[] last() {
            if (last == null) {
                last = at(hidden.length - 1);
            }
            return last.clone();
        }

        /** One token's logit at the last position. */
        double logit(int tokenId) {
            return last == null ? dot(lmHead.row(tokenId), hidden[hidden.length - 1]) : last[tokenId];
        }

        double pTrue(int trueId, int falseId) {
            return ReferenceMistral.pTrue(logit(trueId), logit(falseId));
        }
    }
}
