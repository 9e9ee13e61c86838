package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One HTTP answer of a server: status, body, and the one header the pool reads ({@code Retry-After}). Turns non-2xx
 * answers into {@link ServerFailure}s with the engine's own error message (vLLM, SGLang, llama.cpp and FastAPI each
 * nest it differently).
 */
record HttpAnswer(int status, byte[] body, Optional<String> retryAfterHeader) {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MESSAGE = 300;

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON, or a failure of the given kind when it is not JSON. */
    JsonNode json(ServerFailure.Kind ifMalformed) throws ServerFailure {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ServerFailure(ifMalformed, "answered " + status + " with an empty body");
            }
            return node;
        } catch (IOException e) {
            throw new ServerFailure(ifMalformed, "answered " + status + " with malformed JSON ("
                    + oneLine(e.getMessage()) + ")");
        }
    }

    /** The failure a non-2xx answer means. */
    ServerFailure failure() {
        String message = "answered " + status + reason() + errorMessage().map(m -> ": " + m).orElse("");
        if (status == 429) {
            return new ServerFailure(ServerFailure.Kind.BUSY, message, retryAfter());
        }
        if (status == 401 || status == 403) {
            return new ServerFailure(ServerFailure.Kind.UNUSABLE, message + " (check --api-key-env)");
        }
        if (status == 404 || status == 405 || status == 501) {
            return new ServerFailure(ServerFailure.Kind.UNUSABLE, message);
        }
        if (status == 408 || status >= 500) {
            return new ServerFailure(ServerFailure.Kind.TRANSIENT, message, retryAfter());
        }
        return new ServerFailure(ServerFailure.Kind.REFUSED, message);
    }

    private String reason() {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 408 -> " Request Timeout";
            case 413 -> " Payload Too Large";
            case 422 -> " Unprocessable Entity";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 501 -> " Not Implemented";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    /**
     * The error text an engine put in its body: {@code {"error": {"message"}}} (vLLM ≥ 0.10, llama.cpp, OpenAI),
     * {@code {"message"}} (older vLLM, SGLang), {@code {"detail"}} (FastAPI), {@code {"error": "…"}} (TGI), or the
     * start of a plain-text body.
     */
    Optional<String> errorMessage() {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                JsonNode error = node.get("error");
                if (error != null && error.isObject() && error.path("message").isTextual()) {
                    return Optional.of(oneLine(error.get("message").asText()));
                }
                if (error != null && error.isTextual()) {
                    return Optional.of(oneLine(error.asText()));
                }
                if (node.path("message").isTextual()) {
                    return Optional.of(oneLine(node.get("message").asText()));
                }
                JsonNode detail = node.get("detail");
                if (detail != null && !detail.isNull()) {
                    return Optional.of(oneLine(detail.isTextual() ? detail.asText() : detail.toString()));
                }
            }
        } catch (IOException e) {
            // not JSON: fall through to the text
        }
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(oneLine(text));
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    Duration retryAfter() {
        return retryAfterHeader.map(HttpAnswer::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String value) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    static String oneLine(String text) {
        String s = String.valueOf(text).replaceAll("\\s+", " ").strip();
        return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
    }
}
