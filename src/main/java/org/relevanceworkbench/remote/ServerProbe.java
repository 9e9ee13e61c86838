package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relevanceworkbench.model.EncodedPrompt;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.SpecialTokenMode;

/**
 * Finds out what a server is and how to score on it: its models and maximum length ({@code GET /v1/models}), its
 * engine ({@code owned_by}, else the engines' own info routes: SGLang's {@code /get_model_info}, llama.cpp's
 * {@code /props}, TGI's {@code /info}, vLLM's {@code /version}), its version and precision where it says, and a route,
 * checked with one test pair. vLLM serving FollowIR-7B as a generative model has no {@code /classify}; then, under
 * {@code --engine auto}, scores come from its completions logprobs, with a note that says so.
 */
final class ServerProbe {
    /** The model card's James Cameron question: a short test pair every route scores. */
    static final String TEST_QUERY = "What movies were directed by James Cameron?";
    static final String TEST_INSTRUCTION = "A relevant document would describe any movie that was directed by James Cameron";
    static final String TEST_DOCUMENT = "Avatar: The Way of Water is a 2022 American epic science fiction film"
            + " co-produced and directed by James Cameron.";
    /** vLLM's default --max-logprobs; the largest k most servers allow without asking. */
    static final int DEFAULT_TOP_K = 20;
    private static final Pattern MAX_ALLOWED = Pattern.compile("max(?:imum)? allowed:? ?(\\d+)");

    /** A probed server and the route to score with. */
    record Probed(ServerInfo info, Route route) {
    }

    /** A route that answered the test pair, with its verdict and how long the answer took. */
    private record Tried(Route route, Verdict verdict, long millis) {
    }

    private final FollowIrTokenizer tokenizer;
    private final int batchSize;
    private final Duration timeout;

    ServerProbe(FollowIrTokenizer tokenizer, int batchSize, Duration timeout) {
        this.tokenizer = tokenizer;
        this.batchSize = batchSize;
        this.timeout = timeout;
    }

    /** The engines the probe tells apart. */
    private enum Kind { VLLM, SGLANG, LLAMA_CPP, TGI, UNKNOWN }

    Probed probe(ServerConnection server, EngineChoice choice, String wantedModel) throws ServerFailure {
        Models models = models(server);
        String modelId = chooseModel(models, wantedModel);
        Kind kind = kind(server, models);
        String version = null;
        String dtype = null;
        Integer maxLen = models.maxModelLen;
        switch (kind) {
            case VLLM -> version = text(getJson(server, "/version"), "version");
            case SGLANG -> {
                JsonNode info = getJson(server, "/get_server_info");
                if (info == null) {
                    info = getJson(server, "/server_info");
                }
                version = text(info, "version");
                dtype = resolved(text(info, "dtype"));
                if (maxLen == null && info != null && info.path("context_length").canConvertToInt()) {
                    maxLen = info.get("context_length").asInt();
                }
            }
            case LLAMA_CPP -> {
                JsonNode props = getJson(server, "/props");
                version = text(props, "build_info");
                JsonNode nCtx = props == null ? null : props.path("default_generation_settings").get("n_ctx");
                if (nCtx != null && nCtx.canConvertToInt()) {
                    maxLen = nCtx.asInt(); // per slot: what one request may use
                }
            }
            case TGI -> throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "is Text Generation Inference, whose"
                    + " /v1/completions takes text prompts only and returns no logprobs; serve FollowIR-7B with vLLM,"
                    + " SGLang or llama.cpp");
            default -> { }
        }
        String engine = switch (kind) {
            case VLLM -> "vLLM";
            case SGLANG -> "SGLang";
            case LLAMA_CPP -> "llama.cpp";
            default -> "OpenAI-compatible";
        };
        EncodedPrompt test = tokenizer.encode(TEST_QUERY, TEST_INSTRUCTION, null, TEST_DOCUMENT,
                FollowIrTokenizer.DEFAULT_MAX_LENGTH, SpecialTokenMode.CONTROL);
        List<int[]> prompts = List.of(test.ids());
        boolean useVllm = choice == EngineChoice.VLLM || (choice == EngineChoice.AUTO && kind == Kind.VLLM);
        boolean useSglang = choice == EngineChoice.SGLANG || (choice == EngineChoice.AUTO && kind == Kind.SGLANG);
        String note = null;
        Tried tried;
        if (useVllm) {
            tried = classifyRoute(server, modelId, prompts, choice);
            if (tried == null) {
                tried = completionsRoute(server, modelId, prompts);
                note = server.name() + ": vLLM serves this model as a generative one (no /classify), so scores come"
                        + " from /v1/completions logprobs, exact only when \"true\" and \"false\" are both in the top "
                        + ((CompletionsRoute) tried.route()).topK() + "; for exact p(true) start it with --runner"
                        + " pooling --convert classify (see the README)";
            }
        } else if (useSglang) {
            tried = attempt(server, new SglangScoreRoute(tokenizer.trueId(), tokenizer.falseId(), batchSize), modelId,
                    prompts);
        } else {
            tried = completionsRoute(server, modelId, prompts);
        }
        Verdict verdict = tried.verdict();
        return new Probed(new ServerInfo(server.name(), engine, version, tried.route().name(), modelId, maxLen, dtype,
                verdict.pTrue(), verdict.bounds() == null, tried.millis(), note), tried.route());
    }

    /** What {@code GET /v1/models} says: model ids, who owns them, and the maximum length. */
    private record Models(List<String> ids, String ownedBy, Integer maxModelLen, boolean answered) {
    }

    private Models models(ServerConnection server) throws ServerFailure {
        HttpAnswer answer = server.get("/v1/models", timeout);
        if (answer.status() == 404) {
            return new Models(List.of(), null, null, false);
        }
        if (!answer.ok()) {
            throw answer.failure();
        }
        JsonNode data = answer.json(ServerFailure.Kind.UNUSABLE).get("data");
        List<String> ids = new ArrayList<>();
        String ownedBy = null;
        Integer maxLen = null;
        if (data != null && data.isArray()) {
            for (JsonNode card : data) {
                if (card.path("id").isTextual()) {
                    ids.add(card.get("id").asText());
                }
                if (ownedBy == null && card.path("owned_by").isTextual()) {
                    ownedBy = card.get("owned_by").asText();
                }
                if (maxLen == null && card.path("max_model_len").canConvertToInt()) {
                    maxLen = card.get("max_model_len").asInt();
                }
                if (maxLen == null && card.path("meta").path("n_ctx_train").canConvertToInt()) {
                    maxLen = card.get("meta").get("n_ctx_train").asInt();
                }
            }
        }
        return new Models(ids, ownedBy, maxLen, true);
    }

    private static String chooseModel(Models models, String wanted) throws ServerFailure {
        if (wanted != null) {
            if (models.answered() && !models.ids().isEmpty() && !models.ids().contains(wanted)) {
                throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "serves " + quoted(models.ids()) + ", not '"
                        + wanted + "'");
            }
            return wanted;
        }
        if (models.ids().size() > 1) {
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "serves several models (" + quoted(models.ids())
                    + "): choose one with --server-model");
        }
        return models.ids().isEmpty() ? null : models.ids().get(0);
    }

    private static String quoted(List<String> ids) {
        return ids.stream().map(i -> "'" + i + "'").reduce((a, b) -> a + ", " + b).orElse("no model");
    }

    private Kind kind(ServerConnection server, Models models) throws ServerFailure {
        String owner = models.ownedBy() == null ? "" : models.ownedBy().toLowerCase(Locale.ROOT);
        if (owner.equals("vllm")) {
            return Kind.VLLM;
        }
        if (owner.equals("sglang")) {
            return Kind.SGLANG;
        }
        if (owner.equals("llamacpp") || owner.equals("llama.cpp")) {
            return Kind.LLAMA_CPP;
        }
        JsonNode modelInfo = getJson(server, "/get_model_info");
        if (modelInfo != null && modelInfo.has("model_path") && modelInfo.has("is_generation")) {
            return Kind.SGLANG;
        }
        JsonNode props = getJson(server, "/props");
        if (props != null && props.has("default_generation_settings")) {
            return Kind.LLAMA_CPP;
        }
        JsonNode info = getJson(server, "/info");
        if (info != null && info.has("model_id") && info.has("max_total_tokens")) {
            return Kind.TGI;
        }
        JsonNode version = getJson(server, "/version");
        if (version != null && version.path("version").isTextual()) {
            return Kind.VLLM;
        }
        return Kind.UNKNOWN;
    }

    /**
     * vLLM's classify route in the mode this server answers: raw log-odds when it honours
     * {@code "use_activation": false}, else probabilities. Null when it has no classify route (a generative vLLM) and
     * the user left the choice to us.
     */
    private Tried classifyRoute(ServerConnection server, String modelId, List<int[]> prompts, EngineChoice choice)
            throws ServerFailure {
        VllmClassifyRoute raw = new VllmClassifyRoute(true, batchSize);
        long started = System.nanoTime();
        HttpAnswer rawAnswer = server.post(raw.path(), raw.request(modelId, prompts), timeout);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (rawAnswer.status() == 404 || rawAnswer.status() == 405 || rawAnswer.status() == 501) {
            if (choice == EngineChoice.AUTO) {
                return null;
            }
            throw new ServerFailure(ServerFailure.Kind.UNUSABLE, "has no /classify (" + rawAnswer.failure().getMessage()
                    + "): start vLLM with --runner pooling --convert classify --hf-overrides"
                    + " '{\"classifier_from_token\": [\"false\", \"true\"], \"method\": \"from_2_way_softmax\"}'");
        }
        if (!rawAnswer.ok()) {
            throw rawAnswer.failure();
        }
        double rawValue = VllmClassifyRoute.probs0(rawAnswer, modelId, 1)[0];
        VllmClassifyRoute activated = new VllmClassifyRoute(false, batchSize);
        HttpAnswer actAnswer = server.post(activated.path(), activated.request(modelId, prompts), timeout);
        if (!actAnswer.ok()) {
            throw actAnswer.failure();
        }
        double actValue = VllmClassifyRoute.probs0(actAnswer, modelId, 1)[0];
        if (rawValue != actValue || rawValue < 0 || rawValue > 1) {
            // It honours use_activation (or its values are log-odds either way).
            return new Tried(raw, raw.read(rawAnswer, modelId, prompts).get(0), millis);
        }
        // An older vLLM that ignores use_activation: probs are σ(l_true − l_false).
        return new Tried(activated, activated.read(actAnswer, modelId, prompts).get(0), millis);
    }

    /** The completions route with the largest top-k this server allows, up to {@value #DEFAULT_TOP_K}. */
    private Tried completionsRoute(ServerConnection server, String modelId, List<int[]> prompts) throws ServerFailure {
        CompletionsRoute route = new CompletionsRoute(tokenizer.trueId(), tokenizer.falseId(), DEFAULT_TOP_K);
        long started = System.nanoTime();
        HttpAnswer answer = server.post(route.path(), route.request(modelId, prompts), timeout);
        if (answer.status() == 400) {
            Matcher m = MAX_ALLOWED.matcher(answer.errorMessage().orElse(""));
            if (m.find()) {
                int allowed = Integer.parseInt(m.group(1));
                if (allowed >= 2 && allowed < DEFAULT_TOP_K) {
                    return attempt(server, new CompletionsRoute(tokenizer.trueId(), tokenizer.falseId(), allowed),
                            modelId, prompts);
                }
            }
        }
        if (!answer.ok()) {
            throw answer.failure();
        }
        return new Tried(route, route.read(answer, modelId, prompts).get(0), (System.nanoTime() - started) / 1_000_000);
    }

    /** Scores the test pair on a route. */
    private Tried attempt(ServerConnection server, Route route, String modelId, List<int[]> prompts)
            throws ServerFailure {
        long started = System.nanoTime();
        HttpAnswer answer = server.post(route.path(), route.request(modelId, prompts), timeout);
        if (!answer.ok()) {
            throw answer.failure();
        }
        return new Tried(route, route.read(answer, modelId, prompts).get(0), (System.nanoTime() - started) / 1_000_000);
    }

    /** The JSON of a GET that answered 200, or null (the route does not exist on this engine). */
    private JsonNode getJson(ServerConnection server, String path) throws ServerFailure {
        HttpAnswer answer = server.get(path, timeout);
        if (answer.status() == 401 || answer.status() == 403) {
            throw answer.failure();
        }
        if (!answer.ok()) {
            return null;
        }
        try {
            return answer.json(ServerFailure.Kind.TRANSIENT);
        } catch (ServerFailure notJson) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        return node != null && node.path(field).isTextual() ? node.get(field).asText() : null;
    }

    /** A dtype as the server's arguments give it, unless it is "auto" (which says nothing). */
    private static String resolved(String dtype) {
        return dtype == null || dtype.equalsIgnoreCase("auto") ? null : dtype;
    }
}
