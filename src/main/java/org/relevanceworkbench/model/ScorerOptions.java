package org.relevanceworkbench.model;

/**
 * How to run FollowIR-7B.
 *
 * @param device      auto (CUDA when DJL sees a GPU), cpu or cuda
 * @param dtype       auto (fp16 on CUDA; fp32 on CPU, or fp16 weights widened per layer when fp32
 *                    weights would not fit in memory), fp32 or fp16
 * @param maxLength   prompts longer than this lose document tokens (2048 by default)
 * @param batchTokens padded tokens per batch (0: a default for the device); halved on out-of-memory
 * @param batchSize   documents per batch at most (0: as many as the token budget allows)
 * @param mode        how special-token text inside documents is encoded
 */
public record ScorerOptions(Choice device, Choice dtype, int maxLength, int batchTokens, int batchSize,
        SpecialTokenMode mode) {
    /** A command-line choice: auto, or a named device or dtype. */
    public enum Choice { AUTO, CPU, CUDA, FP32, FP16 }

    /** Measured with 'bench model': on 2 AVX2 cores tokens/s peak near 1–2k tokens per batch, then drop. */
    public static final int CPU_BATCH_TOKENS = 2048;
    public static final int GPU_BATCH_TOKENS = 32768;

    public ScorerOptions {
        if (maxLength < 16) {
            throw new ModelException("--max-length must be at least 16 tokens, not " + maxLength);
        }
        if (batchTokens < 0 || batchSize < 0) {
            throw new ModelException("--batch-tokens and --batch-size cannot be negative");
        }
    }

    /** Auto everything, 2048 tokens, special-token text as control tokens (the reference's behaviour). */
    public static ScorerOptions defaults() {
        return new ScorerOptions(Choice.AUTO, Choice.AUTO, FollowIrTokenizer.DEFAULT_MAX_LENGTH, 0, 0,
                SpecialTokenMode.CONTROL);
    }

    public ScorerOptions withDevice(Choice d) {
        return new ScorerOptions(d, dtype, maxLength, batchTokens, batchSize, mode);
    }

    public ScorerOptions withDtype(Choice t) {
        return new ScorerOptions(device, t, maxLength, batchTokens, batchSize, mode);
    }

    public ScorerOptions withMaxLength(int n) {
        return new ScorerOptions(device, dtype, n, batchTokens, batchSize, mode);
    }

    public ScorerOptions withBatch(int tokens, int size) {
        return new ScorerOptions(device, dtype, maxLength, tokens, size, mode);
    }

    public ScorerOptions withMode(SpecialTokenMode m) {
        return new ScorerOptions(device, dtype, maxLength, batchTokens, batchSize, m);
    }
}
