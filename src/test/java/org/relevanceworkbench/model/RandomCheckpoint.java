package org.relevanceworkbench.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Writes a complete Hugging Face Mistral model folder with seeded random weights: config.json with
 * every key spelled out, the real Mistral tokenizer.json (from test resources), and the weights in
 * the chosen dtype, single-file or sharded.
 *
 * <p>The weights are scaled so the model's p(true) actually depends on the input (with Hugging
 * Face's 0.02 init every input would score ≈ 0.5 and no bug could show in p(true)): projections
 * with std 0.2, so attention is peaked enough for the last position to depend on its context and
 * the MLP changes the residual stream noticeably; embeddings with std 1; norm weights 1 ± 0.1; the
 * output rows of "true"/"false" with std 0.2 even when tied to the embeddings, so their logit
 * difference spans a few units without saturating.
 */
final class RandomCheckpoint {
    static final int TRUE_ID = 3307;
    static final int FALSE_ID = 3952;
    // Chosen by sweeping stds and seeds; ReferenceMistralTest checks the default seed's p(true) spread.
    private static final double PROJECTION_STD = 0.2;
    private static final double EMBEDDING_STD = 1.0;
    private static final double NORM_STD = 0.1;
    private static final double TRUE_FALSE_ROW_STD = 0.2;

    private final MistralConfig config;
    private TensorType dtype = TensorType.BF16;
    private int shards = 1;
    private long seed = 1;
    private boolean headDimInConfig = true;
    private Consumer<Map<String, SafetensorsWriter.Tensor>> edit = tensors -> { };

    private RandomCheckpoint(MistralConfig config) {
        this.config = config;
    }

    static RandomCheckpoint of(MistralConfig config) {
        return new RandomCheckpoint(config);
    }

    /** Small but real: 32000-token vocabulary (so the tokenizer fits), GQA with 2 query heads per kv head. */
    static MistralConfig tinyConfig() {
        return new MistralConfig(32, 48, 2, 4, 2, 8, 1e-5, 1e6, 32000, null, false);
    }

    RandomCheckpoint dtype(TensorType type) {
        this.dtype = type;
        return this;
    }

    RandomCheckpoint shards(int count) {
        this.shards = count;
        return this;
    }

    RandomCheckpoint seed(long value) {
        this.seed = value;
        return this;
    }

    /** Leaves head_dim out of config.json, as older Mistral configs do (readers derive hidden/heads). */
    RandomCheckpoint withoutHeadDimKey() {
        this.headDimInConfig = false;
        return this;
    }

    /** Changes the tensors before they are written: remove one, replace one with a wrong shape... */
    RandomCheckpoint edit(Consumer<Map<String, SafetensorsWriter.Tensor>> change) {
        this.edit = change;
        return this;
    }

    Path write(Path folder) {
        if (!headDimInConfig && config.headDim() != config.hiddenSize() / config.heads()) {
            throw new IllegalStateException("without a head_dim key readers would derive hidden/heads, not "
                    + config.headDim());
        }
        try {
            Files.createDirectories(folder);
            writeConfig(folder, config, headDimInConfig);
            copyResource("/mistral-tokenizer/tokenizer.json", folder.resolve("tokenizer.json"));
            copyResource("/mistral-tokenizer/tokenizer_config.json", folder.resolve("tokenizer_config.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, SafetensorsWriter.Tensor> tensors = weights(config, dtype, seed);
        edit.accept(tensors);
        SafetensorsWriter.writeWeights(folder, tensors, shards);
        return folder;
    }

    /** Every tensor the config implies, in Hugging Face's order, with seeded random values. */
    static Map<String, SafetensorsWriter.Tensor> weights(MistralConfig c, TensorType dtype, long seed) {
        Random random = new Random(seed);
        Map<String, SafetensorsWriter.Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : MistralTensorNames.expectedShapes(c).entrySet()) {
            String name = e.getKey();
            long[] shape = e.getValue();
            float[] values = new float[(int) (shape.length == 1 ? shape[0] : shape[0] * shape[1])];
            boolean norm = shape.length == 1;
            for (int i = 0; i < values.length; i++) {
                double std = norm ? NORM_STD : name.equals(MistralTensorNames.EMBED_TOKENS) ? EMBEDDING_STD : PROJECTION_STD;
                values[i] = (float) ((norm ? 1 : 0) + std * random.nextGaussian());
            }
            boolean outputRows = name.equals(MistralTensorNames.LM_HEAD)
                    || name.equals(MistralTensorNames.EMBED_TOKENS) && c.tieWordEmbeddings();
            if (outputRows && c.vocabSize() > Math.max(TRUE_ID, FALSE_ID)) {
                int h = c.hiddenSize();
                for (int row : new int[] {TRUE_ID, FALSE_ID}) {
                    for (int j = 0; j < h; j++) {
                        values[row * h + j] = (float) (TRUE_FALSE_ROW_STD * random.nextGaussian());
                    }
                }
            }
            out.put(name, new SafetensorsWriter.Tensor(dtype, shape, values));
        }
        return out;
    }

    /** config.json as transformers 4.36 writes it (shared with the benchmark's random models). */
    static void writeConfig(Path folder, MistralConfig c, boolean headDimKey) throws IOException {
        RandomMistral.writeConfig(folder, c, headDimKey);
    }

    private static void copyResource(String resource, Path target) throws IOException {
        try (InputStream in = RandomCheckpoint.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " is missing");
            }
            Files.copy(in, target);
        }
    }
}
