package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * vLLM's OpenAI-compatible server as its code defines it ({@code vllm/entrypoints/openai/…} and
 * {@code vllm/entrypoints/pooling/classify/…}): {@code GET /version}, {@code GET /v1/models} with
 * {@code owned_by: "vllm"} and {@code max_model_len}, errors as {@code {"error": {"message", "type", "param", "code"}}}
 * (v0.10.1 and later), 401 {@code {"error": "Unauthorized"}} only under {@code /v1}, and either
 *
 * <ul>
 *   <li>the pooling runner with {@code from_2_way_softmax}: {@code POST /classify} answering one class per prompt,
 *       {@code probs[0]} = σ(l_true − l_false), or the raw difference with {@code "use_activation": false} (unless
 *       {@link #ignoresUseActivation}, as releases before the field did); or</li>
 *   <li>the generate runner: no {@code /classify} (404), and {@code POST /v1/completions} whose
 *       {@code choices[i].logprobs} is the legacy OpenAI form with {@code "token_id:N"} keys, capped at
 *       {@code --max-logprobs} (20).</li>
 * </ul>
 */
public final class VllmServer extends ProtocolServer {
    public final boolean pooling;
    public boolean ignoresUseActivation;
    public int maxModelLen = 4096;
    public int maxLogprobs = 20;
    public String version = "0.11.0";
    /** The synthetic rest of the vocabulary for the completions route: token id → logit. */
    public Map<Integer, Double> otherTokens = Map.of(2, -4.0, 13, -5.0);
    final int trueId;
    final int falseId;

    public VllmServer(Backend backend, String modelId, boolean pooling, int trueId, int falseId) {
        super(backend, modelId);
        this.pooling = pooling;
        this.trueId = trueId;
        this.falseId = falseId;
    }

    @Override
    boolean isScoring(String path) {
        return path.equals("/classify") || path.equals("/v1/completions");
    }

    @Override
    boolean guarded(String path) {
        return path.startsWith("/v1"); // vLLM's AuthenticationMiddleware checks /v1 paths only
    }

    @Override
    String unauthorized() {
        return "{\"error\":\"Unauthorized\"}";
    }

    static String error(String message, String type, String param, int code) {
        ObjectNode e = object();
        ObjectNode inner = e.putObject("error");
        inner.put("message", message);
        inner.put("type", type);
        if (param == null) {
            inner.putNull("param");
        } else {
            inner.put("param", param);
        }
        inner.put("code", code);
        return e.toString();
    }

    @Override
    List<int[]> promptsOf(JsonNode body) {
        List<int[]> out = new ArrayList<>();
        JsonNode input = body.has("input") ? body.get("input") : body.get("prompt");
        if (input.size() > 0 && input.get(0).isArray()) {
            input.forEach(p -> out.add(ids(p)));
        } else {
            out.add(ids(input));
        }
        return out;
    }

    @Override
    Answer route(String method, String path, JsonNode body, Fault fault) {
        switch (path) {
            case "/version":
                return Answer.ok(object().put("version", version));
            case "/health":
                return new Answer(200, "", Map.of());
            case "/v1/models": {
                ObjectNode list = object().put("object", "list");
                ObjectNode card = list.putArray("data").addObject();
                card.put("id", modelId).put("object", "model").put("created", 1764633600).put("owned_by", "vllm")
                        .put("root", "/models/" + modelId).putNull("parent").put("max_model_len", maxModelLen);
                card.putArray("permission").addObject().put("id", "modelperm-0").put("object", "model_permission");
                return Answer.ok(list);
            }
            case "/classify":
                return pooling ? classify(body, fault) : null;
            case "/v1/completions":
                return pooling ? null : complete(body, fault);
            default:
                return null;
        }
    }

    private Answer checkRequest(JsonNode body, List<int[]> prompts, int extra) {
        if (!asksFor(body, modelId)) {
            return new Answer(404, error("The model `" + body.get("model").asText() + "` does not exist.",
                    "NotFoundError", "model", 404), Map.of());
        }
        for (int[] p : prompts) {
            if (p.length + extra > maxModelLen) {
                return new Answer(400, error("This model's maximum context length is " + maxModelLen + " tokens."
                        + " However, your request has " + p.length + " input tokens. Please reduce the length of"
                        + " the input messages.", "BadRequestError", "input_tokens", 400), Map.of());
            }
        }
        return null;
    }

    private Answer classify(JsonNode body, Fault fault) {
        List<int[]> prompts = promptsOf(body);
        Answer refused = checkRequest(body, prompts, 0);
        if (refused != null) {
            return refused;
        }
        float[][] logits = backend.logits(prompts.toArray(int[][]::new));
        boolean activation = ignoresUseActivation || !body.path("use_activation").isBoolean()
                || body.get("use_activation").asBoolean();
        ObjectNode response = object();
        response.put("id", "classify-0").put("object", "list").put("created", 1764633600);
        response.put("model", fault instanceof OtherModel o ? o.modelId() : modelId);
        ArrayNode data = response.putArray("data");
        int tokens = 0;
        int n = fault instanceof WrongCount ? prompts.size() - 1 : prompts.size();
        for (int i = 0; i < n; i++) {
            double diff = (double) logits[i][1] - logits[i][0];
            double value = activation ? 1 / (1 + Math.exp(-diff)) : diff;
            ObjectNode item = data.addObject().put("index", i).putNull("label");
            item.putArray("probs").add(value);
            item.put("num_classes", 1);
            tokens += prompts.get(i).length;
        }
        response.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens)
                .put("completion_tokens", 0).putNull("prompt_tokens_details");
        return Answer.ok(response);
    }

    private Answer complete(JsonNode body, Fault fault) {
        List<int[]> prompts = promptsOf(body);
        Answer refused = checkRequest(body, prompts, body.path("max_tokens").asInt(16));
        if (refused != null) {
            return refused;
        }
        int k = body.path("logprobs").asInt(0);
        if (k > maxLogprobs) {
            return new Answer(400, error("Requested sample logprobs of " + k + ", which is greater than max allowed: "
                    + maxLogprobs, "BadRequestError", "logprobs", 400), Map.of());
        }
        boolean asIds = body.path("return_tokens_as_token_ids").asBoolean(false);
        float[][] logits = backend.logits(prompts.toArray(int[][]::new));
        ObjectNode response = object().put("id", "cmpl-0").put("object", "text_completion").put("created", 1764633600);
        response.put("model", fault instanceof OtherModel o ? o.modelId() : modelId);
        ArrayNode choices = response.putArray("choices");
        for (int i = 0; i < prompts.size(); i++) {
            Vocabulary v = Vocabulary.of(trueId, logits[i][1], falseId, logits[i][0], otherTokens);
            ObjectNode choice = choices.addObject().put("index", i);
            List<Map.Entry<Integer, Double>> top = v.top(k);
            int sampled = top.get(0).getKey();
            choice.put("text", asIds ? "token_id:" + sampled : v.text(sampled));
            ObjectNode lp = choice.putObject("logprobs");
            lp.putArray("text_offset").add(0);
            lp.putArray("token_logprobs").add(top.get(0).getValue());
            lp.putArray("tokens").add(asIds ? "token_id:" + sampled : v.text(sampled));
            ObjectNode step = lp.putArray("top_logprobs").addObject();
            for (Map.Entry<Integer, Double> e : top) {
                step.put(asIds ? "token_id:" + e.getKey() : v.text(e.getKey()), e.getValue());
            }
            choice.put("finish_reason", "length").putNull("stop_reason");
        }
        response.putObject("usage").put("prompt_tokens", prompts.get(0).length).put("completion_tokens", 1)
                .put("total_tokens", prompts.get(0).length + 1);
        return Answer.ok(response);
    }
}
