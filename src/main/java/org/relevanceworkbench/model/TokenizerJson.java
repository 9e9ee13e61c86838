package org.relevanceworkbench.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relevanceworkbench.common.UserException;

/**
 * What {@link FollowIrTokenizer} needs from a Hugging Face {@code tokenizer.json} that DJL does not expose: a
 * token-to-id lookup in the vocabulary and the list of special added tokens. Read once at load, then dropped
 * (the parsed vocabulary and merges are several megabytes).
 */
final class TokenizerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path file;
    private final JsonNode root;

    private TokenizerJson(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static TokenizerJson read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (!(root instanceof ObjectNode)) {
                throw new UserException(file + " is not a tokenizer.json: it holds no JSON object");
            }
            return new TokenizerJson(file, root);
        } catch (JsonProcessingException e) {
            throw new UserException(file + " is not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    /**
     * The id of {@code token} in {@code model.vocab}, spelled exactly (so "true", not "▁true"), like the card's
     * {@code tokenizer.get_vocab()["true"]}.
     */
    int vocabularyId(String token) {
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject()) {
            throw new UserException(file + " has no model.vocab map (FollowIR needs a BPE tokenizer like Mistral's)");
        }
        JsonNode id = vocab.get(token);
        if (id == null || !id.canConvertToInt()) {
            throw new UserException(file + " has no vocabulary entry \"" + token + "\"; FollowIR scores the ids of"
                    + " \"true\" and \"false\"");
        }
        return id.intValue();
    }

    /** The added tokens marked {@code "special": true}, content to id, in file order. */
    Map<String, Integer> specialAddedTokens() {
        Map<String, Integer> special = new LinkedHashMap<>();
        for (JsonNode token : root.path("added_tokens")) {
            if (token.path("special").asBoolean(false) && token.path("content").isTextual()) {
                special.put(token.get("content").asText(), token.path("id").asInt());
            }
        }
        return special;
    }

    /**
     * This tokenizer.json with its special added tokens removed: a tokenizer built from it no longer splits
     * {@code <s>} or {@code </s>} out of text, so they are encoded as the ordinary characters they are made of.
     * Nothing else changes (vocabulary, merges, normalizer, post-processor), so text without special-token text
     * encodes to the same ids.
     */
    String withoutSpecialAddedTokens() {
        ObjectNode copy = root.deepCopy();
        ArrayNode kept = MAPPER.createArrayNode();
        for (JsonNode token : root.path("added_tokens")) {
            if (!token.path("special").asBoolean(false)) {
                kept.add(token.deepCopy());
            }
        }
        copy.set("added_tokens", kept);
        try {
            return MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree just read from JSON always writes back", e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
