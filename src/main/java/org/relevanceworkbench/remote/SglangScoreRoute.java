package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.relevanceworkbench.model.EncodedPrompt;

/**
 * SGLang's {@code POST /v1/score} ({@code ScoringRequest} in SGLang's OpenAI protocol, served by
 * {@code TokenizerManagerScoreMixin.score_request}): the prompts' shared token prefix goes as {@code query} and each
 * prompt's rest as an item, so SGLang's radix cache holds the prefix once; SGLang scores {@code query + item}, the
 * exact prompt. {@code label_token_ids} = [true, false].
 *
 * <p>With {@code "apply_softmax": false} SGLang answers {@code exp(logprob)} of each label token (logprobs over the
 * whole vocabulary, in double): p(true) = a / (a + b) is softmax([false, true])[1] exactly, since the vocabulary's
 * normaliser cancels, and the log-odds ln a − ln b survive where p saturates, which a softmax sent as floats loses.
 */
final class SglangScoreRoute implements Route {
    static final String NAME = "sglang-score";

    private final int trueId;
    private final int falseId;
    private final int maxPrompts;

    SglangScoreRoute(int trueId, int falseId, int maxPrompts) {
        this.trueId = trueId;
        this.falseId = falseId;
        this.maxPrompts = maxPrompts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String path() {
        return "/v1/score";
    }

    @Override
    public int maxPrompts() {
        return maxPrompts;
    }

    @Override
    public byte[] request(String modelId, List<int[]> prompts) {
        int shared = EncodedPrompt.sharedPrefix(prompts); // an item is never empty
        JsonBody body = JsonBody.forIds(prompts.stream().mapToInt(p -> p.length - shared).sum() + shared);
        body.raw("{\"model\":").string(modelId).raw(",\"query\":").ids(prompts.get(0), 0, shared)
                .raw(",\"items\":").idLists(prompts, shared)
                .raw(",\"label_token_ids\":[").number(trueId).raw(",").number(falseId)
                .raw("],\"apply_softmax\":false,\"item_first\":false}");
        return body.toBytes();
    }

    @Override
    public List<Verdict> read(HttpAnswer answer, String modelId, List<int[]> prompts) throws ServerFailure {
        JsonNode root = answer.json(ServerFailure.Kind.TRANSIENT);
        JsonNode scores = root.get("scores");
        if (scores == null || !scores.isArray()) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered without a \"scores\" list");
        }
        if (scores.size() != prompts.size()) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered " + scores.size() + " scores for "
                    + prompts.size() + " prompts");
        }
        List<Verdict> out = new ArrayList<>(prompts.size());
        for (JsonNode s : scores) {
            if (!s.isArray() || s.size() != 2 || !s.get(0).isNumber() || !s.get(1).isNumber()) {
                throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "answered a score that is not [p_true, p_false]: "
                        + HttpAnswer.oneLine(s.toString()));
            }
            out.add(fromLabelProbabilities(s.get(0).asDouble(), s.get(1).asDouble()));
        }
        return out;
    }

    /** p(true) and the log-odds from the two label tokens' probabilities over the whole vocabulary. */
    static Verdict fromLabelProbabilities(double pTrueToken, double pFalseToken) throws ServerFailure {
        if (!(pTrueToken >= 0) || !(pFalseToken >= 0) || pTrueToken + pFalseToken <= 0) {
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "gave no probability to either \"true\" or \"false\" ("
                    + pTrueToken + ", " + pFalseToken + ")");
        }
        double diff = Math.log(pTrueToken) - Math.log(pFalseToken);
        double p = pTrueToken / (pTrueToken + pFalseToken);
        return new Verdict(p, Double.NaN, Double.NaN, Double.isFinite(diff) ? diff : Double.NaN, null);
    }

    @Override
    public String toString() {
        return NAME + Arrays.toString(new int[] {trueId, falseId});
    }
}
