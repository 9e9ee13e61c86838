package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * vLLM's pooling route, {@code POST /classify}, on a server started with
 * {@code --runner pooling --convert classify --hf-overrides '{"classifier_from_token": ["false", "true"],
 * "method": "from_2_way_softmax"}'} (older releases: {@code --task classify}). vLLM then replaces the LM head by one
 * row, {@code lm_head["true"] − lm_head["false"]} ({@code load_weights_using_from_2_way_softmax} in
 * {@code vllm/model_executor/models/adapters.py}), so the classifier's single output is logit_true − logit_false, and
 * its default activation for one label, the sigmoid, gives σ(l_true − l_false) = softmax([false, true])[1].
 *
 * <p>Request: {@code {"model", "input": [[ids…], …]}} ({@code ClassificationCompletionRequest},
 * {@code vllm/entrypoints/pooling/classify/protocol.py}, with {@code CompletionRequestMixin.input} and
 * {@code ClassifyRequestMixin.use_activation} from {@code pooling/base/protocol.py}). Answer:
 * {@code {"model", "data": [{"index", "label", "probs", "num_classes"}]}}.
 *
 * <p>In raw mode the request adds {@code "use_activation": false}, and {@code probs[0]} is the log-odds itself, so p
 * is computed here in double and stays exact where the sigmoid saturates. Releases before {@code use_activation}
 * ignore the field (vLLM's request models allow extra fields); the server probe finds out which a server does and
 * picks the mode.
 */
final class VllmClassifyRoute implements Route {
    static final String NAME = "vllm-classify";

    private final boolean raw;
    private final int maxPrompts;

    VllmClassifyRoute(boolean raw, int maxPrompts) {
        this.raw = raw;
        this.maxPrompts = maxPrompts;
    }

    boolean raw() {
        return raw;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String path() {
        return "/classify";
    }

    @Override
    public int maxPrompts() {
        return maxPrompts;
    }

    @Override
    public byte[] request(String modelId, List<int[]> prompts) {
        JsonBody body = JsonBody.forIds(prompts.stream().mapToInt(p -> p.length).sum());
        body.raw("{\"model\":").string(modelId).raw(",\"input\":").idLists(prompts, 0);
        if (raw) {
            body.raw(",\"use_activation\":false");
        }
        return body.raw("}").toBytes();
    }

    @Override
    public List<Verdict> read(HttpAnswer answer, String modelId, List<int[]> prompts) throws ServerFailure {
        double[] values = probs0(answer, modelId, prompts.size());
        List<Verdict> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(raw ? Verdict.ofLogitDiff(v) : Verdict.ofProbability(v));
        }
        return out;
    }

    /** {@code data[i].probs[0]} for i = 0..n−1, checked: one entry per prompt, each index once, one class. */
    static double[] probs0(HttpAnswer answer, String modelId, int n) throws ServerFailure {
        JsonNode root = answer.json(ServerFailure.Kind.TRANSIENT);
        Json.checkModel(root, modelId);
        JsonNode data = root.get("data");
        if (data == null || !data.isArray()) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered without a \"data\" list");
        }
        if (data.size() != n) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered " + data.size() + " results for "
                    + n + " prompts");
        }
        double[] values = new double[n];
        boolean[] seen = new boolean[n];
        Arrays.fill(values, Double.NaN);
        for (int i = 0; i < n; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").canConvertToInt() ? item.get("index").asInt() : i;
            if (index < 0 || index >= n || seen[index]) {
                throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered result index " + index + " for "
                        + n + " prompts");
            }
            seen[index] = true;
            JsonNode probs = item.get("probs");
            if (probs == null || !probs.isArray() || probs.isEmpty() || !probs.get(0).isNumber()) {
                throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered a result without \"probs\"");
            }
            if (probs.size() != 1) {
                throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "classifies into " + probs.size()
                        + " classes, not 1: start it with --hf-overrides '{\"classifier_from_token\": [\"false\", "
                        + "\"true\"], \"method\": \"from_2_way_softmax\"}'");
            }
            values[index] = probs.get(0).asDouble();
        }
        return values;
    }
}
