package org.relevanceworkbench.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The hyper-parameters of a Mistral (or Llama-family) decoder, mapped from the model folder's
 * {@code config.json} key by key, as Hugging Face's {@code MistralConfig} names them.
 *
 * @param hiddenSize        {@code hidden_size}: H, the width of the residual stream
 * @param intermediateSize  {@code intermediate_size}: I, the width of the SwiGLU MLP
 * @param layers            {@code num_hidden_layers}
 * @param heads             {@code num_attention_heads}: query heads
 * @param kvHeads           {@code num_key_value_heads}: key/value heads (grouped-query attention)
 * @param headDim           {@code head_dim}, else H / heads
 * @param rmsNormEps        {@code rms_norm_eps}
 * @param ropeTheta         {@code rope_theta} (1e6 for Mistral-7B-Instruct-v0.2)
 * @param vocabSize         {@code vocab_size}
 * @param slidingWindow     {@code sliding_window}, or null when attention sees every earlier token
 * @param tieWordEmbeddings {@code tie_word_embeddings}: lm_head reuses the embedding matrix
 */
public record MistralConfig(int hiddenSize, int intermediateSize, int layers, int heads, int kvHeads, int headDim,
        double rmsNormEps, double ropeTheta, int vocabSize, Integer slidingWindow, boolean tieWordEmbeddings) {

    private static final Set<String> FAMILIES = Set.of("mistral", "llama");

    /** FollowIR-7B's (Mistral-7B-Instruct-v0.2's) configuration: 7,241,732,096 parameters. */
    public static final MistralConfig FOLLOWIR_7B = new MistralConfig(4096, 14336, 32, 32, 8, 128, 1e-5, 1e6, 32000,
            null, false);

    public MistralConfig {
        require(hiddenSize > 0 && intermediateSize > 0 && layers > 0 && heads > 0 && kvHeads > 0 && headDim > 0
                && vocabSize > 0, "sizes must be positive");
        require(heads % kvHeads == 0, "num_attention_heads (" + heads + ") must be a multiple of num_key_value_heads ("
                + kvHeads + ")");
        require(headDim % 2 == 0, "head_dim (" + headDim + ") must be even for rotary embeddings");
        require(rmsNormEps > 0 && ropeTheta > 0, "rms_norm_eps and rope_theta must be positive");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ModelException("config.json: " + message);
        }
    }

    /** The parameters of a checkpoint of this shape: every tensor the decoder reads (lm_head unless tied). */
    public long parameterCount() {
        long n = 0;
        for (long[] shape : MistralTensorNames.expectedShapes(this).values()) {
            long size = 1;
            for (long d : shape) {
                size *= d;
            }
            n += size;
        }
        return n;
    }

    /** Query heads per key/value head. */
    public int groups() {
        return heads / kvHeads;
    }

    /** Reads {@code folder/config.json}; refuses models that are not of the Mistral/Llama family. */
    public static MistralConfig read(Path folder) {
        Path file = folder.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            throw new ModelException(folder + " is not a Hugging Face model folder (no config.json)");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelException(file + " is not valid JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        String type = json.path("model_type").asText("");
        if (!FAMILIES.contains(type)) {
            throw new ModelException(folder + " holds a '" + (type.isEmpty() ? "unknown" : type)
                    + "' model; only Mistral/Llama-family decoders (FollowIR-7B) are supported");
        }
        String act = json.path("hidden_act").asText("silu");
        if (!act.equals("silu")) {
            throw new ModelException(file + ": hidden_act '" + act + "' is not supported (only silu)");
        }
        JsonNode scaling = json.get("rope_scaling");
        if (scaling != null && !scaling.isNull()) {
            throw new ModelException(file + ": rope_scaling is not supported");
        }
        if (json.path("attention_bias").asBoolean(false) || json.path("mlp_bias").asBoolean(false)) {
            throw new ModelException(file + ": attention or MLP biases are not supported");
        }
        int hidden = integer(json, "hidden_size", file);
        int heads = integer(json, "num_attention_heads", file);
        JsonNode headDim = json.get("head_dim");
        JsonNode kv = json.get("num_key_value_heads");
        JsonNode window = json.get("sliding_window");
        return new MistralConfig(hidden, integer(json, "intermediate_size", file), integer(json, "num_hidden_layers", file),
                heads, kv == null || kv.isNull() ? heads : kv.asInt(),
                headDim == null || headDim.isNull() ? hidden / heads : headDim.asInt(),
                json.path("rms_norm_eps").asDouble(1e-6), json.path("rope_theta").asDouble(10_000.0),
                integer(json, "vocab_size", file), window == null || window.isNull() ? null : window.asInt(),
                json.path("tie_word_embeddings").asBoolean(false));
    }

    private static int integer(JsonNode json, String key, Path file) {
        JsonNode value = json.get(key);
        if (value == null || !value.canConvertToInt()) {
            throw new ModelException(file + ": missing or non-integer '" + key + "'");
        }
        return value.asInt();
    }
}
