package org.relevanceworkbench.remote;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;

/**
 * Spreads batches of prompts over several servers and brings every batch's verdicts back, whatever the servers do.
 *
 * <ul>
 *   <li><b>Work stealing.</b> Batches wait in one queue; a server takes the next one whenever it has a free slot, so
 *       a fast server takes more and a slow one fewer. When the queue is empty, an idle server also takes a batch
 *       that has waited on another server far longer than answers usually take (a hedged request; the first answer
 *       wins), so a slow or hung server never holds the run's tail.</li>
 *   <li><b>Adaptive in-flight limit</b> per server (additive increase, multiplicative decrease): it grows by one
 *       after a limit's worth of successes and halves on 429, 5xx or a timeout, between 1 and the configured
 *       maximum.</li>
 *   <li><b>Retries</b> of 429, 5xx, dropped connections, timeouts and malformed answers, after an exponential
 *       backoff with jitter or the server's {@code Retry-After}; a retried batch goes to whichever server is free.</li>
 *   <li><b>Removal.</b> A server that fails {@value #REMOVE_AFTER} times in a row, or cannot serve this run at all
 *       (refused key, missing route, another model), leaves the pool with one note; the run goes on with the others.
 *       When none is left, the run stops as a cancel stops: every batch already delivered stays delivered.</li>
 * </ul>
 *
 * <p>All bookkeeping happens on the thread that calls {@link #run}: answers arrive as events on a queue, and the sink
 * is called on that thread, so whatever it writes (the score cache) needs no locks here.
 */
final class ServerPool {
    /** Failures in a row after which a server is taken out. */
    static final int REMOVE_AFTER = 5;
    /** Failures of one batch (on any servers) after which the run stops: the batch itself may be the trouble. */
    static final int BATCH_ATTEMPTS = 8;
    /** Hedge a batch only after it waited this much longer than the server's usual answer, and at least this long. */
    static final double HEDGE_FACTOR = 4;
    static final Duration HEDGE_MIN = Duration.ofSeconds(2);
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** A batch of prompts to score, by its position in the run. */
    record Batch(int index, List<int[]> prompts) {
        int tokens() {
            return prompts.stream().mapToInt(p -> p.length).sum();
        }
    }

    /** Receives each batch's verdicts once, in the order batches finish. */
    @FunctionalInterface
    interface Sink {
        void accept(Batch batch, List<Verdict> verdicts);
    }

    /** One server as the pool sees it. Written by the pool's thread only; read for {@link #status}. */
    static final class Member {
        final ServerConnection connection;
        final Route route;
        final String modelId;
        final int maxInFlight;
        volatile boolean active = true;
        /** Requests sent and not yet answered; counted down when the answer arrives, whoever reads it. */
        final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        volatile int limit;
        volatile long requests;
        volatile long prompts;
        volatile long failures;
        volatile String lastProblem;
        int failuresInARow;
        int successesSinceRaise;
        long notBeforeNanos;
        double usualNanos = Double.NaN; // an exponential moving average of answer times

        Member(ServerConnection connection, Route route, String modelId, int maxInFlight) {
            this.connection = connection;
            this.route = route;
            this.modelId = modelId;
            this.maxInFlight = maxInFlight;
            this.limit = Math.min(2, maxInFlight);
        }

        String name() {
            return connection.name();
        }

        ServerStatus status() {
            return new ServerStatus(name(), active, inFlight.get(), limit, requests, prompts, failures, lastProblem);
        }
    }

    /** One request of one batch to one server. */
    private static final class Attempt {
        final Batch batch;
        final Member member;
        final long startedNanos;
        CompletableFuture<HttpAnswer> future;
        boolean abandoned;

        Attempt(Batch batch, Member member, long startedNanos) {
            this.batch = batch;
            this.member = member;
            this.startedNanos = startedNanos;
        }
    }

    /** A batch's place in this run. */
    private static final class Work {
        final Batch batch;
        final List<Attempt> attempts = new ArrayList<>();
        int failures;
        boolean done;
        String lastProblem;

        Work(Batch batch) {
            this.batch = batch;
        }

        boolean inFlight() {
            return attempts.stream().anyMatch(a -> !a.abandoned);
        }
    }

    private record Event(Attempt attempt, HttpAnswer answer, ServerFailure failure) {
    }

    private final List<Member> members;
    private final Duration timeout;
    private final Backoff backoff;
    private final Consumer<String> notes;
    private final LongSupplier clock;

    ServerPool(List<Member> members, Duration timeout, Backoff backoff, Consumer<String> notes, LongSupplier clock) {
        this.members = List.copyOf(members);
        this.timeout = timeout;
        this.backoff = backoff;
        this.notes = notes;
        this.clock = clock;
    }

    List<Member> members() {
        return members;
    }

    List<ServerStatus> status() {
        return members.stream().map(Member::status).toList();
    }

    List<Member> active() {
        return members.stream().filter(m -> m.active).toList();
    }

    /**
     * Scores every batch; returns when all were delivered to {@code sink}.
     *
     * @throws CancelledException when {@code cancel} is set (batches delivered so far stay delivered)
     * @throws UserException      when no server is left, a batch failed on every try, or a server refused a request
     *                            every server would refuse; the message is one line and names the server
     */
    void run(List<Batch> batches, Sink sink, CancellationToken cancel) {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        Deque<Work> queue = new ArrayDeque<>();
        Map<Batch, Work> byBatch = new java.util.IdentityHashMap<>();
        for (Batch b : batches) {
            Work w = new Work(b);
            queue.add(w);
            byBatch.put(b, w);
        }
        int remaining = batches.size();
        try {
            while (remaining > 0) {
                cancel.throwIfCancelled();
                if (active().isEmpty()) {
                    throw new UserException("no server is left to score with: " + summary());
                }
                dispatch(queue, byBatch.values(), events);
                Event event = events.poll(waitNanos(), TimeUnit.NANOSECONDS);
                while (event != null) {
                    if (handle(event, byBatch.get(event.attempt().batch), queue, sink)) {
                        remaining--;
                    }
                    event = events.poll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            byBatch.values().forEach(ServerPool::abandon);
        }
    }

    /** Sends queued batches to servers with free slots, fastest-free first; hedges the tail when the queue is empty. */
    private void dispatch(Deque<Work> queue, java.util.Collection<Work> all, BlockingQueue<Event> events) {
        long now = clock.getAsLong();
        List<Member> ready = new ArrayList<>(active());
        java.util.Map<Member, Double> load = new java.util.IdentityHashMap<>(); // read once: answers change it meanwhile
        ready.forEach(m -> load.put(m, (double) m.inFlight.get() / m.limit));
        ready.sort(Comparator.comparingDouble(load::get));
        for (Member m : ready) {
            while (m.active && m.inFlight.get() < m.limit && now >= m.notBeforeNanos) {
                Work w = queue.pollFirst();
                if (w == null) {
                    w = hedgeCandidate(all, m, now);
                }
                if (w == null) {
                    break;
                }
                send(w, m, now, events);
            }
        }
    }

    /** A batch in flight on one other server only, for longer than that server usually takes, by the most. */
    private Work hedgeCandidate(java.util.Collection<Work> all, Member idle, long now) {
        Work best = null;
        long bestOverdue = 0;
        for (Work w : all) {
            if (w.done) {
                continue;
            }
            List<Attempt> live = w.attempts.stream().filter(a -> !a.abandoned).toList();
            if (live.size() != 1 || live.get(0).member == idle) {
                continue;
            }
            Attempt a = live.get(0);
            double usual = Double.isNaN(a.member.usualNanos) ? 0 : a.member.usualNanos;
            long threshold = Math.max(HEDGE_MIN.toNanos(), (long) (HEDGE_FACTOR * usual));
            long overdue = now - a.startedNanos - threshold;
            if (overdue > bestOverdue) {
                best = w;
                bestOverdue = overdue;
            }
        }
        return best;
    }

    private void send(Work w, Member m, long now, BlockingQueue<Event> events) {
        Attempt a = new Attempt(w.batch, m, now);
        w.attempts.add(a);
        m.inFlight.incrementAndGet();
        m.requests++;
        byte[] body = m.route.request(m.modelId, w.batch.prompts());
        a.future = m.connection.postAsync(m.route.path(), body, timeout);
        a.future.whenComplete((answer, error) -> {
            // Counted down here, not where the event is read: an answer that comes after its run ended (a hedged
            // twin, a cancelled request) must still free its slot for the next run.
            m.inFlight.decrementAndGet();
            events.add(error == null ? new Event(a, answer, null) : new Event(a, null, ServerConnection.failure(error)));
        });
    }

    /** How long to wait for an answer before looking at the queue again (a server's backoff may end sooner). */
    private long waitNanos() {
        long now = clock.getAsLong();
        long wait = IDLE_POLL_NANOS;
        for (Member m : active()) {
            if (m.notBeforeNanos > now && m.inFlight.get() < m.limit) {
                wait = Math.min(wait, m.notBeforeNanos - now);
            }
        }
        return Math.max(wait, TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Books one answer; returns whether it finished a batch. */
    private boolean handle(Event e, Work w, Deque<Work> queue, Sink sink) {
        Attempt a = e.attempt();
        Member m = a.member;
        boolean abandoned = a.abandoned; // its twin answered first, or the run ended: we stopped waiting for it
        boolean stale = abandoned || w == null || w.done;
        a.abandoned = true;
        ServerFailure failure = e.failure();
        List<Verdict> verdicts = null;
        if (failure == null) {
            if (e.answer().ok()) {
                try {
                    verdicts = m.route.read(e.answer(), m.modelId, a.batch.prompts());
                } catch (ServerFailure f) {
                    failure = f;
                }
            } else {
                failure = e.answer().failure();
            }
        }
        long now = clock.getAsLong();
        if (failure == null) {
            succeeded(m, a.batch.prompts().size(), now - a.startedNanos);
            if (stale) {
                return false; // a hedged twin answered first
            }
            w.done = true;
            abandon(w);
            sink.accept(a.batch, verdicts);
            return true;
        }
        if (abandoned) {
            return false; // a request we cancelled, or one we no longer waited for, says nothing against the server
        }
        failed(m, failure, now);
        if (stale || w.inFlight()) {
            return false; // its twin may still answer
        }
        switch (failure.kind()) {
            case REFUSED -> throw new UserException(m.name() + ": " + failure.getMessage());
            case BUSY, UNUSABLE -> { } // not the batch's fault
            case TRANSIENT -> {
                w.failures++;
                w.lastProblem = m.name() + ": " + failure.getMessage();
                if (w.failures >= BATCH_ATTEMPTS) {
                    throw new UserException("a batch of " + a.batch.prompts().size() + " prompts failed "
                            + w.failures + " times; last: " + w.lastProblem);
                }
            }
            default -> throw new IllegalStateException(failure.kind().name());
        }
        queue.addFirst(w); // the next free server takes it; this one may be waiting out its backoff
        return false;
    }

    private void succeeded(Member m, int prompts, long nanos) {
        m.prompts += prompts;
        m.failuresInARow = 0;
        m.usualNanos = Double.isNaN(m.usualNanos) ? nanos : 0.8 * m.usualNanos + 0.2 * nanos;
        if (++m.successesSinceRaise >= m.limit && m.limit < m.maxInFlight) {
            m.limit++;
            m.successesSinceRaise = 0;
        }
    }

    private void failed(Member m, ServerFailure f, long now) {
        m.failures++;
        m.lastProblem = f.getMessage();
        if (!m.active) {
            return;
        }
        switch (f.kind()) {
            case UNUSABLE -> remove(m, f.getMessage());
            case REFUSED -> { } // the request's fault, not the server's
            case BUSY, TRANSIENT -> {
                m.limit = Math.max(1, m.limit / 2);
                m.successesSinceRaise = 0;
                if (f.kind() == ServerFailure.Kind.TRANSIENT) {
                    m.failuresInARow++;
                }
                int streak = Math.max(1, m.failuresInARow);
                m.notBeforeNanos = now + backoff.after(streak, f.retryAfter()).toNanos();
                if (m.failuresInARow >= REMOVE_AFTER) {
                    remove(m, f.getMessage() + " (" + m.failuresInARow + " failures in a row)");
                }
            }
            default -> throw new IllegalStateException(f.kind().name());
        }
    }

    private void remove(Member m, String why) {
        m.active = false;
        int left = active().size();
        notes.accept(m.name() + " is taken out of the pool: " + why + (left == 0 ? "; no server is left"
                : "; going on with " + left + (left == 1 ? " server" : " servers")));
    }

    /** Every server's last trouble, for the message when none is left. */
    private String summary() {
        StringBuilder s = new StringBuilder();
        for (Member m : members) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append(m.name()).append(": ").append(m.lastProblem == null ? "taken out" : m.lastProblem);
        }
        return s.toString();
    }

    private static void abandon(Work w) {
        for (Attempt a : w.attempts) {
            if (!a.abandoned) {
                a.abandoned = true;
                a.future.cancel(true);
            }
        }
    }
}
