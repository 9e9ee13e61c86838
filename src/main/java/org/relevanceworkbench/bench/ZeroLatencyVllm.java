package org.relevanceworkbench.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A vLLM pooling server that answers at once, for measuring what the client alone can push: {@code /v1/models},
 * {@code /version} and {@code /classify}, whose answer gives every prompt the same log-odds. It reads a request with
 * a streaming parser that only counts the prompts (no tree, no ints kept), and keeps one answer body per batch size,
 * so that as little as possible of the shared cores goes to the server side.
 */
final class ZeroLatencyVllm implements AutoCloseable {
    static final String MODEL = "bench/FollowIR-7B";
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpServer http;
    private final ExecutorService threads;
    private final ConcurrentHashMap<Integer, byte[]> answers = new ConcurrentHashMap<>();
    final AtomicLong prompts = new AtomicLong();
    final AtomicLong tokens = new AtomicLong();

    ZeroLatencyVllm(int threadCount) throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        threads = Executors.newFixedThreadPool(threadCount, r -> {
            Thread t = new Thread(r, "bench-vllm");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
        http.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body;
            switch (path) {
                case "/version" -> body = "{\"version\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
                case "/v1/models" -> body = ("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":"
                        + "\"model\",\"owned_by\":\"vllm\",\"max_model_len\":32768}]}").getBytes(StandardCharsets.UTF_8);
                case "/classify" -> {
                    boolean raw;
                    int n;
                    try (InputStream in = exchange.getRequestBody()) {
                        long[] counted = count(in);
                        n = (int) counted[0];
                        tokens.addAndGet(counted[1]);
                        raw = counted[2] == 1;
                    }
                    prompts.addAndGet(n);
                    body = answers.computeIfAbsent(raw ? n : -n, k -> answer(Math.abs(k), raw));
                }
                default -> {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {prompts, tokens, use_activation false ? 1 : 0} of a classify request, read as a stream. */
    private static long[] count(InputStream in) throws IOException {
        long prompts = 0;
        long tokens = 0;
        long raw = 0;
        try (JsonParser p = JSON.createParser(in)) {
            int depth = 0;
            String field = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> field = depth == 1 ? p.currentName() : field;
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        if (depth == 3 && "input".equals(field)) {
                            prompts++;
                        }
                    }
                    case END_OBJECT, END_ARRAY -> depth--;
                    case VALUE_NUMBER_INT -> tokens++;
                    case VALUE_FALSE -> raw = depth == 1 && "use_activation".equals(field) ? 1 : raw;
                    default -> { }
                }
            }
        }
        return new long[] {prompts, tokens, raw};
    }

    private static byte[] answer(int n, boolean raw) {
        StringBuilder s = new StringBuilder("{\"id\":\"classify-bench\",\"object\":\"list\",\"created\":0,\"model\":\"")
                .append(MODEL).append("\",\"data\":[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append("{\"index\":").append(i).append(",\"label\":null,\"probs\":[")
                    .append(raw ? "0.25" : "0.5621765008857981").append("],\"num_classes\":1}");
        }
        return s.append("],\"usage\":{\"prompt_tokens\":0,\"total_tokens\":0}}").toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
