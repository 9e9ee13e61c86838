package org.relevanceworkbench.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shared JSON Lines plumbing: one object per line, blank lines ignored, field aliases. */
final class JsonLines {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonLines() {
    }

    /** What a JSON Lines reader does with each object. */
    @FunctionalInterface
    interface ObjectHandler<R> {
        void handle(ObjectNode object, Location at, RecordSink<R> sink) throws Exception;
    }

    /** Reads every line as a JSON object; a line that is not one becomes a problem. */
    static <R> void read(SourceFile source, RecordSink<R> sink, ObjectHandler<R> handler) throws Exception {
        LineReader.forEachLine(source, sink, (text, at, s) -> {
            JsonNode node;
            try {
                node = MAPPER.readTree(text);
            } catch (JsonProcessingException e) {
                s.problem(at, ProblemKind.BAD_JSON, "bad JSON at column "
                        + (e.getLocation() == null ? 1 : e.getLocation().getColumnNr()) + ": " + jacksonMessage(e));
                return;
            }
            if (!(node instanceof ObjectNode object)) {
                s.problem(at, ProblemKind.BAD_JSON, "bad JSON: expected an object, found "
                        + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                return;
            }
            handler.handle(object, at, s);
        });
    }

    /** The first of {@code keys} present with a scalar value, as text; null when none is. */
    static String scalar(ObjectNode object, String... keys) {
        for (String key : keys) {
            JsonNode value = object.get(key);
            if (value != null && !value.isNull() && value.isValueNode()) {
                return value.asText();
            }
        }
        return null;
    }

    /** The first of {@code keys} present, whatever its value (null when none is). */
    static String presentKey(ObjectNode object, String... keys) {
        for (String key : keys) {
            if (object.has(key)) {
                return key;
            }
        }
        return null;
    }

    /** Jackson's message without its "[Source: …]" location noise, which users cannot act on. */
    private static String jacksonMessage(JsonProcessingException e) {
        String message = oneLine(e.getOriginalMessage());
        return message.replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                .replaceAll("\\s*at \\[Source:[^\\]]*\\]", "");
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String flat = message.replaceAll("\\s+", " ").strip();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }
}
