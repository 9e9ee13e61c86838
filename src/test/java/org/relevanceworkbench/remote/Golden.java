package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;

/**
 * The golden tiny checkpoint (a random Mistral of FollowIR-7B's architecture with the real tokenizer) as a local
 * scorer, a tokenizer-only copy of its folder (no weights, what a server client needs), and the golden prompts with
 * their expected token ids.
 */
public final class Golden {
    static final ObjectMapper JSON = new ObjectMapper();

    public record Prompt(String id, String query, String instruction, String text, int[] ids) {
    }

    public static Path folder() {
        try {
            return Path.of(Golden.class.getResource("/followir-golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FollowIrScorer localScorer() {
        return FollowIrScorer.load(folder().resolve("tiny-bf16"), ScorerOptions.defaults()
                .withDevice(ScorerOptions.Choice.CPU), FollowIrScorer.LoadListener.NONE);
    }

    /** The decoder as a server's backend: one caller at a time, as the scorer wants. */
    public static ProtocolServer.Backend backend(FollowIrScorer scorer) {
        return prompts -> {
            synchronized (scorer) {
                return scorer.logitsOf(prompts);
            }
        };
    }

    /** A copy of the model folder with config and tokenizer files only: a server client needs no weights. */
    public static Path tokenizerOnly(Path dir) throws IOException {
        Path out = Files.createDirectories(dir.resolve("followir-tokenizer"));
        for (String f : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")) {
            Files.copy(folder().resolve("tiny-bf16").resolve(f), out.resolve(f));
        }
        return out;
    }

    public static List<Prompt> prompts() throws IOException {
        List<String> prompts = Files.readAllLines(folder().resolve("prompts.jsonl"));
        List<String> expected = Files.readAllLines(folder().resolve("expected.jsonl"));
        List<Prompt> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            JsonNode p = JSON.readTree(prompts.get(i));
            JsonNode e = JSON.readTree(expected.get(i));
            out.add(new Prompt(p.get("id").asText(), p.get("query").asText(), p.path("instruction").asText(""),
                    p.get("text").asText(), ProtocolServer.ids(e.get("ids"))));
        }
        return out;
    }

    private Golden() {
    }
}
