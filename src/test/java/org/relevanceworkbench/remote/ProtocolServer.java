package org.relevanceworkbench.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * An in-process HTTP server that speaks one engine's protocol on loopback, as the engine's own code defines the JSON
 * (field names, error bodies, status codes), backed by the local DJL decoder on a random checkpoint through
 * {@link Backend}. Tests script faults on its scoring route and read back every request it got.
 */
public abstract class ProtocolServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** What computes the logits of token-id prompts: [logit_false, logit_true] per prompt. */
    @FunctionalInterface
    public interface Backend {
        float[][] logits(int[][] prompts);
    }

    /** One scripted misbehaviour of the scoring route, used once. */
    public sealed interface Fault permits Status, Drop, Delay, Malformed, WrongCount, OtherModel {
    }

    /** Answer with this status, body and Retry-After (null: none). */
    public record Status(int code, String body, String retryAfter) implements Fault {
    }

    /** Close the connection without answering. */
    public record Drop() implements Fault {
    }

    /** Answer normally, but only after this many milliseconds. */
    public record Delay(long millis) implements Fault {
    }

    /** Answer 200 with a body that is not JSON. */
    public record Malformed() implements Fault {
    }

    /** Answer one result too few. */
    public record WrongCount() implements Fault {
    }

    /** Answer as if serving another model. */
    public record OtherModel(String modelId) implements Fault {
    }

    /** A request the server got on its scoring route. */
    public record Request(String path, JsonNode body, String authorization) {
    }

    final Backend backend;
    final String modelId;
    private final HttpServer http;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "protocol-server");
        t.setDaemon(true);
        return t;
    });
    private final ConcurrentLinkedDeque<Fault> faults = new ConcurrentLinkedDeque<>();
    private volatile IntPredicate failEvery = n -> false;
    private volatile Fault failWith;
    private volatile long latencyMillis;
    public final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger scoringRequests = new AtomicInteger();
    private volatile String requiredKey;

    ProtocolServer(Backend backend, String modelId) {
        this.backend = backend;
        this.modelId = modelId;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** Scripts the next scoring requests' faults, in order. */
    public ProtocolServer thenFail(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** From now on, fails every scoring request whose number (1-based) matches, with {@code fault}. */
    public ProtocolServer failWhen(IntPredicate which, Fault fault) {
        failWith = fault;
        failEvery = which;
        return this;
    }

    /** Answers every scoring request this much later (a slow GPU). */
    public ProtocolServer latency(long millis) {
        latencyMillis = millis;
        return this;
    }

    /** Requires {@code Authorization: Bearer key} on the routes the engine guards. */
    public ProtocolServer requireKey(String key) {
        requiredKey = key;
        return this;
    }

    /** The token-id prompts the scoring route received, in arrival order. */
    public List<int[]> promptsReceived() {
        List<int[]> out = new ArrayList<>();
        synchronized (requests) {
            for (Request r : requests) {
                out.addAll(promptsOf(r.body()));
            }
        }
        return out;
    }

    /** The prompts of one scoring request, as the engine would assemble them. */
    abstract List<int[]> promptsOf(JsonNode body);

    /** Routes this engine answers: info routes and the scoring route. Null: 404 as the engine writes it. */
    abstract Answer route(String method, String path, JsonNode body, Fault fault) throws IOException;

    /** The path of the route that scores, whose requests faults apply to. */
    abstract boolean isScoring(String path);

    /** Whether the engine checks the API key on this path (vLLM: only under /v1). */
    boolean guarded(String path) {
        return true;
    }

    /** The engine's 401 body. */
    abstract String unauthorized();

    /** The engine's body for an unknown route. */
    String notFound() {
        return "{\"detail\":\"Not Found\"}";
    }

    record Answer(int status, String body, Map<String, String> headers) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body.toString(), Map.of());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (requiredKey != null && guarded(path) && !("Bearer " + requiredKey).equals(auth)) {
                send(exchange, new Answer(401, unauthorized(), Map.of()));
                return;
            }
            Fault fault = null;
            if (isScoring(path)) {
                int n = scoringRequests.incrementAndGet();
                requests.add(new Request(path, body, auth));
                fault = faults.poll();
                if (fault == null && failEvery.test(n)) {
                    fault = failWith;
                }
                if (latencyMillis > 0) {
                    sleep(latencyMillis);
                }
            }
            if (fault instanceof Drop) {
                throw new IOException("test fault: drop the connection"); // the server closes it unanswered
            }
            if (fault instanceof Delay d) {
                sleep(d.millis());
            }
            if (fault instanceof Status s) {
                send(exchange, new Answer(s.code(), s.body(), s.retryAfter() == null ? Map.of()
                        : Map.of("Retry-After", s.retryAfter())));
                return;
            }
            if (fault instanceof Malformed) {
                send(exchange, new Answer(200, "{\"data\": [{\"index\": 0, \"probs\": [0.5", Map.of()));
                return;
            }
            Answer answer = route(method, path, body, fault);
            send(exchange, answer == null ? new Answer(404, notFound(), Map.of()) : answer);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static int[] ids(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The model a request asks for matches; else the engine's "does not exist" answer, or null when it matches. */
    static boolean asksFor(JsonNode body, String modelId) {
        JsonNode m = body == null ? null : body.get("model");
        return m == null || m.isNull() || m.asText().equals(modelId);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
