package org.relevanceworkbench.ui;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.common.CancelledException;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.hub.DownloadListener;
import org.relevanceworkbench.hub.DownloadPlan;
import org.relevanceworkbench.hub.DownloadProgress;
import org.relevanceworkbench.hub.DownloadRequest;
import org.relevanceworkbench.hub.DownloadResult;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.ModelDownloader;
import org.relevanceworkbench.hub.RepoId;
import org.relevanceworkbench.hub.Sizes;
import org.relevanceworkbench.model.ScorerOptions;

/**
 * Model ▸ Download…: a repository at a revision (default {@code jhu-clsp/FollowIR-7B} at {@code main}) from the
 * Hugging Face hub into its cache or a plain folder, through {@link ModelDownloader} as {@code model download} does.
 * Check shows the plan first (files, size, what is already complete, what is to fetch against the free space); Start
 * downloads in the background with bytes, MB/s and ETA and one line per file as it completes; Cancel keeps every
 * complete file (and the partial one), so the next Start resumes. Once done, a folder with weights loads
 * ({@link ScoringViewModel#loadModel}); one without is offered as the tokenizer folder of a server.
 *
 * <p>A download does not hold the scorer (runs go on meanwhile), but there is one at a time: the window keeps one of
 * these, and closing its dialog leaves the download running. The token lives in this object only, until a download
 * succeeds or the window closes: it is never written to the preferences, and no line shown here holds it.
 */
public final class ModelDownloadViewModel {
    /** Where the files go. */
    public enum Destination {
        /** the Hugging Face cache, shared with Python tools */
        HUB_CACHE,
        /** a plain folder, as {@code huggingface-cli download --local-dir} writes one */
        FOLDER
    }

    private final TaskExecutor tasks;
    private final ScoringViewModel scoring;
    private final Supplier<HubSettings> hub;
    private final ModelDownloader.Options options;
    private final StringProperty repo = new SimpleStringProperty(DownloadRequest.FOLLOWIR);
    private final StringProperty revision = new SimpleStringProperty("main");
    private final ObjectProperty<Destination> destination = new SimpleObjectProperty<>(Destination.HUB_CACHE);
    private final StringProperty folder = new SimpleStringProperty("");
    private final StringProperty token = new SimpleStringProperty("");
    private final StringProperty plan = new SimpleStringProperty("");
    private final StringProperty progressText = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty offerServer = new SimpleBooleanProperty();
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ObjectProperty<Path> serverTokenizer = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private CancellationToken cancel = new CancellationToken();
    private DownloadResult result;
    private int filesDone;
    private int filesInAll;

    public ModelDownloadViewModel(TaskExecutor tasks, ScoringViewModel scoring, Supplier<HubSettings> hub,
            ModelDownloader.Options options) {
        this.tasks = tasks;
        this.scoring = scoring;
        this.hub = hub;
        this.options = options;
    }

    /** The request the fields make; a mistake is a one-line {@link UserException}. */
    DownloadRequest request() {
        String id = repo.get() == null ? "" : repo.get().strip();
        if (id.isEmpty()) {
            throw new UserException("enter a model repository, such as " + DownloadRequest.FOLLOWIR);
        }
        RepoId.of(id); // checked here, before any request
        DownloadRequest request = new DownloadRequest(id, revision.get(), null);
        if (destination.get() != Destination.FOLDER) {
            return request;
        }
        String target = folder.get() == null ? "" : folder.get().strip();
        if (target.isEmpty()) {
            throw new UserException("choose the folder to download into, or the Hugging Face cache");
        }
        if (target.equals("~") || target.startsWith("~/")) {
            target = System.getProperty("user.home") + target.substring(1);
        }
        return request.intoFolder(Path.of(target).toAbsolutePath());
    }

    /** The hub settings with the typed token, when one is typed (else the environment's HF_TOKEN, if set). */
    HubSettings settings() {
        HubSettings settings = hub.get();
        String typed = typedToken();
        if (typed.isEmpty()) {
            return settings;
        }
        if (!typed.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UserException("the token holds a space, a line break or a non-ASCII character, which an"
                    + " Authorization header cannot carry");
        }
        return settings.withToken(typed);
    }

    private String typedToken() {
        return token.get() == null ? "" : token.get().strip();
    }

    /** Where the hub cache is, for the destination's label; the environment's mistake, if it has one. */
    public String cacheText() {
        try {
            return hub.get().cache().toString();
        } catch (UserException e) {
            return e.getMessage();
        }
    }

    /** A hint for the token field: whether HF_TOKEN is there to be used. */
    public String tokenHint() {
        try {
            return hub.get().hasToken() ? "HF_TOKEN is set and used unless you type another; memory only"
                    : "only for gated models; held in memory only, never stored";
        } catch (UserException e) {
            return "only for gated models; held in memory only, never stored";
        }
    }

    private record Checked(DownloadPlan plan, long free) {
    }

    /** What Check and Start read from the form, with the token that cancels them. */
    private record Begun(DownloadRequest request, HubSettings settings, String secret, CancellationToken token) {
    }

    /** The form read for Check or Start, or null when one is going on or the form is wrong (said in the status). */
    private Begun begin() {
        if (running.get() || checking.get()) {
            return null;
        }
        DownloadRequest request;
        HubSettings settings;
        try {
            request = request();
            settings = settings();
        } catch (UserException e) {
            status.set(scrub(e.getMessage()));
            return null;
        }
        CancellationToken token = new CancellationToken();
        cancel = token;
        offerServer.set(false);
        status.set("Asking " + settings.endpoint() + " for " + request.repo() + " at " + request.revision() + "…");
        return new Begun(request, settings, typedToken(), token);
    }

    /** The plan in the background, nothing written: files, size, already complete, to fetch, the free space. */
    public void check() {
        Begun begun = begin();
        if (begun == null) {
            return;
        }
        checking.set(true);
        plan.set("");
        tasks.run(() -> {
            DownloadPlan p = new ModelDownloader(begun.settings(), options).plan(begun.request(), begun.token());
            return new Checked(p, freeSpace(p.folder()));
        }, checked -> {
            checking.set(false);
            plan.set(describe(checked.plan(), checked.free()));
            status.set(checked.plan().bytesToFetch() == 0 ? "Everything is here: Start puts it in place and loads it"
                    : "Start fetches " + Sizes.bytes(checked.plan().bytesToFetch()));
        }, f -> {
            checking.set(false);
            failed(f, begun.secret(), "Check cancelled");
        });
    }

    /** Downloads in the background; once done loads the folder, or offers it as a server's tokenizer folder. */
    public void start() {
        Begun begun = begin();
        if (begun == null) {
            return;
        }
        running.set(true);
        result = null;
        lines.clear();
        progress.set(0);
        progressText.set("");
        filesDone = 0;
        filesInAll = 0;
        long started = System.nanoTime();
        DownloadListener listener = new DownloadListener() {
            @Override
            public void planned(DownloadPlan p) {
                String text = describe(p, freeSpace(p.folder()));
                tasks.onUi(() -> {
                    plan.set(text);
                    filesInAll = p.files().size();
                    status.set(p.bytesToFetch() == 0 ? "Everything is already here"
                            : "Downloading " + Sizes.bytes(p.bytesToFetch()) + "…");
                });
            }

            @Override
            public void progress(DownloadProgress p) {
                String text = p.describe();
                double fraction = p.totalBytes() == 0 ? 1 : (double) p.doneBytes() / p.totalBytes();
                tasks.onUi(() -> {
                    progressText.set(text);
                    progress.set(fraction);
                });
            }

            @Override
            public void fileDone(String file, Outcome outcome, long bytes) {
                String line = file + ": " + Sizes.bytes(bytes) + switch (outcome) {
                    case FETCHED -> ", verified";
                    case LINKED -> ", already in the cache (linked)";
                    case ALREADY_THERE -> ", already complete";
                };
                tasks.onUi(() -> {
                    filesDone++;
                    lines.add(line);
                });
            }

            @Override
            public void note(String line) {
                tasks.onUi(() -> lines.add("note: " + line));
            }
        };
        tasks.run(() -> new ModelDownloader(begun.settings(), options).download(begun.request(), listener,
                begun.token()), r -> finished(r, started), f -> {
                    running.set(false);
                    failed(f, begun.secret(), filesInAll == 0 ? "Cancelled before anything was written"
                            : "Cancelled: " + filesDone + " of " + filesInAll + " files complete and kept, with what"
                                    + " arrived of the next; Start resumes");
                });
    }

    private void finished(DownloadResult r, long started) {
        running.set(false);
        progress.set(1);
        result = r;
        token.set(""); // done: the token is forgotten
        double seconds = (System.nanoTime() - started) / 1e9;
        String speed = r.bytesFetched() > 0 && seconds > 0
                ? String.format(Locale.US, ", %.1f MB/s", r.bytesFetched() / seconds / 1e6) : "";
        String done = "Done: " + r.repo() + " at " + shortCommit(r.commit()) + ", " + r.files().size() + " files, "
                + r.fetched() + " fetched (" + Sizes.bytes(r.bytesFetched()) + speed + "), " + r.alreadyThere()
                + " already complete";
        if (!r.weights()) {
            offerServer.set(true);
            status.set(done + "; no weights: use it as the tokenizer folder of a server");
        } else if (scoring.runningProperty().get() || scoring.loadingProperty().get()) {
            status.set(done + "; a run or a load is going on: choose it in Model ▸ Choose model… once it ends");
        } else {
            scoring.loadModel(r.folder(), ScorerOptions.defaults());
            status.set(done + "; loading it");
        }
    }

    private void failed(Throwable f, String secret, String cancelled) {
        if (f instanceof CancelledException) {
            status.set(cancelled);
            return;
        }
        status.set(scrub(windowWords(oneLine(WorkbenchViewModel.message(f))), secret));
        if (!(f instanceof UserException)) {
            failure.set(null);
            failure.set(scrubbed(f, secret));
        }
    }

    /** Opens Connect to server… with the downloaded tokenizer folder. */
    public void useForServer() {
        if (result != null && !result.weights()) {
            serverTokenizer.set(null);
            serverTokenizer.set(result.folder());
        }
    }

    /** Stops the download (or the check) within a fraction of a second; what is complete stays. */
    public void cancel() {
        cancel.cancel();
    }

    /** The window is closing: the download stops and the token is forgotten. */
    public void close() {
        cancel();
        token.set("");
    }

    /** {@code ORG/NAME at 0b08e69: 6 files, 14.5 GB; 2 already complete; 14.4 GB to fetch, 120 GB free · into …}. */
    static String describe(DownloadPlan p, long free) {
        String head = p.repo() + " at " + shortCommit(p.commit()) + ": " + p.files().size() + " files, "
                + Sizes.bytes(p.bytesInAll());
        String tail = p.weights() ? "" : " · no weights: a tokenizer folder for a server";
        if (p.alreadyThere().size() == p.files().size()) {
            return head + ", all already complete in " + p.folder() + tail;
        }
        return head + "; " + p.alreadyThere().size() + " already complete; " + Sizes.bytes(p.bytesToFetch())
                + " to fetch" + (free >= 0 ? ", " + Sizes.bytes(free) + " free" : "") + " · into " + p.folder() + tail;
    }

    /** The usable bytes where {@code folder} is (or would be); -1 when that cannot be measured. */
    private long freeSpace(Path folder) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.isDirectory(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return -1;
        }
        try {
            return options.freeSpace().usableBytes(existing);
        } catch (IOException e) {
            return -1;
        }
    }

    /** The hub's advice as the window gives it: the token goes in the Token field (HF_TOKEN works too). */
    static String windowWords(String line) {
        return line.replace("set HF_TOKEN (or --token-env NAME) to a token", "enter under Token (or in HF_TOKEN) a token");
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    private static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().lines().map(String::strip).toList());
    }

    private String scrub(String text) {
        return scrub(text, typedToken());
    }

    /** The text with the token blanked out, should any message ever repeat it. */
    static String scrub(String text, String secret) {
        return secret == null || secret.isEmpty() || text == null ? text : text.replace(secret, "•••");
    }

    /** The failure itself, or when its details mention the token, a stand-in whose details do not. */
    private static Throwable scrubbed(Throwable f, String secret) {
        if (secret == null || secret.isEmpty()) {
            return f;
        }
        StringWriter trace = new StringWriter();
        f.printStackTrace(new PrintWriter(trace));
        if (!trace.toString().contains(secret)) {
            return f;
        }
        RuntimeException standIn = new RuntimeException(scrub(trace.toString(), secret));
        standIn.setStackTrace(new StackTraceElement[0]);
        return standIn;
    }

    public StringProperty repoProperty() {
        return repo;
    }

    public StringProperty revisionProperty() {
        return revision;
    }

    public ObjectProperty<Destination> destinationProperty() {
        return destination;
    }

    /** The plain folder, when {@link Destination#FOLDER}. */
    public StringProperty folderProperty() {
        return folder;
    }

    /** The token as typed: memory only, forgotten once a download succeeds or the window closes. */
    public StringProperty tokenProperty() {
        return token;
    }

    /** What Check (or Start, first) found: files, size, already complete, to fetch, free space, where. */
    public StringProperty planProperty() {
        return plan;
    }

    /** The file being fetched, bytes, MB/s and time left. */
    public StringProperty progressTextProperty() {
        return progressText;
    }

    /** Bytes done of the bytes to fetch this run, 0 to 1. */
    public DoubleProperty progressProperty() {
        return progress;
    }

    /** One line: what is going on, what went wrong, or how it ended. */
    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty checkingProperty() {
        return checking;
    }

    public BooleanProperty runningProperty() {
        return running;
    }

    /** A line per file as it completes, and the notes (retries, resumes). */
    public ObservableList<String> lines() {
        return lines;
    }

    /** True once a download without weights finished: it can serve as a server's tokenizer folder. */
    public BooleanProperty offerServerProperty() {
        return offerServer;
    }

    /** The folder {@link #useForServer()} hands to Connect to server… (set anew each time). */
    public ObjectProperty<Path> serverTokenizerProperty() {
        return serverTokenizer;
    }

    /** An unexpected failure, for an error dialog with its details folded away; set anew for each. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
