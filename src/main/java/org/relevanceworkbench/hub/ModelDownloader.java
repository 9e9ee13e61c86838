package org.relevanceworkbench.hub;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;

/**
 * Downloads a model from the Hugging Face hub as {@code huggingface_hub}'s {@code snapshot_download} does
 * ({@code src/huggingface_hub/_snapshot_download.py}): the revision is resolved to a commit once (the file list's
 * {@code sha}), then every file is fetched at that commit, so a branch that moves meanwhile cannot mix two versions.
 * Only what scoring needs is taken ({@link ModelFiles}); a repository with only pickle weights is refused.
 *
 * <p>Before anything is written: the file list, each missing file's metadata (HEAD: ETag, size, CDN location) and
 * the free disk space. Then, file by file ({@code _download_to_tmp_and_move} and {@code http_get} in
 * {@code src/huggingface_hub/file_download.py}): the blob's lock is taken (a cache someone else is writing is refused
 * with one line); the bytes stream into {@code <blob>.incomplete}, which a dropped connection resumes with
 * {@code Range} (up to {@link Options#retries()} retries without new data, as {@code http_get}'s {@code _nb_retries})
 * and so does a later run; the complete file is checked against its sha256 (LFS) or git blob id (small files) and
 * only then renamed into place. A wrong checksum deletes the partial file. Cancel stops within a fraction of a second
 * and keeps every complete file, and the partial one for the next run.
 *
 * <p>A file complete for this commit is not asked for again, so a second download of a complete model makes one
 * request (the file list) and writes nothing. No logic here knows of JavaFX: the window runs this on a worker and
 * hands {@link DownloadListener} events to its FX thread.
 */
public final class ModelDownloader {
    /** Files at most this big are fetched into memory when their content decides the plan (the shard index). */
    private static final long SMALL = 50L << 20;

    /** Waits between retries; interrupted, it cancels. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    /** The usable bytes of the file system holding a folder. */
    @FunctionalInterface
    public interface FreeSpace {
        long usableBytes(Path existingFolder) throws IOException;
    }

    /**
     * How hard to try: retries of a dropped transfer without new data (5) and of 429/5xx answers, their backoff
     * (1 s doubling to 8 s, as {@code http_backoff}), connect and header timeouts, how long a body may send nothing
     * before it counts as dropped (60 s), how often progress is reported (4 times a second).
     */
    public record Options(int retries, Duration backoffBase, Duration backoffCap, Duration connectTimeout,
            Duration requestTimeout, Duration stallTimeout, Duration progressEvery, Sleeper sleeper,
            FreeSpace freeSpace) {
        public static Options defaults() {
            return new Options(5, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(10),
                    Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofMillis(250), ModelDownloader::sleep,
                    folder -> Files.getFileStore(folder).getUsableSpace());
        }

        public Options withRetries(int n, Duration base) {
            return new Options(n, base, backoffCap, connectTimeout, requestTimeout, stallTimeout, progressEvery, sleeper,
                    freeSpace);
        }

        public Options withFreeSpace(FreeSpace space) {
            return new Options(retries, backoffBase, backoffCap, connectTimeout, requestTimeout, stallTimeout,
                    progressEvery, sleeper, space);
        }

        public Options withProgressEvery(Duration every) {
            return new Options(retries, backoffBase, backoffCap, connectTimeout, requestTimeout, stallTimeout, every,
                    sleeper, freeSpace);
        }

        Duration backoff(int failures) {
            long nanos = backoffBase.toNanos() << Math.min(Math.max(failures, 1) - 1, 20);
            return Duration.ofNanos(Math.min(nanos, backoffCap.toNanos()));
        }
    }

    private final HubSettings settings;
    private final Options options;

    public ModelDownloader(HubSettings settings) {
        this(settings, Options.defaults());
    }

    public ModelDownloader(HubSettings settings, Options options) {
        this.settings = Objects.requireNonNull(settings);
        this.options = Objects.requireNonNull(options);
    }

    public HubSettings settings() {
        return settings;
    }

    /** One file to fetch, with what its HEAD said. */
    private record Pending(HubFile file, HubClient.FileMeta meta, String etag, Path blob, long asked) {
    }

    /** A HEAD's location older than this is asked again before its transfer. */
    private static final Duration FRESH = Duration.ofMinutes(10);

    /**
     * Downloads {@code request}; returns the model folder. Every failure is a one-line {@link UserException};
     * cancelling throws {@link CancelledException} with the complete files kept.
     */
    @SuppressWarnings("try") // the lock is held by its try block, not used in it
    public DownloadResult download(DownloadRequest request, DownloadListener listener, CancellationToken cancel) {
        RepoId repo = RepoId.of(request.repo());
        try (HubClient client = new HubClient(settings, options)) {
            RepoInfo info = client.repoInfo(repo, request.revision());
            cancel.throwIfCancelled();
            if (info.file(ModelFiles.CONFIG).isEmpty()) {
                throw new UserException(repo + " has no config.json at '" + request.revision()
                        + "': it is not a Transformers model");
            }
            boolean hasWeights = info.files().stream().anyMatch(f -> ModelFiles.safetensors(f.name()));
            List<String> pickles = ModelFiles.pickles(info);
            if (!hasWeights && !pickles.isEmpty()) {
                throw new UserException(repo + ": this repository has no safetensors weights (only pickle: "
                        + String.join(", ", pickles.subList(0, Math.min(3, pickles.size())))
                        + (pickles.size() > 3 ? ", …" : "") + "), and pickle files can run code when loaded");
            }
            Layout layout = request.folder() == null ? new Layout.Cache(settings.cache(), repo, info.commit())
                    : new Layout.Folder(request.folder(), info.commit());

            List<HubFile> files = new ArrayList<>(ModelFiles.metadata(info));
            byte[] index = info.file(ModelFiles.INDEX).map(f -> readSmall(client, layout, info, f, cancel))
                    .orElse(null);
            List<HubFile> weights = hasWeights ? ModelFiles.weights(info, index) : List.of();
            files.addAll(weights);
            if (!hasWeights) {
                listener.note(repo + " has no weights: its config and tokenizer are enough as the tokenizer folder"
                        + " of a server");
            }

            // Before writing anything: what is missing, what its HEAD says, and whether it fits.
            Map<String, Pending> pending = new LinkedHashMap<>();
            List<String> alreadyThere = new ArrayList<>();
            long toFetch = 0;
            long inAll = 0;
            for (HubFile f : files) {
                cancel.throwIfCancelled();
                if (layout.complete(f)) {
                    alreadyThere.add(f.name());
                    inAll += f.size() == null ? 0 : f.size();
                    continue;
                }
                HubClient.FileMeta meta = client.head(repo, info.commit(), f.name());
                String etag = checkedEtag(repo, info, f, meta);
                Path blob = layout.existingBlob(etag, meta.size());
                pending.put(f.name(), new Pending(f, meta, etag, blob, System.nanoTime()));
                inAll += meta.size();
                if (blob == null) {
                    toFetch += meta.size() - partialLength(layout.incomplete(f.name(), etag), meta.size());
                }
            }
            checkSpace(repo, layout, toFetch);
            List<String> names = files.stream().map(HubFile::name).toList();
            listener.planned(new DownloadPlan(repo, info.commit(), layout.folder(), names, alreadyThere, toFetch, inAll,
                    hasWeights));

            Meter meter = new Meter(toFetch, listener, options.progressEvery());
            int fetched = 0;
            for (HubFile f : files) {
                Pending p = pending.get(f.name());
                if (p == null) {
                    listener.fileDone(f.name(), DownloadListener.Outcome.ALREADY_THERE, f.size() == null ? 0 : f.size());
                    continue;
                }
                cancel.throwIfCancelled();
                try (CacheLock lock = CacheLock.acquire(layout.lock(f.name(), p.etag()), layout.describe())) {
                    if (p.blob() != null) {
                        layout.link(f.name(), p.etag(), p.blob());
                        listener.fileDone(f.name(), DownloadListener.Outcome.LINKED, p.meta().size());
                        continue;
                    }
                    Path partial = layout.incomplete(f.name(), p.etag());
                    Pending now = p;
                    if (System.nanoTime() - p.asked() > FRESH.toNanos()) {
                        // the CDN's signed URLs expire, and the files before may have taken hours: a new location
                        HubClient.FileMeta meta = client.head(repo, info.commit(), f.name());
                        if (!meta.etag().equals(p.etag()) || meta.size() != p.meta().size()) {
                            throw new UserException(f.name() + " of " + repo + " changed on the hub during the"
                                    + " download; run it again");
                        }
                        now = new Pending(f, meta, p.etag(), null, System.nanoTime());
                    }
                    transfer(client, repo, info.commit(), now, partial, meter, listener, cancel);
                    layout.place(f.name(), p.etag(), partial);
                    fetched++;
                    listener.fileDone(f.name(), DownloadListener.Outcome.FETCHED, p.meta().size());
                } catch (IOException e) {
                    Path partial = layout.incomplete(f.name(), p.etag());
                    throw writeFailure(f.name(), layout.spaceRoot(), e, Files.exists(partial)
                            ? " (" + Sizes.bytes(partialLength(partial, Long.MAX_VALUE)) + " of "
                                    + Sizes.bytes(p.meta().size()) + " kept in " + partial.getFileName()
                                    + " to resume once there is space)" : "");
                }
            }
            try {
                layout.finish(request.revision());
            } catch (IOException e) {
                throw writeFailure("refs/" + request.revision(), layout.spaceRoot(), e, "");
            }
            return new DownloadResult(repo, info.commit(), layout.folder(), names, fetched, alreadyThere.size(),
                    meter.done(), hasWeights);
        }
    }

    /**
     * What {@link #download} would do, without writing anything: the file list, each missing file's HEAD and the
     * free-space check (a shortfall is the same one-line {@link UserException}), ending where the download would
     * start writing. Window dialogs show it before Start.
     */
    public DownloadPlan plan(DownloadRequest request, CancellationToken cancel) {
        DownloadPlan[] plan = new DownloadPlan[1];
        try {
            download(request, new DownloadListener() {
                @Override
                public void planned(DownloadPlan p) {
                    plan[0] = p;
                    throw new Planned();
                }
            }, cancel);
        } catch (Planned e) {
            return plan[0];
        }
        throw new IllegalStateException("the download ended without a plan");
    }

    /** Stops {@link #download} right after its plan, before anything is written. */
    private static final class Planned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Planned() {
            super(null, null, false, false);
        }
    }

    /** The ETag the HEAD gives, which must be the one the file list implies; and the commit must be ours. */
    private static String checkedEtag(RepoId repo, RepoInfo info, HubFile f, HubClient.FileMeta meta) {
        if (meta.commit() != null && !meta.commit().equals(info.commit())) {
            throw new UserException(f.name() + " of " + repo + ": the hub answered for commit " + meta.commit()
                    + " while asked for " + info.commit() + "; try again");
        }
        // the listing's lfs.sha256 must be the HEAD's X-Linked-Etag, its blobId a small file's ETag; a listing
        // without lfs metadata names only the LFS pointer's git id, which no header repeats
        String listed = f.lfs() ? f.lfsSha256() : meta.etag().length() == 40 ? f.blobId() : null;
        if (listed != null && !listed.equals(meta.etag())) {
            throw new UserException(f.name() + " of " + repo + ": the hub's file list (" + listed + ") and its file"
                    + " headers (" + meta.etag() + ") disagree; try again later");
        }
        if (f.size() != null && f.size() != meta.size()) {
            throw new UserException(f.name() + " of " + repo + ": the hub's file list (" + f.size() + " bytes) and its"
                    + " file headers (" + meta.size() + " bytes) disagree; try again later");
        }
        if (!meta.etag().matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new UserException(f.name() + " of " + repo + ": its ETag '" + meta.etag() + "' is neither a git blob"
                    + " id nor a sha256, so the download could not be verified (is HF_ENDPOINT a Hugging Face hub?)");
        }
        return meta.etag();
    }

    /** The shard index: from the model folder when complete there, else fetched into memory and verified. */
    private byte[] readSmall(HubClient client, Layout layout, RepoInfo info, HubFile f, CancellationToken cancel) {
        try {
            if (layout.complete(f)) {
                return Files.readAllBytes(layout.readable(f));
            }
            HubClient.FileMeta meta = client.head(info.repo(), info.commit(), f.name());
            String etag = checkedEtag(info.repo(), info, f, meta);
            if (meta.size() > SMALL) {
                throw new UserException(f.name() + " of " + info.repo() + " is " + Sizes.bytes(meta.size())
                        + ": too big for a shard index");
            }
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            Digest digest = Digest.forEtag(etag, meta.size());
            client.fetch(meta.location(), 0, info.repo(), f.name(), new HubClient.Sink() {
                @Override
                public void start(long offset) {
                }

                @Override
                public void write(ByteBuffer chunk) throws IOException {
                    if (bytes.size() + chunk.remaining() > meta.size()) {
                        throw new IOException("more bytes than the " + meta.size() + " announced");
                    }
                    byte[] b = new byte[chunk.remaining()];
                    chunk.get(b);
                    digest.update(b, 0, b.length);
                    bytes.write(b, 0, b.length);
                }
            }, cancel);
            if (bytes.size() != meta.size() || !digest.hex().equals(etag)) {
                throw new UserException(f.name() + " of " + info.repo() + ": checksum mismatch; nothing was written:"
                        + " try again");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UserException(f.name() + " of " + info.repo() + ": the download failed (" + HubClient.reason(e)
                    + "); try again");
        }
    }

    private void checkSpace(RepoId repo, Layout layout, long needed) {
        if (needed <= 0) {
            return;
        }
        Path existing = layout.spaceRoot();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free;
        try {
            free = options.freeSpace().usableBytes(existing);
        } catch (IOException e) {
            return; // as huggingface_hub's _check_disk_space: what cannot be measured is not refused
        }
        // a little headroom: the file system's own bookkeeping
        if (free < needed + (needed >> 10)) {
            throw new UserException("not enough free space for " + repo + " in " + existing + ": it needs "
                    + Sizes.bytes(needed) + " more and " + Sizes.bytes(free) + " are free");
        }
    }

    private static long partialLength(Path partial, long size) {
        try {
            long have = Files.size(partial);
            return have <= size ? have : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Thrown by the sink when a write to the disk failed, so that it is not retried as a network drop. */
    private static final class LocalWriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        LocalWriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Thrown by the sink once the file has all its bytes (a server sending more is cut off). */
    private static final class Enough extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Streams one file into its partial file, resuming, retrying, then verifies it. */
    private void transfer(HubClient client, RepoId repo, String commit, Pending p, Path partial, Meter meter,
            DownloadListener listener, CancellationToken cancel) throws IOException {
        String name = p.file().name();
        long size = p.meta().size();
        Digest digest = Digest.forEtag(p.etag(), size);
        Files.createDirectories(partial.getParent());
        long[] have = {partialLength(partial, size)};
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ)) {
            if (have[0] == 0) {
                channel.truncate(0);
            } else {
                listener.note(name + ": resuming at " + Sizes.bytes(have[0]) + " of " + Sizes.bytes(size));
                hashPrefix(partial, have[0], digest, cancel);
                channel.truncate(have[0]);
            }
            int failures = 0;
            URI location = p.meta().location();
            while (have[0] < size) {
                cancel.throwIfCancelled();
                long before = have[0];
                try {
                    client.fetch(location, have[0], repo, name, new HubClient.Sink() {
                        @Override
                        public void start(long offset) throws IOException {
                            if (offset == have[0]) {
                                return;
                            }
                            if (offset != 0) {
                                throw new IOException("asked for the bytes from " + have[0] + ", got them from "
                                        + offset);
                            }
                            // the server ignored the Range: start over
                            meter.restart(have[0]);
                            have[0] = 0;
                            digest.reset();
                            try {
                                channel.truncate(0);
                            } catch (IOException e) {
                                throw new LocalWriteFailure(e);
                            }
                        }

                        @Override
                        public void write(ByteBuffer chunk) throws IOException {
                            int room = (int) Math.min(chunk.remaining(), size - have[0]);
                            ByteBuffer part = chunk.slice(chunk.position(), room);
                            try {
                                while (part.hasRemaining()) {
                                    channel.write(part, have[0] + (room - part.remaining()));
                                }
                            } catch (IOException e) {
                                throw new LocalWriteFailure(e);
                            }
                            digest.update(chunk.slice(chunk.position(), room));
                            have[0] += room;
                            meter.add(name, have[0], size, room);
                            if (have[0] == size) {
                                throw new Enough();
                            }
                        }
                    }, cancel);
                    if (have[0] < size) {
                        throw new EOFException("the connection closed after " + have[0] + " of " + size + " bytes");
                    }
                } catch (Enough e) {
                    break;
                } catch (LocalWriteFailure e) {
                    throw (IOException) e.getCause();
                } catch (HubClient.Expired e) {
                    // the CDN refused its signed URL (expired during a long transfer): ask the hub for a new one
                    failures++;
                    if (failures > options.retries()) {
                        throw new UserException(name + " of " + repo + ": the download server keeps refusing it ("
                                + e.getMessage() + "); what arrived is kept: run the same download again to resume");
                    }
                    location = client.head(repo, commit, name).location();
                } catch (HubClient.RangeNotSatisfiable e) {
                    meter.restart(have[0]);
                    have[0] = 0;
                    digest.reset();
                    channel.truncate(0);
                    failures++;
                    if (failures > options.retries()) {
                        throw new UserException(name + " of " + repo + ": the hub refused to resume it (416); run"
                                + " again");
                    }
                } catch (IOException e) {
                    failures = have[0] > before ? 1 : failures + 1;
                    if (failures > options.retries()) {
                        String why = HubClient.reason(e);
                        throw new UserException(name + " of " + repo + ": the connection kept dropping ("
                                + options.retries() + " retries without new data"
                                + (why.equals("the connection dropped") ? "" : "; last: " + why) + ") at "
                                + Sizes.bytes(have[0]) + " of " + Sizes.bytes(size) + "; what arrived is kept: run"
                                + " the same download again to resume");
                    }
                    listener.note(name + ": " + HubClient.reason(e) + " at " + Sizes.bytes(have[0]) + "; resuming"
                            + " (retry " + failures + " of " + options.retries() + ")");
                    options.sleeper().sleep(options.backoff(failures));
                }
            }
            channel.force(true);
        }
        String got = digest.hex();
        if (!got.equals(p.etag())) {
            Files.deleteIfExists(partial);
            throw new UserException(name + " of " + repo + ": checksum mismatch (" + digest.algorithm() + " "
                    + abbreviate(p.etag()) + " expected, " + abbreviate(got) + " received); the partial file was"
                    + " deleted: run the download again to fetch it anew");
        }
    }

    /** Hashes the bytes a partial file already holds, so the resumed transfer is verified end to end. */
    private static void hashPrefix(Path partial, long length, Digest digest, CancellationToken cancel)
            throws IOException {
        byte[] buffer = new byte[1 << 20];
        long left = length;
        try (InputStream in = Files.newInputStream(partial)) {
            while (left > 0) {
                cancel.throwIfCancelled();
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new NoSuchFileException(partial + " is shorter than it was");
                }
                digest.update(buffer, 0, n);
                left -= n;
            }
        }
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }

    private static UserException writeFailure(String name, Path folder, IOException e, String partial) {
        String reason = HubClient.reason(e);
        String lower = reason.toLowerCase(Locale.ROOT);
        if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")
                || lower.contains("quota")) {
            return new UserException("the disk is full: " + name + " could not be written in " + folder + partial
                    + "; the files before it are complete");
        }
        return new UserException("cannot write " + name + " under " + folder + ": " + reason, e);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancelledException();
        }
    }

    /**
     * The checksum an ETag stands for: a 64-hex ETag is the file's sha256 (an LFS file); a 40-hex one its git blob
     * id, the SHA-1 of {@code "blob <size>\0"} and the content.
     */
    static final class Digest {
        private final MessageDigest md;
        private final long size;
        private final boolean git;

        private Digest(String algorithm, long size, boolean git) {
            try {
                this.md = MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            this.size = size;
            this.git = git;
            reset();
        }

        static Digest forEtag(String etag, long size) {
            return etag.length() == 64 ? new Digest("SHA-256", size, false) : new Digest("SHA-1", size, true);
        }

        String algorithm() {
            return git ? "git blob SHA-1" : "sha256";
        }

        void reset() {
            md.reset();
            if (git) {
                md.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
            }
        }

        void update(byte[] b, int off, int len) {
            md.update(b, off, len);
        }

        void update(ByteBuffer b) {
            md.update(b);
        }

        String hex() {
            return HexFormat.of().formatHex(md.digest());
        }
    }

    /** Bytes received this run, the speed over the last seconds and the time left, at most every so often. */
    private static final class Meter {
        private final DownloadListener listener;
        private final long every;
        private final ArrayDeque<long[]> window = new ArrayDeque<>(); // {nanos, done}
        private long total;
        private long done;
        private long lastReport;

        Meter(long total, DownloadListener listener, Duration every) {
            this.total = total;
            this.listener = listener;
            this.every = every.toNanos();
        }

        long done() {
            return done;
        }

        /** Bytes thrown away (a restart from zero) must come again. */
        void restart(long discarded) {
            total += discarded;
        }

        void add(String file, long fileBytes, long fileSize, long n) {
            done += n;
            long now = System.nanoTime();
            if (now - lastReport < every && fileBytes < fileSize) {
                return;
            }
            lastReport = now;
            window.addLast(new long[] {now, done});
            while (window.size() > 2 && now - window.peekFirst()[0] > 5_000_000_000L) {
                window.removeFirst();
            }
            long[] first = window.peekFirst();
            double seconds = (now - first[0]) / 1e9;
            double speed = seconds > 0.2 ? (done - first[1]) / seconds : 0;
            Duration eta = speed > 0 ? Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / speed)) : null;
            listener.progress(new DownloadProgress(file, fileBytes, fileSize, done, Math.max(total, done), speed, eta));
        }
    }
}
