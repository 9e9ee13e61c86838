package org.relevanceworkbench.remote;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.EncodedPrompt;
import org.relevanceworkbench.model.FollowIrPrompt;
import org.relevanceworkbench.model.FollowIrTokenizer;
import org.relevanceworkbench.model.SpecialTokenMode;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.Provenance;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.scoring.Scorer;

/**
 * FollowIR-7B on inference servers, behind the scorer seam. The client makes the token ids with the model folder's
 * own {@code tokenizer.json}, exactly as the local decoder does (the card's template, both BOS, truncation inside the
 * document only), so only ids go over the wire and no server-side chat template or BOS rule can change the prompt.
 * The folder needs no weights: {@code config.json} and the tokenizer files are enough.
 *
 * <p>Prompts are sorted by length and cut into batches that a {@link ServerPool} spreads over the servers; verdicts
 * stream to the listener batch by batch on the calling thread, so a caller that writes them to the score cache loses
 * at most the batches in flight when it is killed.
 */
public final class RemoteScorer implements Scorer {
    /** Tokens per request at most, whatever the batch size (a request body stays a few hundred kilobytes). */
    static final int BATCH_TOKENS = 65_536;

    private final FollowIrTokenizer tokenizer;
    private final int maxLength;
    private final SpecialTokenMode mode;
    private final ServerPool pool;
    private final List<ServerInfo> servers;
    private final Provenance provenance;
    private final ExecutorService httpThreads;
    private final int batchSize;
    private boolean closed;

    private RemoteScorer(FollowIrTokenizer tokenizer, int maxLength, SpecialTokenMode mode, ServerPool pool,
            List<ServerInfo> servers, Provenance provenance, ExecutorService httpThreads, int batchSize) {
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.mode = mode;
        this.pool = pool;
        this.servers = List.copyOf(servers);
        this.provenance = provenance;
        this.httpThreads = httpThreads;
        this.batchSize = batchSize;
    }

    /**
     * Loads the tokenizer of {@code tokenizerDir}, probes every server and keeps those that serve: all must speak the
     * same route and serve the same model. A server that cannot be reached or used is left out with a note when
     * others remain; when none remains, or two disagree, this fails with one line naming the server.
     *
     * @param notes hears one-line notes (a server left out, plain http to another host, a fallback route)
     */
    public static RemoteScorer connect(Path tokenizerDir, int maxLength, SpecialTokenMode mode, ServerOptions options,
            Consumer<String> notes) {
        for (var url : options.urls()) {
            if (url.getScheme().equalsIgnoreCase("http") && !ServerOptions.isLoopback(url)) {
                notes.accept(url + ": plain http to another machine; prompts" + (options.apiKey() == null ? ""
                        : " and the API key") + " cross the network unencrypted (use https:// where you can)");
            }
        }
        FollowIrTokenizer tokenizer = FollowIrTokenizer.load(tokenizerDir);
        ExecutorService threads = httpThreads();
        try {
            HttpClient client = client(threads);
            ServerProbe probe = new ServerProbe(tokenizer, options.batchSize(), options.timeout());
            List<ServerPool.Member> members = new ArrayList<>();
            List<ServerInfo> infos = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            for (var url : options.urls()) {
                ServerConnection connection = new ServerConnection(url, client, options.apiKey());
                try {
                    ServerProbe.Probed p = probe.probe(connection, options.engine(), options.modelId());
                    agree(infos, p.info());
                    infos.add(p.info());
                    members.add(new ServerPool.Member(connection, p.route(), p.info().modelId(), options.maxInFlight()));
                    if (p.info().note() != null) {
                        notes.accept(p.info().note());
                    }
                } catch (ServerFailure f) {
                    refused.add(url + ": " + f.getMessage());
                }
            }
            if (members.isEmpty()) {
                throw new UserException(String.join("; ", refused));
            }
            refused.forEach(r -> notes.accept(r + "; left out, going on with the other servers"));
            ServerInfo first = infos.get(0);
            String dtype = options.dtype() != null ? options.dtype()
                    : first.dtype() != null ? first.dtype() : "server-default";
            Provenance provenance = new Provenance(first.modelId() == null ? "server model" : first.modelId(),
                    fingerprint(first.modelId(), tokenizerDir), FollowIrPrompt.templateHash(), dtype, maxLength,
                    mode.provenanceName(), Provenance.Backend.SERVER, new Provenance.Server(first.route(),
                            first.engine(), first.version(), infos.stream().map(ServerInfo::url).toList(),
                            first.modelId()));
            ServerPool pool = new ServerPool(members, options.timeout(), new Backoff(new SecureRandom()), notes,
                    System::nanoTime);
            return new RemoteScorer(tokenizer, maxLength, mode, pool, infos, provenance, threads, options.batchSize());
        } catch (RuntimeException e) {
            tokenizer.close();
            threads.shutdownNow();
            throw e;
        }
    }

    /** What probing one server gave: its description, or why it cannot serve (one line, naming no key). */
    public record Check(String url, ServerInfo info, String problem) {
    }

    /**
     * Probes every server on its own, as {@link #connect} does, and reports each (for {@code doctor} and the
     * window's Test button): reachable or not, engine, version, model, maximum length, latency, a test score.
     */
    public static List<Check> check(Path tokenizerDir, ServerOptions options) {
        ExecutorService threads = httpThreads();
        try (FollowIrTokenizer tokenizer = FollowIrTokenizer.load(tokenizerDir)) {
            HttpClient client = client(threads);
            ServerProbe probe = new ServerProbe(tokenizer, options.batchSize(), options.timeout());
            List<Check> out = new ArrayList<>();
            for (var url : options.urls()) {
                try {
                    ServerProbe.Probed p = probe.probe(new ServerConnection(url, client, options.apiKey()),
                            options.engine(), options.modelId());
                    out.add(new Check(url.toString(), p.info(), null));
                } catch (ServerFailure f) {
                    out.add(new Check(url.toString(), null, f.getMessage()));
                }
            }
            return out;
        } finally {
            threads.shutdownNow();
        }
    }

    private static ExecutorService httpThreads() {
        return Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "server-http");
            t.setDaemon(true);
            return t;
        });
    }

    private static HttpClient client(ExecutorService threads) {
        // HTTP/1.1: engines serve plain HTTP/1.1 (uvicorn, llama.cpp's httplib); no h2c upgrade dance. Redirects are
        // not followed, so a key is never sent on to another host.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).executor(threads).build();
    }

    /** Servers of one pool must compute the same thing: same route, same model. */
    private static void agree(List<ServerInfo> earlier, ServerInfo next) {
        if (earlier.isEmpty()) {
            return;
        }
        ServerInfo first = earlier.get(0);
        if (!first.route().equals(next.route())) {
            throw new UserException(next.url() + ": speaks " + next.route() + " (" + next.engine() + "), but "
                    + first.url() + " speaks " + first.route() + " (" + first.engine() + "); one run uses one route");
        }
        if (!java.util.Objects.equals(first.modelId(), next.modelId())) {
            throw new UserException(next.url() + ": serves '" + next.modelId() + "', but " + first.url()
                    + " serves '" + first.modelId() + "'; give --server-model or servers of one model");
        }
    }

    /**
     * The weights' identity as far as a client can know it: the model id the servers report and the tokenizer that
     * made the ids (the same id with another tokenizer is another prompt).
     */
    static String fingerprint(String modelId, Path tokenizerDir) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(tokenizerDir.resolve("tokenizer.json")),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            String tokenizerHash = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(String.valueOf(modelId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(tokenizerHash.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return "server:" + HexFormat.of().formatHex(d.digest()).substring(0, 32);
        } catch (IOException e) {
            throw new UserException("cannot read " + tokenizerDir.resolve("tokenizer.json") + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** For example {@code vLLM 0.11.0 · jhu-clsp/FollowIR-7B · 2 servers}. */
    @Override
    public String describe() {
        ServerInfo first = servers.get(0);
        long active = pool.active().size();
        String count = active == servers.size() ? servers.size() + (servers.size() == 1 ? " server" : " servers")
                : active + " of " + servers.size() + " servers";
        return first.engineAndVersion() + " · " + provenance.model() + " · " + count
                + (first.route().equals(CompletionsRoute.NAME) ? " · logprobs" : "");
    }

    /** What probing found, per server, in the order given. */
    public List<ServerInfo> servers() {
        return servers;
    }

    /** Each server's state now: active, in flight, its limit, work done, last trouble. */
    public List<ServerStatus> status() {
        return pool.status();
    }

    public FollowIrTokenizer tokenizer() {
        return tokenizer;
    }

    @Override
    public List<DocumentScore> score(String query, String instruction, List<Candidate> candidates,
            ScoreListener listener, CancellationToken cancel) {
        int n = candidates.size();
        if (n == 0) {
            return List.of();
        }
        EncodedPrompt[] prompts = tokenizer.encodeCandidates(query, instruction, candidates, maxLength, mode);
        checkLengths(candidates, prompts);
        Integer[] order = EncodedPrompt.shortestFirst(prompts); // like lengths share a request
        List<ServerPool.Batch> batches = new ArrayList<>();
        List<int[]> members = new ArrayList<>(); // batch index → positions in the input
        int perRequest = Math.min(batchSize, pool.members().stream().mapToInt(m -> m.route.maxPrompts()).min()
                .orElse(1));
        int start = 0;
        while (start < n) {
            int end = start;
            int tokens = 0;
            List<int[]> ids = new ArrayList<>();
            while (end < n && end - start < perRequest && (end == start
                    || tokens + prompts[order[end]].nTokens() <= BATCH_TOKENS)) {
                ids.add(prompts[order[end]].ids());
                tokens += prompts[order[end]].nTokens();
                end++;
            }
            int[] positions = new int[end - start];
            for (int k = start; k < end; k++) {
                positions[k - start] = order[k];
            }
            members.add(positions);
            batches.add(new ServerPool.Batch(batches.size(), ids));
            start = end;
        }
        DocumentScore[] scores = new DocumentScore[n];
        int[] done = {0};
        pool.run(batches, (batch, verdicts) -> {
            int[] positions = members.get(batch.index());
            List<DocumentScore> out = new ArrayList<>(positions.length);
            for (int k = 0; k < positions.length; k++) {
                int i = positions[k];
                DocumentScore s = verdicts.get(k).toScore(candidates.get(i).id(), prompts[i].nTokens(),
                        prompts[i].truncated());
                scores[i] = s;
                out.add(s);
            }
            done[0] += out.size();
            listener.scored(out, done[0], n);
        }, cancel);
        return List.of(scores);
    }

    /** Refuses, with one line, a prompt longer than a server takes (its max_model_len, less a generated token). */
    private void checkLengths(List<Candidate> candidates, EncodedPrompt[] prompts) {
        for (ServerPool.Member m : pool.active()) {
            ServerInfo info = servers.stream().filter(s -> s.url().equals(m.name())).findFirst().orElseThrow();
            if (info.maxModelLen() == null) {
                continue;
            }
            int room = info.maxModelLen() - m.route.extraTokens();
            for (int i = 0; i < prompts.length; i++) {
                if (prompts[i].nTokens() > room) {
                    throw new UserException(String.format(Locale.US, "%s: takes prompts of at most %d tokens"
                            + " (max_model_len %d), but document '%s' makes one of %d; use --max-length %d, or a"
                            + " server started with a longer --max-model-len", m.name(), room, info.maxModelLen(),
                            candidates.get(i).id(), prompts[i].nTokens(), room));
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            tokenizer.close();
            httpThreads.shutdownNow();
        }
    }
}
