package org.relevanceworkbench.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.remote.EngineChoice;
import org.relevanceworkbench.remote.RemoteScorer;
import org.relevanceworkbench.remote.ServerInfo;
import org.relevanceworkbench.remote.ServerOptions;

/**
 * The state of Model ▸ Connect to server…: server URLs (one per line), the engine, an API key and
 * the tokenizer folder (config.json and the tokenizer files; the token ids are made here). Test
 * probes each server on its own and lists one line per server; Connect probes them as one pool and
 * makes it the scorer. Both run on the task executor.
 *
 * <p>The API key lives in this object and in the connection only: it is never written to the
 * preferences (the URLs, engine and folder are), and no message shown here or handed on holds it.
 */
public final class ServerConnectViewModel {
    private final TaskExecutor tasks;
    private final ScoringViewModel scoring;
    private final AppPreferences preferences;
    private final StringProperty urls = new SimpleStringProperty("");
    private final ObjectProperty<EngineChoice> engine = new SimpleObjectProperty<>(EngineChoice.AUTO);
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final StringProperty tokenizerFolder = new SimpleStringProperty("");
    private final ObservableList<String> checks = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty connected = new SimpleBooleanProperty();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();
    private boolean dismissed;

    public ServerConnectViewModel(TaskExecutor tasks, ScoringViewModel scoring, AppPreferences preferences) {
        this.tasks = tasks;
        this.scoring = scoring;
        this.preferences = preferences;
        urls.set(String.join("\n", preferences.serverUrls()));
        try {
            engine.set(EngineChoice.parse(preferences.serverEngine()));
        } catch (UserException e) {
            engine.set(EngineChoice.AUTO);
        }
        preferences.serverTokenizer().or(preferences::modelFolder)
                .ifPresent(folder -> tokenizerFolder.set(folder.toString()));
    }

    /** The servers' options from the fields; a mistake is a {@link UserException} of one line. */
    ServerOptions options() {
        List<String> lines = (urls.get() == null ? "" : urls.get()).lines().toList();
        long given = lines.stream().filter(l -> !l.isBlank()).count();
        List<URI> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String where = given > 1 ? "line " + (i + 1) + ": " : "";
            if (line.contains("@")) { // user:key@host: said without repeating the line, which may hold a key
                throw new UserException(where + "a server URL must not hold credentials; put the key in the API key "
                        + "field, where it is never stored");
            }
            try {
                parsed.add(ServerOptions.parseUrl(line));
            } catch (UserException e) {
                throw new UserException(where + e.getMessage());
            }
        }
        if (parsed.isEmpty()) {
            throw new UserException("enter a server URL, such as http://localhost:8000 (one per line for several)");
        }
        ServerOptions options = ServerOptions.of(parsed).withEngine(engine.get() == null ? EngineChoice.AUTO
                : engine.get());
        String key = apiKey.get() == null ? "" : apiKey.get().strip();
        if (key.isEmpty()) {
            return options;
        }
        if (!key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new UserException("the API key holds a space, a line break or a non-ASCII character, which an "
                    + "Authorization header cannot carry");
        }
        return options.withApiKey(key);
    }

    /** The tokenizer folder from its field, checked. */
    Path tokenizer() {
        String text = tokenizerFolder.get() == null ? "" : tokenizerFolder.get().strip();
        if (text.isEmpty()) {
            throw new UserException("choose the tokenizer folder: the FollowIR-7B model folder, or a copy holding "
                    + "only config.json and the tokenizer files");
        }
        Path folder = Path.of(text);
        if (!Files.isDirectory(folder)) {
            throw new UserException(folder + " is not a folder");
        }
        if (!Files.isRegularFile(folder.resolve("tokenizer.json"))) {
            throw new UserException(folder + " has no tokenizer.json: choose the FollowIR-7B model folder "
                    + "(config.json and the tokenizer files are enough, no weights)");
        }
        return folder;
    }

    /** What Test and Connect read from the form. */
    private record Form(ServerOptions options, Path folder) {
    }

    /** The form read for Test or Connect, or null when one is going on or the form is wrong (said in the status). */
    private Form form() {
        if (busy.get()) {
            return null;
        }
        try {
            return new Form(options(), tokenizer());
        } catch (UserException e) {
            status.set(e.getMessage());
            return null;
        }
    }

    /** Probes every server on its own and lists one line per server. */
    public void test() {
        Form form = form();
        if (form == null) {
            return;
        }
        ServerOptions options = form.options();
        Path folder = form.folder();
        String key = options.apiKey();
        busy.set(true);
        checks.clear();
        status.set("Testing " + count(options.urls().size()) + "…");
        tasks.run(() -> RemoteScorer.check(folder, options), results -> {
            busy.set(false);
            checks.setAll(results.stream().map(c -> scrub(line(c), key)).toList());
            long good = results.stream().filter(c -> c.problem() == null).count();
            status.set(good == results.size() ? (good == 1 ? "The server answers" : "All " + good + " servers answer")
                    : good + " of " + count(results.size()) + " answer");
        }, f -> failed(f, key));
    }

    /** One server's line: ✓ with engine, model, maximum length, latency and the test pair's p, or ✗ and why. */
    static String line(RemoteScorer.Check c) {
        if (c.problem() != null) {
            return "✗ " + c.url() + ": " + oneLine(c.problem());
        }
        ServerInfo i = c.info();
        return "✓ " + c.url() + " " + i.engineAndVersion() + " · " + (i.modelId() == null ? "model unnamed" : i.modelId())
                + (i.maxModelLen() == null ? "" : " · max " + i.maxModelLen()) + " · " + i.latencyMillis() + " ms · p"
                + (i.exact() ? "=" : "≈") + String.format(Locale.US, "%.2f", i.testPTrue())
                + (i.note() == null ? "" : " · " + oneLine(i.note()));
    }

    /**
     * Connects to the servers as one pool and, once they answer, makes it the scorer (the model or
     * connection before is closed), remembers URLs, engine and folder (not the key) and closes.
     */
    public void connect() {
        Form form = form();
        if (form == null) {
            return;
        }
        ServerOptions options = form.options();
        Path folder = form.folder();
        if (scoring.runningProperty().get()) {
            status.set("A run is going on: connect once it ends");
            return;
        }
        String key = options.apiKey();
        EngineChoice chosen = options.engine();
        busy.set(true);
        status.set("Connecting to " + count(options.urls().size()) + "…");
        NoteRelay notes = new NoteRelay(scoring.notes());
        ScorerOptions defaults = ScorerOptions.defaults();
        tasks.run(() -> RemoteScorer.connect(folder, defaults.maxLength(), defaults.mode(), options, notes), remote -> {
            busy.set(false);
            if (dismissed) { // the dialog was closed while connecting: nobody wants this connection
                remote.close();
                return;
            }
            if (!scoring.useServer(remote, notes.goLive())) {
                status.set("A run is going on: connect once it ends");
                return;
            }
            preferences.serverConnected(options.urls().stream().map(URI::toString).toList(),
                    chosen.name().toLowerCase(Locale.ROOT), folder);
            apiKey.set(""); // from here on the key lives in the connection only
            status.set("Connected: " + remote.describe());
            connected.set(true);
        }, f -> failed(f, key));
    }

    private void failed(Throwable f, String key) {
        busy.set(false);
        status.set(scrub(oneLine(WorkbenchViewModel.message(f)), key));
        if (!(f instanceof UserException)) {
            failure.set(null);
            failure.set(scrubbed(f, key));
        }
    }

    /** The dialog is closing: a connection that finishes later is closed, and the key is forgotten. */
    public void dismiss() {
        dismissed = true;
        apiKey.set("");
    }

    private static String count(int servers) {
        return servers + (servers == 1 ? " server" : " servers");
    }

    private static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().lines().map(String::strip).toList());
    }

    /** The text with the key blanked out, should any message ever repeat it. */
    static String scrub(String text, String key) {
        return key == null || key.isEmpty() || text == null ? text : text.replace(key, "•••");
    }

    /** The failure itself, or when its details mention the key, a stand-in whose details do not. */
    private static Throwable scrubbed(Throwable f, String key) {
        if (key == null || key.isEmpty()) {
            return f;
        }
        StringWriter trace = new StringWriter();
        f.printStackTrace(new PrintWriter(trace));
        if (!trace.toString().contains(key)) {
            return f;
        }
        RuntimeException standIn = new RuntimeException(scrub(trace.toString(), key));
        standIn.setStackTrace(new StackTraceElement[0]);
        return standIn;
    }

    /** Holds the notes of connecting until the pool is the scorer, then passes them on as they come. */
    private static final class NoteRelay implements Consumer<String> {
        private final Consumer<String> sink;
        private final List<String> early = new ArrayList<>();
        private boolean live;

        NoteRelay(Consumer<String> sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void accept(String note) {
            if (live) {
                sink.accept(note);
            } else {
                early.add(note);
            }
        }

        synchronized List<String> goLive() {
            live = true;
            return List.copyOf(early);
        }
    }

    public StringProperty urlsProperty() {
        return urls;
    }

    public ObjectProperty<EngineChoice> engineProperty() {
        return engine;
    }

    /** The API key as typed; held in memory only, and cleared once connected or dismissed. */
    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    public StringProperty tokenizerFolderProperty() {
        return tokenizerFolder;
    }

    /** Test's result, one line per server. */
    public ObservableList<String> checks() {
        return checks;
    }

    /** One line: what is going on, or what went wrong. */
    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Becomes true once the servers are the scorer: the dialog closes. */
    public BooleanProperty connectedProperty() {
        return connected;
    }

    /** An unexpected failure, for an error dialog with its details folded away; set anew for each. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
