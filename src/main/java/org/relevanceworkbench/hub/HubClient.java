package org.relevanceworkbench.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;

/**
 * The hub's HTTP protocol as {@code huggingface_hub} speaks it, on the JDK's {@link HttpClient}:
 * <ul>
 * <li>{@code GET {endpoint}/api/models/{repo}/revision/{rev}?blobs=true}: the commit ({@code sha}) and the files with
 * sizes, blob ids and LFS sha256 ({@code HfApi.model_info(files_metadata=True)}, {@code src/huggingface_hub/hf_api.py});
 * <li>{@code HEAD {endpoint}/{repo}/resolve/{commit}/{file}} with {@code Accept-Encoding: identity}, following
 * relative redirects only (a renamed repository) and reading {@code X-Repo-Commit}, {@code X-Linked-Etag} else
 * {@code ETag} (without {@code W/} and quotes), {@code X-Linked-Size} else {@code Content-Length}, and
 * {@code Location} (the CDN) ({@code get_hf_file_metadata}, {@code _httpx_follow_relative_redirects},
 * {@code _normalize_etag} in {@code src/huggingface_hub/file_download.py});
 * <li>{@code GET} of that location with {@code Range: bytes=N-} to resume ({@code http_get}), following redirects;
 * the token goes only to the endpoint's own host, never to a CDN ({@code _get_metadata_or_catch_error}: "url domain
 * is different => we are downloading from a CDN => url is signed => don't send auth").
 * </ul>
 * Errors are read as {@code hf_raise_for_status} reads them ({@code src/huggingface_hub/utils/_http.py}): the
 * {@code X-Error-Code} header ({@code RepoNotFound}, {@code RevisionNotFound}, {@code EntryNotFound},
 * {@code GatedRepo}), 401 on a repository route as "not found, or private/gated without a token", 403 as a token
 * without permission. Each becomes a one-line {@link UserException}; none of them ever holds the token.
 */
final class HubClient implements AutoCloseable {
    static final String USER_AGENT = "relevance-workbench/" + version() + "; java/" + Runtime.version().feature();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REDIRECTS = 10;

    private final HubSettings settings;
    private final ModelDownloader.Options options;
    private final ExecutorService threads;
    private final HttpClient http;

    HubClient(HubSettings settings, ModelDownloader.Options options) {
        this.settings = settings;
        this.options = options;
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hub-http");
            t.setDaemon(true);
            return t;
        });
        // HTTP/1.1: plain streams for 5 GB files and Range requests; redirects are followed by hand so that the
        // token never travels on to another host.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .executor(threads).build();
    }

    private static String version() {
        String v = HubClient.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** What a HEAD on a file's resolve URL says. */
    record FileMeta(String etag, String commit, long size, URI location) {
    }

    /** Where the streamed bytes of a GET go. */
    interface Sink {
        /** The response starts at {@code offset} of the file (0 when the server ignored the Range). */
        void start(long offset) throws IOException;

        void write(ByteBuffer chunk) throws IOException;
    }

    // ---- the file list -------------------------------------------------------------------------------------------

    RepoInfo repoInfo(RepoId repo, String revision) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + repo.id() + "/revision/" + quote(revision, false)
                + "?blobs=true");
        HttpResponse<byte[]> response = withRetries(repo, revision, "the file list of " + repo,
                () -> http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        if (response.statusCode() != 200) {
            throw failure(response.statusCode(), response.headers(), response.body(), repo, revision, null);
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UserException(settings.endpoint() + " answered the file list of " + repo + " with something that"
                    + " is not JSON (is HF_ENDPOINT a Hugging Face hub?)");
        }
        String commit = json.path("sha").asText("");
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new UserException(settings.endpoint() + " gave no commit for " + repo + " at '" + revision
                    + "' (is HF_ENDPOINT a Hugging Face hub?)");
        }
        List<HubFile> files = new ArrayList<>();
        for (JsonNode sibling : json.path("siblings")) {
            String name = sibling.path("rfilename").asText(null);
            if (name == null) {
                continue;
            }
            JsonNode lfs = sibling.path("lfs");
            Long size = sibling.hasNonNull("size") ? sibling.get("size").asLong() : null;
            if (size == null && lfs.hasNonNull("size")) {
                size = lfs.get("size").asLong();
            }
            files.add(new HubFile(name, size, lower(sibling.path("blobId").asText(null)),
                    lower(lfs.path("sha256").asText(null))));
        }
        JsonNode gated = json.path("gated");
        return new RepoInfo(repo, commit, files, gated.isTextual() || gated.asBoolean(false));
    }

    // ---- one file's metadata ------------------------------------------------------------------------------------

    FileMeta head(RepoId repo, String commit, String file) {
        URI uri = resolveUrl(repo, commit, file);
        for (int hop = 0; ; hop++) {
            URI current = uri;
            HttpResponse<Void> response = withRetries(repo, commit, file,
                    () -> http.send(request(current).header("Accept-Encoding", "identity")
                            .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                            HttpResponse.BodyHandlers.discarding()));
            int status = response.statusCode();
            HttpHeaders h = response.headers();
            Optional<String> location = h.firstValue("Location");
            if (status >= 300 && status < 400 && location.isPresent() && hop < MAX_REDIRECTS) {
                URI target = URI.create(location.get());
                if (target.getHost() == null) { // a relative redirect (a renamed repository): follow it
                    uri = current.resolve(target);
                    continue;
                }
            }
            if (status >= 400 || (status >= 300 && location.isEmpty())) {
                throw failure(status, h, null, repo, commit, file);
            }
            String etag = normalizeEtag(h.firstValue("X-Linked-Etag").or(() -> h.firstValue("ETag")).orElse(null));
            String size = h.firstValue("X-Linked-Size").or(() -> h.firstValue("Content-Length")).orElse(null);
            if (etag == null || size == null) {
                throw new UserException(file + " of " + repo + ": " + settings.endpoint() + " sent no "
                        + (etag == null ? "ETag" : "size") + ", so its download could not be verified"
                        + " (is HF_ENDPOINT a Hugging Face hub, or a proxy that strips headers?)");
            }
            long length;
            try {
                length = Long.parseLong(size.strip());
            } catch (NumberFormatException e) {
                throw new UserException(file + " of " + repo + ": the hub sent a size that is not a number: " + size);
            }
            URI target = location.map(l -> current.resolve(URI.create(l))).orElse(current);
            return new FileMeta(etag, h.firstValue("X-Repo-Commit").map(c -> c.strip().toLowerCase(Locale.ROOT))
                    .orElse(null), length, target);
        }
    }

    // ---- one GET of a file, from an offset ------------------------------------------------------------------------

    /**
     * One attempt at streaming {@code location} from {@code offset} into {@code sink}. Returns normally when the
     * body ended (the caller checks the length); throws {@link IOException} on a dropped or stalled connection (the
     * caller retries), {@link UserException} on an HTTP error, {@link CancelledException} on cancel.
     */
    void fetch(URI location, long offset, RepoId repo, String file, Sink sink, CancellationToken cancel)
            throws IOException {
        URI uri = location;
        for (int hop = 0; ; hop++) {
            HttpRequest.Builder builder = request(uri).header("Accept-Encoding", "identity").GET();
            if (offset > 0) {
                builder.header("Range", "bytes=" + offset + "-");
            }
            Chunks chunks = new Chunks();
            HttpResponse<Object> response;
            try {
                response = http.send(builder.build(), info -> info.statusCode() == 200 || info.statusCode() == 206
                        ? chunks : HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofByteArray(),
                                b -> (Object) b));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (SSLHandshakeException e) {
                throw insecure(uri, e);
            }
            int status = response.statusCode();
            if (status >= 300 && status < 400 && hop < MAX_REDIRECTS) {
                Optional<String> next = response.headers().firstValue("Location");
                if (next.isPresent()) {
                    uri = uri.resolve(URI.create(next.get()));
                    continue;
                }
            }
            if (status == 416) { // the range starts at or beyond the end: the partial file is not what we think
                throw new RangeNotSatisfiable();
            }
            if (status != 200 && status != 206) {
                byte[] body = response.body() instanceof byte[] b ? b : null;
                if (status == 429 || status >= 500) {
                    throw new IOException("HTTP " + status + " from " + uri.getHost());
                }
                if ((status == 401 || status == 403) && !sameOrigin(uri, settings.endpoint())) {
                    throw new Expired("HTTP " + status + " from " + uri.getHost());
                }
                throw failure(status, response.headers(), body, repo, null, file);
            }
            long start = 0;
            if (status == 206) {
                start = contentRangeStart(response.headers().firstValue("Content-Range").orElse(null), offset);
            }
            sink.start(start);
            chunks.drainInto(sink, cancel, options.stallTimeout());
            return;
        }
    }

    /** A CDN refused its signed URL (it expires): the caller asks the hub for a fresh location. */
    static final class Expired extends IOException {
        private static final long serialVersionUID = 1L;

        Expired(String message) {
            super(message);
        }
    }

    /** The server answered 416 to a Range: the caller restarts the file from its first byte. */
    static final class RangeNotSatisfiable extends IOException {
        private static final long serialVersionUID = 1L;

        RangeNotSatisfiable() {
            super("416 Range Not Satisfiable");
        }
    }

    private static long contentRangeStart(String contentRange, long asked) {
        // "bytes 100-199/200"; a server that starts elsewhere than asked is taken at its word
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return asked;
        }
        try {
            String range = contentRange.substring(6, contentRange.indexOf('/'));
            return Long.parseLong(range.substring(0, range.indexOf('-')).strip());
        } catch (RuntimeException e) {
            return asked;
        }
    }

    /**
     * A body subscriber whose chunks the calling thread takes one by one, so that the caller can cancel at once and
     * notice a connection that stopped sending ({@link HttpClient} has no read timeout for a streamed body).
     */
    private static final class Chunks implements HttpResponse.BodySubscriber<Object> {
        private static final Object END = new Object();
        private final BlockingQueue<Object> items = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean done;

        @Override
        public CompletionStage<Object> getBody() {
            return CompletableFuture.completedStage(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (done) { // the reader gave up before the body began: close the connection
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            items.add(throwable);
        }

        @Override
        public void onComplete() {
            items.add(END);
        }

        void drainInto(Sink sink, CancellationToken cancel, Duration stall) throws IOException {
            long lastData = System.nanoTime();
            try {
                while (true) {
                    if (cancel.isCancelled()) {
                        throw new CancelledException();
                    }
                    Object item;
                    try {
                        item = items.poll(200, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancelledException();
                    }
                    if (item == null) {
                        if (System.nanoTime() - lastData > stall.toNanos()) {
                            throw new HttpTimeoutException("no data for " + stall.toSeconds() + " s");
                        }
                        continue;
                    }
                    if (item == END) {
                        return;
                    }
                    if (item instanceof Throwable t) {
                        throw t instanceof IOException io ? io : new IOException(t.getMessage(), t);
                    }
                    @SuppressWarnings("unchecked")
                    List<ByteBuffer> buffers = (List<ByteBuffer>) item;
                    for (ByteBuffer b : buffers) {
                        sink.write(b);
                    }
                    lastData = System.nanoTime();
                    subscription.request(1);
                }
            } finally {
                done = true;
                Flow.Subscription s = subscription;
                if (s != null) {
                    s.cancel(); // a no-op after the end; on any failure it closes the connection
                }
            }
        }
    }

    // ---- requests, retries, errors --------------------------------------------------------------------------------

    URI resolveUrl(RepoId repo, String revision, String file) {
        return URI.create(settings.endpoint() + "/" + repo.id() + "/resolve/" + quote(revision, false) + "/"
                + quote(file, true));
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout())
                .header("User-Agent", USER_AGENT);
        if (settings.hasToken() && sameOrigin(uri, settings.endpoint())) {
            b.header("Authorization", "Bearer " + settings.token());
        }
        return b;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private interface Call<T> {
        HttpResponse<T> send() throws IOException, InterruptedException;
    }

    /** 429 and 5xx are retried with backoff (as {@code http_backoff}); a connection that cannot be made is not. */
    private <T> HttpResponse<T> withRetries(RepoId repo, String revision, String what, Call<T> call) {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<T> response;
            try {
                response = call.send();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancelledException();
            } catch (HttpConnectTimeoutException | ConnectException | UnknownHostException e) {
                throw new UserException("cannot reach " + settings.endpoint() + " (" + reason(e) + "); check the"
                        + " network, or set HF_ENDPOINT to a mirror");
            } catch (SSLHandshakeException e) {
                throw insecure(settings.endpoint(), e);
            } catch (IOException e) {
                if (attempt > options.retries()) {
                    throw new UserException(settings.endpoint() + " did not answer for " + what + " (" + reason(e)
                            + ") after " + attempt + " tries; try again later");
                }
                options.sleeper().sleep(options.backoff(attempt));
                continue;
            }
            int status = response.statusCode();
            if ((status == 429 || status == 500 || status == 502 || status == 503 || status == 504)
                    && attempt <= options.retries()) {
                options.sleeper().sleep(retryAfter(response.headers()).orElse(options.backoff(attempt)));
                continue;
            }
            if (status == 429 || status >= 500) {
                throw new UserException(settings.endpoint() + " answered HTTP " + status + " for " + what + " "
                        + attempt + " times; try again later");
            }
            return response;
        }
    }

    private static Optional<Duration> retryAfter(HttpHeaders headers) {
        try {
            return headers.firstValue("Retry-After").map(v -> Duration.ofSeconds(Math.min(300, Long.parseLong(v.strip()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A TLS failure is not retried: it says why in one line. */
    static UserException insecure(URI where, SSLException e) {
        String message = String.valueOf(e.getMessage());
        return new UserException("cannot connect securely to " + where.getScheme() + "://" + where.getAuthority() + ": "
                + (message.contains("PKIX") ? "its certificate is not trusted here (a proxy that intercepts TLS needs"
                        + " its CA in the system's trust store)" : message.lines().findFirst().orElse("")));
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof java.nio.channels.UnresolvedAddressException) {
                return "unknown host" + (t.getMessage() == null ? "" : " " + t.getMessage());
            }
        }
        String message = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (message != null && message.matches("(?is).*(closed|content-length|EOF|reset|broken pipe).*")) {
            return "the connection dropped";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }

    /** An HTTP error as one line, read as {@code hf_raise_for_status} reads it. */
    UserException failure(int status, HttpHeaders headers, byte[] body, RepoId repo, String revision, String file) {
        String code = headers.firstValue("X-Error-Code").orElse("");
        String page = settings.endpoint() + "/" + repo.id();
        String tokenHint = settings.hasToken() ? "the token given cannot read it"
                : "set HF_TOKEN (or --token-env NAME) to a token that can read it";
        String subject = file == null ? repo.id() : file + " of " + repo.id();
        if (code.equals("GatedRepo")) {
            return new UserException(repo.id() + " is gated: " + (settings.hasToken()
                    ? "the token's account has not been granted access yet; accept the conditions on " + page
                    : "accept its conditions on " + page + ", then set HF_TOKEN (or --token-env NAME) to a token of"
                            + " that account"));
        }
        if (code.equals("RevisionNotFound")) {
            return new UserException(repo.id() + " has no revision '" + revision + "' on " + settings.endpoint());
        }
        if (code.equals("EntryNotFound")) {
            return new UserException(subject + ": no such file on " + settings.endpoint());
        }
        if (code.equals("RepoNotFound") || status == 401) {
            return new UserException(repo.id() + ": no such model on " + settings.endpoint()
                    + " (if it is private or gated, " + tokenHint + ")");
        }
        if (status == 403) {
            return new UserException(subject + ": access denied by " + settings.endpoint() + " (403"
                    + serverMessage(headers, body) + "); " + (settings.hasToken()
                            ? "the token lacks the permission to read it" : "it needs a token: set HF_TOKEN"));
        }
        if (status == 404) {
            return new UserException(subject + ": not found on " + settings.endpoint()
                    + (revision != null ? " at '" + revision + "'" : ""));
        }
        return new UserException(subject + ": " + settings.endpoint() + " answered HTTP " + status
                + serverMessage(headers, body));
    }

    /** The hub's own words ({@code X-Error-Message}, or a JSON body's {@code error}), on one line. */
    private static String serverMessage(HttpHeaders headers, byte[] body) {
        String message = headers.firstValue("X-Error-Message").orElse(null);
        if (message == null && body != null && body.length > 0 && body.length < 10_000) {
            try {
                JsonNode json = JSON.readTree(body);
                if (json.path("error").isTextual()) {
                    message = json.get("error").asText();
                }
            } catch (IOException e) {
                message = null;
            }
        }
        if (message == null || message.isBlank()) {
            return "";
        }
        String line = message.lines().findFirst().orElse("").strip();
        return ": " + (line.length() > 200 ? line.substring(0, 200) + "…" : line);
    }

    /** {@code _normalize_etag}: {@code W/"x"} and {@code "x"} both become {@code x}. */
    static String normalizeEtag(String etag) {
        if (etag == null) {
            return null;
        }
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        e = e.replace("\"", "");
        return e.isEmpty() ? null : e.toLowerCase(Locale.ROOT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /**
     * Python's {@code urllib.parse.quote}: every byte but letters, digits and {@code _.-~} percent-encoded, and
     * {@code /} too unless kept ({@code quote(revision, safe="")} and {@code quote(filename)} in {@code hf_hub_url}).
     */
    static String quote(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-' || c == '~' || (keepSlash && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
