package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SGLang's HTTP server as its code defines it ({@code python/sglang/srt/entrypoints/http_server.py},
 * {@code entrypoints/openai/protocol.py}, {@code managers/tokenizer_manager_score_mixin.py}): {@code GET /v1/models}
 * with {@code owned_by: "sglang"} and the resolved {@code max_model_len}, {@code GET /get_model_info},
 * {@code GET /get_server_info} (server arguments and {@code version}), flat errors
 * {@code {"object": "error", "message", "type", "param", "code"}}, and {@code POST /v1/score}: each prompt is
 * {@code query + item}; {@code scores[i]} follows {@code label_token_ids}, as exp(logprob) over the vocabulary, or
 * renormalised over the labels with {@code apply_softmax}.
 */
public final class SglangServer extends ProtocolServer {
    public int contextLength = 4096;
    public String version = "0.5.4";
    public Map<Integer, Double> otherTokens = Map.of(2, -4.0, 13, -5.0);
    final int trueId;
    final int falseId;

    public SglangServer(Backend backend, String modelId, int trueId, int falseId) {
        super(backend, modelId);
        this.trueId = trueId;
        this.falseId = falseId;
    }

    @Override
    boolean isScoring(String path) {
        return path.equals("/v1/score");
    }

    @Override
    String unauthorized() {
        return error("Unauthorized", "401", 401);
    }

    static String error(String message, String type, int code) {
        ObjectNode e = object().put("object", "error").put("message", message).put("type", type);
        e.putNull("param");
        e.put("code", code);
        return e.toString();
    }

    @Override
    List<int[]> promptsOf(JsonNode body) {
        int[] query = ids(body.get("query"));
        List<int[]> out = new ArrayList<>();
        for (JsonNode item : body.get("items")) {
            int[] tail = ids(item);
            int[] p = java.util.Arrays.copyOf(query, query.length + tail.length);
            System.arraycopy(tail, 0, p, query.length, tail.length);
            out.add(p);
        }
        return out;
    }

    @Override
    Answer route(String method, String path, JsonNode body, Fault fault) {
        switch (path) {
            case "/v1/models": {
                ObjectNode list = object().put("object", "list");
                list.putArray("data").addObject().put("id", modelId).put("object", "model").put("created", 1764633600)
                        .put("owned_by", "sglang").put("root", modelId).putNull("parent")
                        .put("max_model_len", contextLength);
                return Answer.ok(list);
            }
            case "/get_model_info":
                return Answer.ok(object().put("model_path", modelId).put("tokenizer_path", modelId)
                        .put("is_generation", true));
            case "/get_server_info":
                return Answer.ok(object().put("model_path", modelId).put("dtype", "bfloat16").putNull("context_length")
                        .put("version", version));
            case "/health":
                return new Answer(200, "", Map.of());
            case "/v1/score":
                return score(body, fault);
            default:
                return null;
        }
    }

    private Answer score(JsonNode body, Fault fault) {
        if (!body.path("query").isArray() || !body.path("items").isArray()) {
            return new Answer(400, error("Invalid combination of query/items types for score_request.",
                    "BadRequestError", 400), Map.of());
        }
        List<int[]> prompts = promptsOf(body);
        for (int[] p : prompts) {
            if (p.length >= contextLength) {
                return new Answer(400, error("The input (" + p.length + " tokens) is longer than the model's context"
                        + " length (" + contextLength + " tokens).", "BadRequestError", 400), Map.of());
            }
        }
        int[] labels = ids(body.get("label_token_ids"));
        boolean softmax = body.path("apply_softmax").asBoolean(false);
        float[][] logits = backend.logits(prompts.toArray(int[][]::new));
        ObjectNode response = object();
        ArrayNode scores = response.putArray("scores");
        int n = fault instanceof WrongCount ? prompts.size() - 1 : prompts.size();
        for (int i = 0; i < n; i++) {
            Vocabulary v = Vocabulary.of(trueId, logits[i][1], falseId, logits[i][0], otherTokens);
            double[] lp = new double[labels.length];
            for (int j = 0; j < labels.length; j++) {
                lp[j] = v.logits().containsKey(labels[j]) ? v.logprob(labels[j]) : Double.NEGATIVE_INFINITY;
            }
            ArrayNode row = scores.addArray();
            if (softmax) {
                double max = java.util.Arrays.stream(lp).max().orElseThrow();
                double sum = java.util.Arrays.stream(lp).map(x -> Math.exp(x - max)).sum();
                for (double x : lp) {
                    row.add((float) (Math.exp(x - max) / sum)); // torch.softmax on a float32 tensor
                }
            } else {
                for (double x : lp) {
                    row.add(Double.isInfinite(x) ? 0.0 : Math.exp(x));
                }
            }
        }
        response.put("model", body.path("model").asText("default"));
        response.putNull("usage");
        response.put("object", "scoring");
        return Answer.ok(response);
    }
}
