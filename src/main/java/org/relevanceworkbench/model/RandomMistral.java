package org.relevanceworkbench.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a Mistral model folder with seeded random weights (config.json and one
 * model.safetensors, F32 or BF16; no tokenizer): what the model benchmark measures when no real
 * checkpoint is given. Benchmarks time arithmetic, so the values only need to be finite and
 * varied. Tensors are streamed to the file one at a time.
 */
public final class RandomMistral {
    private RandomMistral() {
    }

    public static Path write(Path folder, MistralConfig config, TensorType type, long seed) throws IOException {
        Files.createDirectories(folder);
        writeConfig(folder, config, true);
        Map<String, long[]> shapes = MistralTensorNames.expectedShapes(config);
        ObjectNode header = new ObjectMapper().createObjectNode();
        long offset = 0;
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            long bytes = count(e.getValue()) * type.bytes();
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", type.name());
            var shape = t.putArray("shape");
            for (long d : e.getValue()) {
                shape.add(d);
            }
            t.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        SplittableRandom random = new SplittableRandom(seed);
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(folder.resolve(Checkpoint.SINGLE)),
                1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            out.write(json);
            for (Map.Entry<String, long[]> e : shapes.entrySet()) {
                boolean norm = e.getValue().length == 1;
                double std = norm ? 0.1 : e.getKey().equals(MistralTensorNames.EMBED_TOKENS) ? 1.0 : 0.05;
                ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = count(e.getValue()); i > 0; i--) {
                    float v = (float) ((norm ? 1 : 0) + std * random.nextGaussian());
                    if (type == TensorType.F32) {
                        chunk.putFloat(v);
                    } else {
                        chunk.putShort(bf16(v));
                    }
                    if (!chunk.hasRemaining()) {
                        out.write(chunk.array(), 0, chunk.position());
                        chunk.clear();
                    }
                }
                out.write(chunk.array(), 0, chunk.position());
            }
        }
        return folder;
    }

    private static short bf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16); // round to nearest even
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** config.json with every key explicit, as transformers 4.36 saves a MistralForCausalLM. */
    public static void writeConfig(Path folder, MistralConfig c, boolean headDimKey) throws IOException {
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.putArray("architectures").add("MistralForCausalLM");
        json.put("attention_dropout", 0.0);
        json.put("bos_token_id", 1);
        json.put("eos_token_id", 2);
        if (headDimKey) {
            json.put("head_dim", c.headDim());
        }
        json.put("hidden_act", "silu");
        json.put("hidden_size", c.hiddenSize());
        json.put("initializer_range", 0.02);
        json.put("intermediate_size", c.intermediateSize());
        json.put("max_position_embeddings", 32768);
        json.put("model_type", "mistral");
        json.put("num_attention_heads", c.heads());
        json.put("num_hidden_layers", c.layers());
        json.put("num_key_value_heads", c.kvHeads());
        json.put("rms_norm_eps", c.rmsNormEps());
        json.put("rope_theta", c.ropeTheta());
        if (c.slidingWindow() == null) {
            json.putNull("sliding_window");
        } else {
            json.put("sliding_window", c.slidingWindow());
        }
        json.put("tie_word_embeddings", c.tieWordEmbeddings());
        json.put("torch_dtype", "bfloat16");
        json.put("transformers_version", "4.36.0");
        json.put("use_cache", true);
        json.put("vocab_size", c.vocabSize());
        Files.writeString(folder.resolve("config.json"), json.toPrettyString());
    }
}
