package org.relevanceworkbench.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.relevanceworkbench.common.UserException;

/**
 * Where the Hugging Face hub is and where its files are kept, read as {@code huggingface_hub} reads them
 * ({@code src/huggingface_hub/constants.py}): the endpoint from {@code HF_ENDPOINT} (default https://huggingface.co),
 * the cache from {@code HF_HUB_CACHE}, else {@code HUGGINGFACE_HUB_CACHE}, else {@code HF_HOME/hub}, else
 * {@code XDG_CACHE_HOME/huggingface/hub}, else {@code ~/.cache/huggingface/hub}; a token from {@code HF_TOKEN}
 * (else the older {@code HUGGING_FACE_HUB_TOKEN}).
 *
 * <p>The token lives in this object only: it is never written anywhere, and {@link #toString()} leaves it out.
 * Everything is injectable ({@link #withEndpoint}, {@link #withCache}, {@link #withToken}), so callers and tests never
 * mutate the environment.
 */
public final class HubSettings {
    public static final URI DEFAULT_ENDPOINT = URI.create("https://huggingface.co");

    private final URI endpoint;
    private final Path cache;
    private final String token;

    private HubSettings(URI endpoint, Path cache, String token) {
        this.endpoint = Objects.requireNonNull(endpoint);
        this.cache = Objects.requireNonNull(cache);
        this.token = token == null || token.isBlank() ? null : token.strip();
    }

    /** The settings a process with this environment and home folder gets. */
    public static HubSettings fromEnvironment(Map<String, String> env, Path home) {
        String token = firstSet(env, "HF_TOKEN", "HUGGING_FACE_HUB_TOKEN");
        return new HubSettings(endpoint(env.get("HF_ENDPOINT"), "HF_ENDPOINT"), cacheDir(env, home), token);
    }

    /** The settings of this process ({@code System.getenv()}, {@code user.home}). */
    public static HubSettings fromSystem() {
        return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The hub cache folder this environment names (see the class comment for the order). */
    public static Path cacheDir(Map<String, String> env, Path home) {
        String hubCache = firstSet(env, "HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE");
        if (hubCache != null) {
            return expand(hubCache, home);
        }
        String hfHome = firstSet(env, "HF_HOME");
        if (hfHome != null) {
            return expand(hfHome, home).resolve("hub");
        }
        String xdg = firstSet(env, "XDG_CACHE_HOME");
        Path base = xdg != null ? expand(xdg, home) : home.resolve(".cache");
        return base.resolve("huggingface").resolve("hub");
    }

    /** An endpoint URL without its trailing slash; null or blank gives the default. */
    static URI endpoint(String value, String what) {
        if (value == null || value.isBlank()) {
            return DEFAULT_ENDPOINT;
        }
        String trimmed = value.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new URISyntaxException(trimmed, "not an http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UserException(what + " '" + value + "' is not an http(s) URL such as https://huggingface.co");
        }
    }

    private static Path expand(String path, Path home) {
        if (path.equals("~")) {
            return home;
        }
        if (path.startsWith("~/") || path.startsWith("~\\")) {
            return home.resolve(path.substring(2));
        }
        return Path.of(path);
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    public URI endpoint() {
        return endpoint;
    }

    public Path cache() {
        return cache;
    }

    /** Whether a token will be sent (its value is not exposed beyond the HTTP client). */
    public boolean hasToken() {
        return token != null;
    }

    String token() {
        return token;
    }

    public HubSettings withEndpoint(URI newEndpoint) {
        return new HubSettings(endpoint(newEndpoint.toString(), "the endpoint"), cache, token);
    }

    public HubSettings withEndpoint(String url, String what) {
        return new HubSettings(endpoint(url, what), cache, token);
    }

    public HubSettings withCache(Path newCache) {
        return new HubSettings(endpoint, newCache, token);
    }

    /** Null or blank: no token. */
    public HubSettings withToken(String newToken) {
        return new HubSettings(endpoint, cache, newToken);
    }

    @Override
    public String toString() {
        return "HubSettings[endpoint=" + endpoint + ", cache=" + cache + ", token=" + (token == null ? "none" : "set")
                + "]";
    }
}
