package org.relevanceworkbench.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Hugging Face hub on loopback that answers as the real one does, as far as {@code huggingface_hub} reads it:
 * <ul>
 * <li>{@code GET /api/models/{repo}/revision/{rev}?blobs=true}: {@code sha}, {@code gated} and {@code siblings} with
 * {@code rfilename}, {@code size}, {@code blobId} and, for LFS files, {@code lfs: {sha256, size, pointerSize}};
 * <li>{@code HEAD|GET /{repo}/resolve/{rev}/{file}}: a small file's bytes with {@code ETag: "<git blob id>"} and
 * {@code X-Repo-Commit}; an LFS file as a 302 to the "CDN" (another port, so another origin) with
 * {@code X-Linked-Etag: "<sha256>"}, {@code X-Linked-Size} and {@code X-Repo-Commit};
 * <li>errors with {@code X-Error-Code}: {@code RepoNotFound} (401 without a token, 404 with one),
 * {@code RevisionNotFound} (404), {@code EntryNotFound} (404), {@code GatedRepo} (401 without a token, 403 with one
 * that has no access; the file list of a gated repository is public, as on the hub).
 * </ul>
 * The CDN serves {@code Range: bytes=N-} with 206 and {@code Content-Range}; faults on demand: drop the connection
 * after some bytes, serve a corrupted byte, ignore Range. Everything asked is recorded.
 */
public final class HubServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    public record File(String name, byte[] bytes, boolean lfs) {
        public String sha256() {
            return hex("SHA-256", bytes, null);
        }

        public String gitOid() {
            return hex("SHA-1", bytes, ("blob " + bytes.length + "\0").getBytes(StandardCharsets.US_ASCII));
        }

        public String etag() {
            return lfs ? sha256() : gitOid();
        }
    }

    public static final class Repo {
        public final String id;
        public final Map<String, String> refs = new LinkedHashMap<>(); // revision -> commit
        public final Map<String, List<File>> commits = new LinkedHashMap<>();
        public String gatedToken; // non-null: gated, and this token has access

        public Repo(String id) {
            this.id = id;
        }

        public Repo commit(String commit, List<File> files, String... refNames) {
            commits.put(commit, files);
            for (String ref : refNames) {
                refs.put(ref, commit);
            }
            return this;
        }

        String commitOf(String revision) {
            if (commits.containsKey(revision)) {
                return revision;
            }
            return refs.get(revision);
        }

        public String main() {
            return refs.get("main");
        }
    }

    private final HttpServer hub;
    private final HttpServer cdn;
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final Map<String, File> blobs = new ConcurrentHashMap<>();

    // what was asked
    public final List<String> apiRequests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> resolveRequests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> cdnRequests = Collections.synchronizedList(new ArrayList<>());
    public final List<String> cdnRanges = Collections.synchronizedList(new ArrayList<>());
    public final List<String> hubAuthorizations = Collections.synchronizedList(new ArrayList<>());
    final List<String> cdnAuthorizations = Collections.synchronizedList(new ArrayList<>());

    // faults
    private final Deque<Long> drops = new ArrayDeque<>();
    private volatile Long dropForever;
    private volatile String corruptSha;
    private volatile boolean ignoreRange;
    final AtomicInteger served = new AtomicInteger();

    public HubServer() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        hub.setExecutor(Executors.newCachedThreadPool());
        cdn.setExecutor(Executors.newCachedThreadPool());
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.start();
        cdn.start();
    }

    public String url() {
        return "http://" + hub.getAddress().getHostString() + ":" + hub.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create(url());
    }

    /**
     * The CDN by another host name than the hub's ({@code localhost} against {@code 127.0.0.1}), as on the real hub:
     * huggingface_hub 1.x tells a CDN from the hub by host name alone and follows a HEAD redirect within one host.
     */
    String cdnUrl() {
        String host = CDN_HOST_WORKS ? "localhost" : cdn.getAddress().getHostString();
        return "http://" + host + ":" + cdn.getAddress().getPort();
    }

    private static final boolean CDN_HOST_WORKS = localhostIsIpv4Loopback();

    private static boolean localhostIsIpv4Loopback() {
        try {
            InetAddress first = InetAddress.getByName("localhost");
            return first.isLoopbackAddress() && first.getAddress().length == 4;
        } catch (IOException e) {
            return false;
        }
    }

    public Repo add(Repo repo) {
        repos.put(repo.id, repo);
        for (List<File> files : repo.commits.values()) {
            for (File f : files) {
                if (f.lfs()) {
                    blobs.put(f.sha256(), f);
                }
            }
        }
        return repo;
    }

    /** The next CDN answers send this many bytes each, then drop the connection. */
    public synchronized void dropNext(long... bytes) {
        for (long b : bytes) {
            drops.addLast(b);
        }
    }

    /** Every CDN answer, after the queued ones, sends this many bytes then drops (null: heal). */
    public void dropForever(Long bytes) {
        dropForever = bytes;
    }

    public void corrupt(File file) {
        corruptSha = file.sha256();
    }

    public void heal() {
        synchronized (this) {
            drops.clear();
        }
        dropForever = null;
        corruptSha = null;
        ignoreRange = false;
    }

    public void ignoreRange(boolean ignore) {
        ignoreRange = ignore;
    }

    public void clearRecords() {
        apiRequests.clear();
        resolveRequests.clear();
        cdnRequests.clear();
        cdnRanges.clear();
        hubAuthorizations.clear();
        cdnAuthorizations.clear();
    }

    // ---- the hub ---------------------------------------------------------------------------------------------------

    private void hub(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                hubAuthorizations.add(auth);
            }
            String raw = ex.getRequestURI().getRawPath();
            if (raw.startsWith("/api/models/")) {
                api(ex, raw.substring("/api/models/".length()), auth);
            } else if (raw.contains("/resolve/")) {
                resolve(ex, raw, auth);
            } else {
                error(ex, 404, null, "Not Found");
            }
        }
    }

    private void api(HttpExchange ex, String rest, String auth) throws IOException {
        apiRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
        if (rest.contains("/tree/")) {
            tree(ex, rest, auth);
            return;
        }
        int at = rest.indexOf("/revision/");
        String id = at < 0 ? rest : rest.substring(0, at);
        String revision = at < 0 ? "main" : decode(rest.substring(at + "/revision/".length()));
        Repo repo = repos.get(id);
        if (repo == null) {
            error(ex, auth == null ? 401 : 404, "RepoNotFound", "Repository not found");
            return;
        }
        String commit = repo.commitOf(revision);
        if (commit == null) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        boolean blobsAsked = "blobs=true".equals(ex.getRequestURI().getRawQuery());
        ObjectNode json = JSON.createObjectNode();
        json.put("_id", "65f0c0ffee" + Math.abs(id.hashCode()));
        json.put("id", id);
        json.put("private", false);
        if (repo.gatedToken != null) {
            json.put("gated", "manual");
        } else {
            json.put("gated", false);
        }
        json.put("sha", commit);
        ArrayNode siblings = json.putArray("siblings");
        for (File f : repo.commits.get(commit)) {
            ObjectNode s = siblings.addObject();
            s.put("rfilename", f.name());
            if (blobsAsked) {
                s.put("blobId", f.lfs() ? pointerOid(f) : f.gitOid());
                s.put("size", f.bytes().length);
                if (f.lfs()) {
                    ObjectNode lfs = s.putObject("lfs");
                    lfs.put("sha256", f.sha256());
                    lfs.put("size", f.bytes().length);
                    lfs.put("pointerSize", 134);
                }
            }
        }
        byte[] body = JSON.writeValueAsBytes(json);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    /**
     * {@code GET /api/models/{repo}/tree/{rev}?recursive=true}: what {@code HfApi.list_repo_tree} reads (huggingface_hub's
     * own {@code snapshot_download} lists files this way), so that the real library can be run against this server.
     */
    private void tree(HttpExchange ex, String rest, String auth) throws IOException {
        int at = rest.indexOf("/tree/");
        Repo repo = repos.get(rest.substring(0, at));
        if (repo == null) {
            error(ex, auth == null ? 401 : 404, "RepoNotFound", "Repository not found");
            return;
        }
        String commit = repo.commitOf(decode(rest.substring(at + "/tree/".length())));
        if (commit == null) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id");
            return;
        }
        ArrayNode entries = JSON.createArrayNode();
        for (File f : repo.commits.get(commit)) {
            ObjectNode e = entries.addObject();
            e.put("type", "file");
            e.put("oid", f.lfs() ? pointerOid(f) : f.gitOid());
            e.put("size", f.bytes().length);
            e.put("path", f.name());
            if (f.lfs()) {
                ObjectNode lfs = e.putObject("lfs");
                lfs.put("oid", f.sha256());
                lfs.put("size", f.bytes().length);
                lfs.put("pointerSize", 134);
            }
        }
        byte[] body = JSON.writeValueAsBytes(entries);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    /** The git oid of an LFS pointer file (what blobId says for an LFS file). */
    private static String pointerOid(File f) {
        String pointer = "version https://git-lfs.github.com/spec/v1\noid sha256:" + f.sha256() + "\nsize "
                + f.bytes().length + "\n";
        byte[] b = pointer.getBytes(StandardCharsets.US_ASCII);
        return hex("SHA-1", b, ("blob " + b.length + "\0").getBytes(StandardCharsets.US_ASCII));
    }

    private void resolve(HttpExchange ex, String raw, String auth) throws IOException {
        resolveRequests.add(ex.getRequestMethod() + " " + raw);
        int at = raw.indexOf("/resolve/");
        String id = raw.substring(1, at);
        String rest = raw.substring(at + "/resolve/".length());
        int slash = rest.indexOf('/');
        String revision = decode(rest.substring(0, slash));
        String name = decode(rest.substring(slash + 1));
        Repo repo = repos.get(id);
        if (repo == null) {
            error(ex, auth == null ? 401 : 404, "RepoNotFound", "Repository not found");
            return;
        }
        if (repo.gatedToken != null) {
            if (auth == null) {
                error(ex, 401, "GatedRepo", "Access to model " + id + " is restricted. You must have access to it"
                        + " and be authenticated to access it. Please log in.");
                return;
            }
            if (!auth.equals("Bearer " + repo.gatedToken)) {
                error(ex, 403, "GatedRepo", "Access to model " + id + " is restricted and you are not in the"
                        + " authorized list. Visit https://huggingface.co/" + id + " to ask for access.");
                return;
            }
        }
        String commit = repo.commitOf(revision);
        if (commit == null) {
            error(ex, 404, "RevisionNotFound", "Invalid rev id: " + revision);
            return;
        }
        File file = repo.commits.get(commit).stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
        Headers h = ex.getResponseHeaders();
        h.set("X-Repo-Commit", commit);
        if (file == null) {
            error(ex, 404, "EntryNotFound", "Entry not found");
            return;
        }
        h.set("Accept-Ranges", "bytes");
        if (file.lfs()) {
            h.set("ETag", "\"" + pointerOid(file) + "\"");
            h.set("X-Linked-Etag", "\"" + file.sha256() + "\"");
            h.set("X-Linked-Size", Long.toString(file.bytes().length));
            h.set("Location", cdnUrl() + "/repos/aa/bb/" + file.sha256() + "?X-Amz-Signature=test&X-Amz-Expires=3600");
            ex.sendResponseHeaders(302, -1);
            return;
        }
        h.set("ETag", "\"" + file.gitOid() + "\"");
        h.set("Content-Type", "application/octet-stream");
        if (ex.getRequestMethod().equals("HEAD")) {
            h.set("Content-Length", Long.toString(file.bytes().length));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        serve(ex, file.bytes(), false);
    }

    // ---- the CDN ---------------------------------------------------------------------------------------------------

    private void cdn(HttpExchange ex) throws IOException {
        try (ex) {
            cdnRequests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                cdnAuthorizations.add(auth);
            }
            String path = ex.getRequestURI().getPath();
            File file = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            if (file == null) {
                error(ex, 404, null, "NoSuchKey");
                return;
            }
            byte[] bytes = file.bytes();
            if (file.sha256().equals(corruptSha)) {
                bytes = bytes.clone();
                bytes[bytes.length / 2] ^= 0x5a;
            }
            serve(ex, bytes, true);
        }
    }

    private void serve(HttpExchange ex, byte[] bytes, boolean faults) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        if (faults) {
            cdnRanges.add(range);
        }
        long start = 0;
        if (range != null && !ignoreRange && range.startsWith("bytes=") && range.endsWith("-")) {
            start = Long.parseLong(range.substring(6, range.length() - 1));
            if (start >= bytes.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + bytes.length);
                ex.sendResponseHeaders(416, -1);
                return;
            }
            ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/"
                    + bytes.length);
        }
        long length = bytes.length - start;
        Long drop = null;
        if (faults) {
            synchronized (this) {
                drop = drops.pollFirst();
            }
            if (drop == null) {
                drop = dropForever;
            }
        }
        ex.sendResponseHeaders(start > 0 ? 206 : 200, length);
        OutputStream out = ex.getResponseBody();
        long send = drop == null ? length : Math.min(drop, length);
        out.write(bytes, (int) start, (int) send);
        served.addAndGet((int) send);
        out.flush();
        if (drop != null && send < length) {
            ex.close(); // fewer bytes than Content-Length: the server closes the connection
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        if (code != null) {
            ex.getResponseHeaders().set("X-Error-Code", code);
        }
        ex.getResponseHeaders().set("X-Error-Message", message);
        byte[] body = ("{\"error\":\"" + message.replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String hex(String algorithm, byte[] bytes, byte[] prefix) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            if (prefix != null) {
                md.update(prefix);
            }
            return HexFormat.of().formatHex(md.digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String randomCommit(Random random) {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** The golden tiny checkpoint's files; model.safetensors (and tokenizer.json when asked) as LFS files. */
    public static List<File> tinyCheckpoint(Path folder, boolean tokenizerInLfs) throws IOException {
        List<File> out = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                boolean lfs = name.endsWith(".safetensors") || (tokenizerInLfs && name.equals("tokenizer.json"));
                out.add(new File(name, Files.readAllBytes(p), lfs));
            }
        }
        return out;
    }

    public static File text(String name, String content) {
        return new File(name, content.getBytes(StandardCharsets.UTF_8), false);
    }

    public static File random(String name, int size, boolean lfs, Random random) {
        byte[] b = new byte[size];
        random.nextBytes(b);
        return new File(name, b, lfs);
    }

    @Override
    public void close() {
        hub.stop(0);
        cdn.stop(0);
        ((java.util.concurrent.ExecutorService) hub.getExecutor()).shutdownNow();
        ((java.util.concurrent.ExecutorService) cdn.getExecutor()).shutdownNow();
    }
}
