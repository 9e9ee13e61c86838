package org.relevanceworkbench.remote;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.relevanceworkbench.common.UserException;

/**
 * How to reach the servers that score.
 *
 * @param urls        base URLs, each {@code http(s)://host[:port][/prefix]}; the routes are appended
 * @param engine      the protocol, or auto
 * @param apiKey      sent as {@code Authorization: Bearer …}; null for none. Held in memory only: never written,
 *                    logged, or shown ({@link #toString} leaves it out)
 * @param maxInFlight requests each server may have in flight at most (the adaptive limit stays at or below it)
 * @param timeout     the longest wait for one answer before it counts as failed and is retried
 * @param batchSize   prompts per request at most (the OpenAI completions route sends one prompt per request)
 * @param modelId     the model id to ask for; null: the one the servers serve
 * @param dtype       the precision the servers compute in, recorded with the scores and keyed in the cache; null:
 *                    what the engine reports, else {@code server-default}
 */
public record ServerOptions(List<URI> urls, EngineChoice engine, String apiKey, int maxInFlight, Duration timeout,
        int batchSize, String modelId, String dtype) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_BATCH_SIZE = 32;

    public ServerOptions {
        if (urls == null || urls.isEmpty()) {
            throw new UserException("give at least one --server URL");
        }
        urls = List.copyOf(new LinkedHashSet<>(urls));
        if (maxInFlight < 1 || maxInFlight > 1024) {
            throw new UserException("--max-in-flight must be between 1 and 1024, not " + maxInFlight);
        }
        if (batchSize < 1) {
            throw new UserException("--server-batch must be at least 1, not " + batchSize);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new UserException("--timeout must be positive");
        }
    }

    /** Defaults for everything but the servers. */
    public static ServerOptions of(List<URI> urls) {
        return new ServerOptions(urls, EngineChoice.AUTO, null, DEFAULT_MAX_IN_FLIGHT, DEFAULT_TIMEOUT,
                DEFAULT_BATCH_SIZE, null, null);
    }

    public ServerOptions withEngine(EngineChoice e) {
        return new ServerOptions(urls, e, apiKey, maxInFlight, timeout, batchSize, modelId, dtype);
    }

    public ServerOptions withApiKey(String key) {
        return new ServerOptions(urls, engine, key, maxInFlight, timeout, batchSize, modelId, dtype);
    }

    public ServerOptions withMaxInFlight(int n) {
        return new ServerOptions(urls, engine, apiKey, n, timeout, batchSize, modelId, dtype);
    }

    public ServerOptions withTimeout(Duration t) {
        return new ServerOptions(urls, engine, apiKey, maxInFlight, t, batchSize, modelId, dtype);
    }

    public ServerOptions withBatchSize(int n) {
        return new ServerOptions(urls, engine, apiKey, maxInFlight, timeout, n, modelId, dtype);
    }

    public ServerOptions withModelId(String id) {
        return new ServerOptions(urls, engine, apiKey, maxInFlight, timeout, batchSize, id, dtype);
    }

    public ServerOptions withDtype(String d) {
        return new ServerOptions(urls, engine, apiKey, maxInFlight, timeout, batchSize, modelId, d);
    }

    /**
     * Parses what a user typed as server URLs: {@code host:port} gets {@code http://}, a trailing {@code /} and a
     * trailing {@code /v1} are dropped (the routes add them). Credentials inside a URL are refused: a key belongs in
     * {@code --api-key-env}, where it is never stored.
     */
    public static URI parseUrl(String text) {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new UserException("a server URL is empty");
        }
        if (!s.contains("://")) {
            s = "http://" + s;
        }
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new UserException("'" + text + "' is not a server URL (expected http://host:port)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserException("'" + text + "' is not a server URL: only http:// and https:// are spoken");
        }
        if (uri.getHost() == null) {
            throw new UserException("'" + text + "' is not a server URL: it names no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UserException("a server URL must not hold credentials; pass the key with --api-key-env NAME");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UserException("'" + text + "' is not a base URL: drop its ?query or #fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.endsWith("/v1")) {
            path = path.substring(0, path.length() - 3);
        }
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    /** Parses several URLs, one per entry (blank entries skipped). */
    public static List<URI> parseUrls(List<String> texts) {
        List<URI> out = new ArrayList<>();
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                out.add(parseUrl(t));
            }
        }
        return out;
    }

    /** Whether a server is on this machine (plain http to it needs no warning). */
    public static boolean isLoopback(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    /** Everything but the key, which is never shown. */
    @Override
    public String toString() {
        return "ServerOptions[urls=" + urls + ", engine=" + engine + ", apiKey=" + (apiKey == null ? "none" : "(set)")
                + ", maxInFlight=" + maxInFlight + ", timeout=" + timeout + ", batchSize=" + batchSize + ", modelId="
                + modelId + ", dtype=" + dtype + "]";
    }
}
