package org.relevanceworkbench.remote;

import java.time.Duration;

/**
 * Why one request to one server did not give scores, sorted by what the pool does about it. The message is one line
 * for people, names no credential, and does not name the server (the pool adds it).
 */
final class ServerFailure extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Busy (429): wait (Retry-After) and try again; not the server's fault, never counts toward removal. */
        BUSY,
        /** 5xx, a dropped connection, a timeout, an answer that is not what the protocol says: retry, maybe elsewhere. */
        TRANSIENT,
        /** The server cannot serve this run at all (refused key, missing route, another model): take it out. */
        UNUSABLE,
        /** The request itself is refused (400 prompt too long, …): every server would refuse it; stop the run. */
        REFUSED
    }

    private final Kind kind;
    private final transient Duration retryAfter;

    ServerFailure(Kind kind, String message, Duration retryAfter) {
        super(message, null, false, false); // no stack trace: these are expected, and reported as one line
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    ServerFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    Kind kind() {
        return kind;
    }

    /** What the server asked for in {@code Retry-After}, or null. */
    Duration retryAfter() {
        return retryAfter;
    }
}
