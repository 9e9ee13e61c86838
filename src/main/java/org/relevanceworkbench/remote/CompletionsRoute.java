package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.relevanceworkbench.scoring.DocumentScore;

/**
 * Any OpenAI-compatible {@code POST /v1/completions} that takes token ids and returns logprobs: llama.cpp's server
 * (a GGUF FollowIR-7B on a laptop), vLLM serving the model as a generative one, and others. One prompt per request,
 * {@code max_tokens: 1}, {@code temperature: 0}, {@code logprobs: k} and {@code return_tokens_as_token_ids} (vLLM's
 * way to name tokens by id; other engines ignore it).
 *
 * <p>Two answer shapes are read. vLLM's legacy OpenAI form, {@code choices[0].logprobs.top_logprobs[0]} = a map of
 * {@code "token_id:N"} to logprob ({@code _create_completion_logprobs} in vLLM's completion serving code), and
 * llama.cpp's chat-style form, {@code choices[0].logprobs.content[0].top_logprobs} = a list of {@code {id, token,
 * logprob}} ({@code probs_vector_to_json} in llama.cpp's server). Both are log-softmaxes of the raw logits (vLLM's
 * default {@code raw_logprobs}; llama.cpp before its sampler chain), so their difference is logit_true − logit_false.
 *
 * <p>p(true) = e^lt / (e^lt + e^lf) is exact when both tokens are in the top k. When one is missing, its logprob is at
 * most the k-th, which bounds p: from below when "true" is listed, from above when "false" is; the verdict carries the
 * bound and the interval, marked approximate. A server that names tokens only by their text is refused: "true" and
 * "▁true" can print alike, and an exact score must not rest on a guess.
 */
final class CompletionsRoute implements Route {
    static final String NAME = "openai-completions";
    private static final String ID_PREFIX = "token_id:";

    private final int trueId;
    private final int falseId;
    private final int topK;

    CompletionsRoute(int trueId, int falseId, int topK) {
        this.trueId = trueId;
        this.falseId = falseId;
        this.topK = topK;
    }

    int topK() {
        return topK;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String path() {
        return "/v1/completions";
    }

    @Override
    public int maxPrompts() {
        return 1;
    }

    @Override
    public int extraTokens() {
        return 1; // the one generated token must fit too
    }

    @Override
    public byte[] request(String modelId, List<int[]> prompts) {
        int[] ids = prompts.get(0);
        return JsonBody.forIds(ids.length).raw("{\"model\":").string(modelId).raw(",\"prompt\":")
                .ids(ids, 0, ids.length).raw(",\"max_tokens\":1,\"temperature\":0,\"logprobs\":").number(topK)
                .raw(",\"return_tokens_as_token_ids\":true,\"stream\":false}").toBytes();
    }

    @Override
    public List<Verdict> read(HttpAnswer answer, String modelId, List<int[]> prompts) throws ServerFailure {
        JsonNode root = answer.json(ServerFailure.Kind.TRANSIENT);
        if (root.isArray()) { // llama.cpp answers a list of prompts with a list of completions
            if (root.size() != 1) {
                throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered " + root.size()
                        + " completions for 1 prompt");
            }
            root = root.get(0);
        }
        Json.checkModel(root, modelId);
        JsonNode choices = root.get("choices");
        if (choices == null || !choices.isArray() || choices.size() != 1) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered " + (choices == null || !choices.isArray()
                    ? "no choices" : choices.size() + " choices") + " for 1 prompt");
        }
        JsonNode logprobs = choices.get(0).get("logprobs");
        if (logprobs == null || logprobs.isNull()) {
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "returns no logprobs on /v1/completions");
        }
        TopK top = logprobs.has("content") ? chatStyle(logprobs.get("content")) : legacy(logprobs);
        return List.of(verdict(top));
    }

    /** The first position's top tokens: the logprobs of "true" and "false" where listed (NaN where not), and the k-th. */
    private record TopK(double lTrue, double lFalse, double kth, int size) {
    }

    private TopK legacy(JsonNode logprobs) throws ServerFailure {
        JsonNode tops = logprobs.get("top_logprobs");
        if (tops == null || !tops.isArray() || tops.isEmpty() || !tops.get(0).isObject()) {
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "returns no top_logprobs on /v1/completions");
        }
        double lTrue = Double.NaN;
        double lFalse = Double.NaN;
        double kth = Double.POSITIVE_INFINITY;
        int size = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = tops.get(0).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith(ID_PREFIX)) {
                throw namesTokensByText();
            }
            int id = parseId(e.getKey().substring(ID_PREFIX.length()));
            double lp = number(e.getValue());
            kth = Math.min(kth, lp);
            size++;
            if (id == trueId) {
                lTrue = lp;
            } else if (id == falseId) {
                lFalse = lp;
            }
        }
        return new TopK(lTrue, lFalse, kth, size);
    }

    private TopK chatStyle(JsonNode content) throws ServerFailure {
        if (content == null || !content.isArray() || content.isEmpty()) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered an empty logprobs content list");
        }
        JsonNode tops = content.get(0).get("top_logprobs");
        if (tops == null || !tops.isArray() || tops.isEmpty()) {
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "returns no top_logprobs on /v1/completions");
        }
        double lTrue = Double.NaN;
        double lFalse = Double.NaN;
        double kth = Double.POSITIVE_INFINITY;
        for (JsonNode t : tops) {
            if (!t.path("id").canConvertToInt()) {
                throw namesTokensByText();
            }
            int id = t.get("id").asInt();
            double lp = number(t.get("logprob"));
            kth = Math.min(kth, lp);
            if (id == trueId) {
                lTrue = lp;
            } else if (id == falseId) {
                lFalse = lp;
            }
        }
        return new TopK(lTrue, lFalse, kth, tops.size());
    }

    private static ServerFailure namesTokensByText() {
        return new ServerFailure(ServerFailure.Kind.UNUSABLE, "names its logprob tokens by text, not by id (vLLM:"
                + " return_tokens_as_token_ids), so \"true\" cannot be told from \"▁true\" exactly");
    }

    private static int parseId(String text) throws ServerFailure {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered a token id that is not a number: " + text);
        }
    }

    private static double number(JsonNode value) throws ServerFailure {
        if (value == null || !value.isNumber()) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered a logprob that is not a number");
        }
        return value.asDouble();
    }

    /** Exact when both are listed; otherwise the bound the k-th logprob implies. */
    static Verdict verdict(double lTrue, double lFalse, double kth) {
        if (!Double.isNaN(lTrue) && !Double.isNaN(lFalse)) {
            double diff = lTrue - lFalse;
            return new Verdict(DocumentScore.sigmoid(diff), Double.NaN, Double.NaN, diff, null);
        }
        if (!Double.isNaN(lTrue)) { // logprob(false) ≤ k-th
            double low = DocumentScore.sigmoid(lTrue - kth);
            return new Verdict(low, Double.NaN, Double.NaN, Double.NaN, new DocumentScore.Bounds(low, 1));
        }
        if (!Double.isNaN(lFalse)) { // logprob(true) ≤ k-th
            double high = DocumentScore.sigmoid(kth - lFalse);
            return new Verdict(high, Double.NaN, Double.NaN, Double.NaN, new DocumentScore.Bounds(0, high));
        }
        return new Verdict(0.5, Double.NaN, Double.NaN, Double.NaN, new DocumentScore.Bounds(0, 1));
    }

    private static Verdict verdict(TopK top) {
        return verdict(top.lTrue(), top.lFalse(), top.kth());
    }
}
