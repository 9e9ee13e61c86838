package org.relevanceworkbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MistralConfigTest {
    /** Mistral-7B-Instruct-v0.2's config.json, which FollowIR-7B keeps (transformers 4.36 writes every key). */
    private static final String MISTRAL_7B_V02 = """
            {
              "architectures": ["MistralForCausalLM"],
              "attention_dropout": 0.0,
              "bos_token_id": 1,
              "eos_token_id": 2,
              "hidden_act": "silu",
              "hidden_size": 4096,
              "initializer_range": 0.02,
              "intermediate_size": 14336,
              "max_position_embeddings": 32768,
              "model_type": "mistral",
              "num_attention_heads": 32,
              "num_hidden_layers": 32,
              "num_key_value_heads": 8,
              "rms_norm_eps": 1e-05,
              "rope_theta": 1000000.0,
              "sliding_window": null,
              "tie_word_embeddings": false,
              "torch_dtype": "bfloat16",
              "transformers_version": "4.36.0",
              "use_cache": true,
              "vocab_size": 32000
            }""";

    @TempDir
    Path dir;

    private MistralConfig read(String json) throws IOException {
        Path folder = Files.createTempDirectory(dir, "m");
        Files.writeString(folder.resolve("config.json"), json);
        return MistralConfig.read(folder);
    }

    /** The 7B config with one key's line replaced (or removed, with an empty replacement). */
    private MistralConfig readWith(String key, String line) throws IOException {
        return read(edit(key, line));
    }

    private static String edit(String key, String line) {
        String out = MISTRAL_7B_V02.lines()
                .map(l -> l.trim().startsWith("\"" + key + "\"") ? line : l)
                .filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElseThrow();
        if (out.equals(MISTRAL_7B_V02) && !line.isEmpty()) {
            out = out.replaceFirst("\\{", "{\n" + line); // a key the base does not have: add it
        }
        return out;
    }

    private AbstractThrowableAssert<?, ? extends Throwable> refused(String json) {
        return assertThatThrownBy(() -> read(json)).isInstanceOf(ModelException.class).hasMessageNotContaining("\n");
    }

    @Test
    void readsFollowIrsConfigKeyByKey() throws IOException {
        MistralConfig c = read(MISTRAL_7B_V02);
        assertThat(c).isEqualTo(new MistralConfig(4096, 14336, 32, 32, 8, 128, 1e-5, 1e6, 32000, null, false));
        assertThat(c.groups()).isEqualTo(4);
        assertThat(c).isEqualTo(MistralConfig.FOLLOWIR_7B);
    }

    /** 7.24e9: what FollowIR-7B's safetensors hold (so 14.5 GB in fp16); a tied head drops lm_head's V × H. */
    @Test
    void countsTheParametersOfEveryTensor() throws IOException {
        assertThat(read(MISTRAL_7B_V02).parameterCount()).isEqualTo(7_241_732_096L);
        assertThat(readWith("tie_word_embeddings", "\"tie_word_embeddings\": true,").parameterCount())
                .isEqualTo(7_241_732_096L - 32000L * 4096);
    }

    @Test
    void headDimComesFromTheKeyWhenPresentElseHiddenOverHeads() throws IOException {
        // Absent (as in the 7B): 4096 / 32.
        assertThat(read(MISTRAL_7B_V02).headDim()).isEqualTo(128);
        // Present and different from hidden/heads (Mistral-Nemo style: 5120 / 32 would be 160).
        String nemo = edit("hidden_size", "  \"hidden_size\": 5120,").replace("{", "{\n  \"head_dim\": 128,");
        assertThat(read(nemo).headDim()).isEqualTo(128);
        assertThat(read(nemo).hiddenSize()).isEqualTo(5120);
        // null is the same as absent.
        assertThat(readWith("head_dim", "  \"head_dim\": null,").headDim()).isEqualTo(128);
        // An odd head_dim cannot be rotated in pairs.
        refused(edit("head_dim", "  \"head_dim\": 127,")).hasMessageContaining("head_dim (127)");
    }

    @Test
    void withoutKeyValueHeadsEveryQueryHeadHasItsOwn() throws IOException {
        MistralConfig absent = readWith("num_key_value_heads", "");
        assertThat(absent.kvHeads()).isEqualTo(32);
        assertThat(absent.groups()).isEqualTo(1);
        assertThat(readWith("num_key_value_heads", "  \"num_key_value_heads\": null,").kvHeads()).isEqualTo(32);
    }

    @Test
    void slidingWindowIsNullOrItsSize() throws IOException {
        assertThat(read(MISTRAL_7B_V02).slidingWindow()).isNull();
        assertThat(readWith("sliding_window", "  \"sliding_window\": 4096,").slidingWindow()).isEqualTo(4096);
    }

    @Test
    void tieWordEmbeddingsIsReadAndDefaultsToFalse() throws IOException {
        assertThat(readWith("tie_word_embeddings", "  \"tie_word_embeddings\": true,").tieWordEmbeddings()).isTrue();
        assertThat(readWith("tie_word_embeddings", "  \"tie_word_embeddings\": false,").tieWordEmbeddings()).isFalse();
        assertThat(readWith("tie_word_embeddings", "").tieWordEmbeddings()).isFalse();
    }

    @Test
    void optionalKeysTakeHuggingFacesDefaults() throws IOException {
        // Only the sizes are required; eps, theta, activation and tying default as in transformers.
        MistralConfig minimal = read("""
                {"model_type": "mistral", "hidden_size": 64, "intermediate_size": 172, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "vocab_size": 32000}""");
        assertThat(minimal.rmsNormEps()).isEqualTo(1e-6);
        assertThat(minimal.ropeTheta()).isEqualTo(10_000.0);
        assertThat(minimal.tieWordEmbeddings()).isFalse();
        assertThat(minimal.headDim()).isEqualTo(16);
        assertThat(minimal.kvHeads()).isEqualTo(4);
        // Llama-family configs read the same way.
        assertThat(read(MISTRAL_7B_V02.replace("\"mistral\"", "\"llama\"")).hiddenSize()).isEqualTo(4096);
    }

    @Test
    void aGroupedQueryRatioThatDoesNotDivideIsRefused() {
        refused(edit("num_key_value_heads", "  \"num_key_value_heads\": 5,"))
                .hasMessageContaining("num_attention_heads (32)").hasMessageContaining("num_key_value_heads (5)");
        refused(edit("num_key_value_heads", "  \"num_key_value_heads\": 0,")).hasMessageContaining("positive");
    }

    @Test
    void otherFamiliesAndUnsupportedVariantsAreRefused() {
        refused(MISTRAL_7B_V02.replace("\"mistral\"", "\"bert\"")).hasMessageContaining("'bert'");
        refused(edit("model_type", "")).hasMessageContaining("'unknown'");
        refused(edit("hidden_act", "  \"hidden_act\": \"gelu\",")).hasMessageContaining("gelu");
        refused(edit("rope_scaling", "  \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0},"))
                .hasMessageContaining("rope_scaling");
        refused(edit("attention_bias", "  \"attention_bias\": true,")).hasMessageContaining("biases");
    }

    @Test
    void missingOrMalformedSizesAndFilesAreRefused() throws IOException {
        refused(edit("hidden_size", "")).hasMessageContaining("'hidden_size'");
        refused(edit("vocab_size", "  \"vocab_size\": \"many\"")).hasMessageContaining("'vocab_size'");
        refused("{ not json").hasMessageContaining("not valid JSON");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> MistralConfig.read(empty)).isInstanceOf(ModelException.class)
                .hasMessageContaining("no config.json");
    }
}
