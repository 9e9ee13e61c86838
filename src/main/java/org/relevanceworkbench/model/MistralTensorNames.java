package org.relevanceworkbench.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Hugging Face names of a Mistral checkpoint's tensors, spelled out as they appear in
 * {@code model.safetensors}, with the shape config.json implies for each (PyTorch's Linear stores
 * weights as (out, in)).
 */
public final class MistralTensorNames {
    public static final String EMBED_TOKENS = "model.embed_tokens.weight"; // (V, H)
    public static final String FINAL_NORM = "model.norm.weight"; // (H)
    public static final String LM_HEAD = "lm_head.weight"; // (V, H); absent when tied to the embeddings

    private MistralTensorNames() {
    }

    public static String layer(int i, String tail) {
        return "model.layers." + i + "." + tail;
    }

    public static final String INPUT_NORM = "input_layernorm.weight"; // (H)
    public static final String Q_PROJ = "self_attn.q_proj.weight"; // (heads·D, H)
    public static final String K_PROJ = "self_attn.k_proj.weight"; // (kvHeads·D, H)
    public static final String V_PROJ = "self_attn.v_proj.weight"; // (kvHeads·D, H)
    public static final String O_PROJ = "self_attn.o_proj.weight"; // (H, heads·D)
    public static final String POST_ATTENTION_NORM = "post_attention_layernorm.weight"; // (H)
    public static final String GATE_PROJ = "mlp.gate_proj.weight"; // (I, H)
    public static final String UP_PROJ = "mlp.up_proj.weight"; // (I, H)
    public static final String DOWN_PROJ = "mlp.down_proj.weight"; // (H, I)

    /** Every tensor the model needs, in load order, with its expected shape. */
    public static Map<String, long[]> expectedShapes(MistralConfig c) {
        long h = c.hiddenSize();
        long q = (long) c.heads() * c.headDim();
        long kv = (long) c.kvHeads() * c.headDim();
        long i = c.intermediateSize();
        Map<String, long[]> out = new LinkedHashMap<>();
        out.put(EMBED_TOKENS, new long[] {c.vocabSize(), h});
        for (int l = 0; l < c.layers(); l++) {
            out.put(layer(l, INPUT_NORM), new long[] {h});
            out.put(layer(l, Q_PROJ), new long[] {q, h});
            out.put(layer(l, K_PROJ), new long[] {kv, h});
            out.put(layer(l, V_PROJ), new long[] {kv, h});
            out.put(layer(l, O_PROJ), new long[] {h, q});
            out.put(layer(l, POST_ATTENTION_NORM), new long[] {h});
            out.put(layer(l, GATE_PROJ), new long[] {i, h});
            out.put(layer(l, UP_PROJ), new long[] {i, h});
            out.put(layer(l, DOWN_PROJ), new long[] {h, i});
        }
        out.put(FINAL_NORM, new long[] {h});
        if (!c.tieWordEmbeddings()) {
            out.put(LM_HEAD, new long[] {c.vocabSize(), h});
        }
        return out;
    }
}
