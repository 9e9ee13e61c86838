package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * llama.cpp's server as its code defines it ({@code tools/server/server.cpp}, {@code utils.hpp}): {@code GET /props}
 * with the per-slot {@code default_generation_settings.n_ctx} and {@code build_info}, {@code GET /v1/models} with
 * {@code owned_by: "llamacpp"} and {@code meta.n_ctx_train}, errors {@code {"error": {"code", "message", "type"}}},
 * and {@code POST /v1/completions} with a token-id prompt, answering {@code choices[0].logprobs.content[]} with
 * {@code {id, token, bytes, logprob, top_logprobs: [{id, token, bytes, logprob}]}}: a softmax of the raw logits,
 * {@code min(n_probs, vocabulary)} entries.
 */
public final class LlamaCppServer extends ProtocolServer {
    public int slotContext = 4096;
    /** The synthetic rest of the vocabulary: token id → logit. High logits push "false" out of a small top-k. */
    public Map<Integer, Double> otherTokens = Map.of(2, -4.0, 13, -5.0);
    final int trueId;
    final int falseId;

    public LlamaCppServer(Backend backend, String modelId, int trueId, int falseId) {
        super(backend, modelId);
        this.trueId = trueId;
        this.falseId = falseId;
    }

    @Override
    boolean isScoring(String path) {
        return path.equals("/v1/completions");
    }

    @Override
    boolean guarded(String path) {
        return !path.equals("/health") && !path.equals("/v1/models") && !path.equals("/models");
    }

    @Override
    String unauthorized() {
        return error(401, "Invalid API Key", "authentication_error");
    }

    @Override
    String notFound() {
        return error(404, "File Not Found", "not_found_error");
    }

    static String error(int code, String message, String type) {
        ObjectNode e = object();
        e.putObject("error").put("code", code).put("message", message).put("type", type);
        return e.toString();
    }

    @Override
    List<int[]> promptsOf(JsonNode body) {
        return List.of(ids(body.get("prompt")));
    }

    @Override
    Answer route(String method, String path, JsonNode body, Fault fault) {
        switch (path) {
            case "/health":
                return Answer.ok(object().put("status", "ok"));
            case "/props": {
                ObjectNode props = object();
                props.putObject("default_generation_settings").put("n_ctx", slotContext);
                props.put("total_slots", 4).put("model_path", "/models/followir-7b.Q8_0.gguf")
                        .put("build_info", "b6700-abcdef0");
                return Answer.ok(props);
            }
            case "/v1/models": {
                ObjectNode list = object().put("object", "list");
                ObjectNode card = list.putArray("data").addObject().put("id", modelId).put("object", "model")
                        .put("created", 1764633600).put("owned_by", "llamacpp");
                card.putObject("meta").put("vocab_type", 1).put("n_vocab", 32000).put("n_ctx_train", 32768);
                return Answer.ok(list);
            }
            case "/v1/completions":
                return complete(body, fault);
            default:
                return null;
        }
    }

    private Answer complete(JsonNode body, Fault fault) {
        int[] prompt = ids(body.get("prompt"));
        if (prompt.length >= slotContext) {
            ObjectNode e = object();
            e.putObject("error").put("code", 400).put("message", "request (" + prompt.length + " tokens) exceeds the"
                    + " available context size (" + slotContext + " tokens), try increasing it")
                    .put("type", "exceed_context_size_error").put("n_prompt_tokens", prompt.length)
                    .put("n_ctx", slotContext);
            return new Answer(400, e.toString(), Map.of());
        }
        int k = body.has("n_probs") ? body.get("n_probs").asInt() : body.path("logprobs").asInt(0);
        float[][] logits = backend.logits(new int[][] {prompt});
        Vocabulary v = Vocabulary.of(trueId, logits[0][1], falseId, logits[0][0], otherTokens);
        List<Map.Entry<Integer, Double>> top = v.top(k);
        ObjectNode response = object().put("id", "chatcmpl-0").put("object", "text_completion")
                .put("created", 1764633600).put("model", fault instanceof OtherModel o ? o.modelId() : modelId);
        ArrayNode choices = response.putArray("choices");
        ObjectNode choice = choices.addObject().put("text", v.text(top.get(0).getKey())).put("index", 0);
        ArrayNode content = choice.putObject("logprobs").putArray("content");
        ObjectNode step = content.addObject().put("id", top.get(0).getKey()).put("token", v.text(top.get(0).getKey()))
                .put("logprob", top.get(0).getValue());
        step.putArray("bytes");
        ArrayNode tops = step.putArray("top_logprobs");
        for (Map.Entry<Integer, Double> e : top) {
            ObjectNode t = tops.addObject().put("id", e.getKey()).put("token", v.text(e.getKey()))
                    .put("logprob", e.getValue());
            t.putArray("bytes");
        }
        choice.put("finish_reason", "length");
        response.putObject("usage").put("completion_tokens", 1).put("prompt_tokens", prompt.length)
                .put("total_tokens", prompt.length + 1);
        response.put("system_fingerprint", "b6700-abcdef0");
        return Answer.ok(response);
    }
}
