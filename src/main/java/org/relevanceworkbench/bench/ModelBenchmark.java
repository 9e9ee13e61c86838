package org.relevanceworkbench.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.relevanceworkbench.model.Checkpoint;
import org.relevanceworkbench.model.ComputePlan;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.model.MistralConfig;
import org.relevanceworkbench.model.MistralModel;
import org.relevanceworkbench.model.MistralWeights;
import org.relevanceworkbench.model.TorchEngine;

/**
 * The scorer's benchmark on one checkpoint and device:
 * <ol>
 *   <li>prefill throughput: batches of documents of {@code docTokens} tokens, tokens/s and docs/s
 *       per batch size;</li>
 *   <li>achieved FLOP/s of the decoder (its matmuls and attention, counted exactly) as a fraction
 *       of libtorch's own GEMM FLOP/s, measured in the same process on the decoder's matmul
 *       shapes;</li>
 *   <li>the prefix KV cache: documents sharing a prefix of {@code prefixTokens} tokens, scored
 *       with and without the cache; the speed-up and the largest difference in p(true).</li>
 * </ol>
 * Token ids are random: speed does not depend on which tokens they are.
 */
public final class ModelBenchmark {
    private final Path modelDir;
    private final ComputePlan plan;
    private final int docTokens;
    private final int prefixTokens;
    private final int[] batchSizes;
    private final int repeats;
    private final PrintWriter out;

    public ModelBenchmark(Path modelDir, ComputePlan plan, int docTokens, int prefixTokens, int[] batchSizes,
            int repeats, PrintWriter out) {
        this.modelDir = modelDir;
        this.plan = plan;
        this.docTokens = docTokens;
        this.prefixTokens = prefixTokens;
        this.batchSizes = batchSizes;
        this.repeats = repeats;
        this.out = out;
    }

    public void run() {
        try (NDManager root = TorchEngine.newBaseManager(); Checkpoint checkpoint = Checkpoint.open(modelDir)) {
            MistralConfig config = checkpoint.config();
            long t0 = System.nanoTime();
            MistralWeights weights = MistralWeights.load(checkpoint, plan, new int[] {0, 1}, root, bytes -> { });
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            try (MistralModel model = new MistralModel(config, plan, weights, root)) {
                out.printf(Locale.US, "model %s: hidden %d, %d layers, %d heads, %d kv heads, head dim %d, "
                        + "intermediate %d; %s on %s, %d threads; loaded in %.1f s%n", modelDir.getFileName(),
                        config.hiddenSize(), config.layers(), config.heads(), config.kvHeads(), config.headDim(),
                        config.intermediateSize(), plan.dtypeName(), plan.device().isGpu() ? "CUDA" : "CPU", threads(),
                        loadSeconds);
                SplittableRandom random = new SplittableRandom(11);
                int[][] docs = new int[Arrays.stream(batchSizes).max().orElse(1)][];
                for (int i = 0; i < docs.length; i++) {
                    docs[i] = random.ints(docTokens, 3, config.vocabSize()).toArray();
                }
                double bestTokensPerSecond = 0;
                int bestBatch = 1;
                for (int batch : batchSizes) {
                    double seconds = median(model, null, Arrays.copyOf(docs, batch));
                    double tokensPerSecond = batch * docTokens / seconds;
                    out.printf(Locale.US, "prefill %d docs × %d tokens: %.3f s, %,.0f tokens/s, %.1f docs/s%n", batch,
                            docTokens, seconds, tokensPerSecond, batch / seconds);
                    if (tokensPerSecond > bestTokensPerSecond) {
                        bestTokensPerSecond = tokensPerSecond;
                        bestBatch = batch;
                    }
                }
                out.flush();
                double achieved = bestTokensPerSecond * flopsPerToken(config, docTokens);
                double gemm = gemmFlopsPerSecond(root, config, bestBatch * docTokens);
                out.printf(Locale.US, "decoder: %.1f GFLOP/s at batch %d; libtorch GEMM on its shapes: %.1f GFLOP/s; "
                        + "fraction %.0f%%%n", achieved / 1e9, bestBatch, gemm / 1e9, 100 * achieved / gemm);
                out.flush();
                prefixCache(model, config, random);
            }
        }
    }

    /** Documents that share {@code prefixTokens}, scored without and then with the prefix cache. */
    private void prefixCache(MistralModel model, MistralConfig config, SplittableRandom random) {
        int batch = batchSizes[batchSizes.length - 1];
        int[] prefix = random.ints(prefixTokens, 3, config.vocabSize()).toArray();
        int[][] whole = new int[batch][];
        int[][] suffixes = new int[batch][];
        for (int i = 0; i < batch; i++) {
            suffixes[i] = random.ints(docTokens - prefixTokens, 3, config.vocabSize()).toArray();
            whole[i] = concat(prefix, suffixes[i]);
        }
        float[][] plain = model.headLogits(null, whole);
        float[][] cached = withCache(model, prefix, suffixes); // also the warm-up
        double[] without = new double[repeats];
        double[] with = new double[repeats];
        for (int r = 0; r < repeats; r++) { // alternated, so drifts in machine load hit both alike
            long t0 = System.nanoTime();
            model.headLogits(null, whole);
            without[r] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            withCache(model, prefix, suffixes);
            with[r] = (System.nanoTime() - t0) / 1e9;
        }
        double maxDp = 0;
        for (int i = 0; i < batch; i++) {
            maxDp = Math.max(maxDp, Math.abs(DocumentScore.pTrue(plain[i][1], plain[i][0])
                    - DocumentScore.pTrue(cached[i][1], cached[i][0])));
        }
        out.printf(Locale.US, "prefix cache, %d docs sharing %d of %d tokens (%.0f%%): %.3f s without, %.3f s with "
                + "(prefill included): %.2f× faster; max |Δp| %.1e%n", batch, prefixTokens, docTokens,
                100.0 * prefixTokens / docTokens, median(without), median(with), median(without) / median(with), maxDp);
        out.flush();
    }

    /** The prefix run once, then every suffix after it: what the scorer does per query. */
    private static float[][] withCache(MistralModel model, int[] prefix, int[][] suffixes) {
        try (MistralModel.PrefixCache cache = model.prefill(prefix)) {
            return model.headLogits(cache, suffixes);
        }
    }

    /** Median of {@code repeats} timed calls after one warm-up. */
    private double median(MistralModel model, MistralModel.PrefixCache prefix, int[][] batch) {
        model.headLogits(prefix, batch);
        double[] times = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            model.headLogits(prefix, batch);
            times[r] = (System.nanoTime() - t0) / 1e9;
        }
        return median(times);
    }

    private static double median(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Multiply-adds ×2 per token of a sequence of {@code length}: the projections and the MLP, plus
     * attention scores and weighted values over the full L×L matrix (computed whole, then masked).
     */
    static double flopsPerToken(MistralConfig c, int length) {
        double h = c.hiddenSize();
        double q = (double) c.heads() * c.headDim();
        double kv = (double) c.kvHeads() * c.headDim();
        double perLayer = 2 * h * (q + 2 * kv) + 2 * q * h + 2 * h * 2 * c.intermediateSize()
                + 2 * c.intermediateSize() * h + 2 * 2 * q * length;
        return perLayer * c.layers();
    }

    /** libtorch's FLOP/s over the decoder's four matmul shapes for M tokens, weighted as the decoder uses them. */
    private double gemmFlopsPerSecond(NDManager root, MistralConfig c, int tokens) {
        long h = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        long[][] shapes = {{h, q + 2 * kv}, {q, h}, {h, 2L * c.intermediateSize()}, {c.intermediateSize(), h}};
        double flops = 0;
        double seconds = 0;
        try (NDManager m = root.newSubManager()) {
            for (long[] kn : shapes) {
                NDArray a = m.randomNormal(new Shape(tokens, kn[0])).toType(plan.compute(), false);
                NDArray b = m.randomNormal(new Shape(kn[1], kn[0])).toType(plan.compute(), false).transpose();
                double[] times = new double[repeats];
                a.matMul(b).close();
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    try (NDArray product = a.matMul(b)) {
                        product.toType(DataType.FLOAT32, false).getFloat(0, 0); // waits for the GPU too
                    }
                    times[r] = (System.nanoTime() - t0) / 1e9;
                }
                flops += 2.0 * tokens * kn[0] * kn[1];
                seconds += median(times);
            }
        }
        return flops / seconds;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int threads() {
        String configured = System.getProperty("ai.djl.pytorch.num_threads");
        return configured != null ? Integer.parseInt(configured) : Runtime.getRuntime().availableProcessors();
    }
}
