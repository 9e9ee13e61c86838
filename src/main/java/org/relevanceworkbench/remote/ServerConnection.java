package org.relevanceworkbench.remote;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * One server: its base URL and the HTTP calls the routes make, with the API key as a bearer token. Answers are
 * {@link HttpAnswer}s; what goes wrong on the way (refused or dropped connections, timeouts) becomes a
 * {@link ServerFailure} whose message names neither the key nor the server.
 */
final class ServerConnection {
    private final URI base;
    private final HttpClient client;
    private final String authorization;

    ServerConnection(URI base, HttpClient client, String apiKey) {
        this.base = base;
        this.client = client;
        this.authorization = apiKey == null || apiKey.isEmpty() ? null : "Bearer " + apiKey;
    }

    URI base() {
        return base;
    }

    /** The base URL as people read it, with no trailing slash. */
    String name() {
        return base.toString();
    }

    HttpAnswer get(String path, Duration timeout) throws ServerFailure {
        return join(send(request(path, timeout).GET().build()));
    }

    HttpAnswer post(String path, byte[] json, Duration timeout) throws ServerFailure {
        return join(postAsync(path, json, timeout));
    }

    /** Sends a JSON POST; the future fails only with a {@link ServerFailure}. */
    CompletableFuture<HttpAnswer> postAsync(String path, byte[] json, Duration timeout) {
        return send(request(path, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json");
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private CompletableFuture<HttpAnswer> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new HttpAnswer(r.statusCode(), r.body(), r.headers().firstValue("Retry-After")))
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(failure(e)));
    }

    private static HttpAnswer join(CompletableFuture<HttpAnswer> future) throws ServerFailure {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof ServerFailure f ? f : failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerFailure(ServerFailure.Kind.TRANSIENT, "interrupted");
        }
    }

    /** What a transport exception means, in one line. */
    static ServerFailure failure(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ServerFailure f) {
            return f;
        }
        if (t instanceof HttpConnectTimeoutException) {
            return new ServerFailure(ServerFailure.Kind.TRANSIENT, "did not accept a connection in time");
        }
        if (t instanceof HttpTimeoutException) {
            return new ServerFailure(ServerFailure.Kind.TRANSIENT, "did not answer within the timeout");
        }
        if (t instanceof ConnectException) {
            return new ServerFailure(ServerFailure.Kind.TRANSIENT, "refused the connection (is it running?)");
        }
        if (t instanceof ClosedChannelException || t instanceof IOException) {
            String m = t.getMessage();
            return new ServerFailure(ServerFailure.Kind.TRANSIENT, "dropped the connection"
                    + (m == null || m.isBlank() ? "" : " (" + HttpAnswer.oneLine(m) + ")"));
        }
        return new ServerFailure(ServerFailure.Kind.TRANSIENT, "failed: " + HttpAnswer.oneLine(String.valueOf(t)));
    }
}
