package org.relevanceworkbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.hub.DownloadListener;
import org.relevanceworkbench.hub.DownloadPlan;
import org.relevanceworkbench.hub.DownloadProgress;
import org.relevanceworkbench.hub.DownloadRequest;
import org.relevanceworkbench.hub.DownloadResult;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.LocalModel;
import org.relevanceworkbench.hub.ModelCatalog;
import org.relevanceworkbench.hub.ModelDownloader;
import org.relevanceworkbench.hub.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The models on this machine, and downloads from the Hugging Face hub. Needs no workspace. */
@Command(name = "model", description = "Models found on this machine, and downloads from the Hugging Face hub.",
        subcommands = {ModelCommand.ListModels.class, ModelCommand.Download.class})
final class ModelCommand {
    /** The window's preferences node and the key under which it remembers its model folder (ui.AppPreferences). */
    static final String PREFERENCES_NODE = "org/relevanceworkbench";
    static final String PREFERENCES_MODEL_KEY = "model";
    /** Its recent model folders: {@code recentModel.0} (the latest) to {@code recentModel.7}. */
    static final String PREFERENCES_RECENT_MODEL_PREFIX = "recentModel.";
    static final int PREFERENCES_RECENT_MODELS = 8;

    /** Options both subcommands take: where the hub cache is. */
    static final class CacheOption {
        @Option(names = "--cache-dir", paramLabel = "DIR", description = "the Hugging Face cache (default:"
                + " $HF_HUB_CACHE, else $HF_HOME/hub, else ~/.cache/huggingface/hub)")
        Path cacheDir;

        HubSettings settings() {
            HubSettings s = HubSettings.fromSystem();
            return cacheDir == null ? s : s.withCache(cacheDir.toAbsolutePath());
        }
    }

    @Command(name = "list", header = "FollowIR-7B and the Mistral/Llama models in the Hugging Face cache and recent"
            + " folders.", description = "List FollowIR-7B and the Mistral/Llama-family models in the Hugging Face"
            + " cache, every revision with its size and whether it has safetensors weights or only a tokenizer, then"
            + " the recently used folders (the window's recent model folders and each --recent DIR): the list"
            + " Model > Choose model shows.")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        CacheOption cache = new CacheOption();

        @Option(names = "--recent", paramLabel = "DIR", description = "a recently used model folder (repeatable)")
        List<Path> recent = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            HubSettings settings = cache.settings();
            List<Path> folders = new ArrayList<>(recent);
            folders.addAll(windowFolders(Preferences.userRoot()));
            List<LocalModel> models = ModelCatalog.scan(settings.cache(), folders);
            out.println("Hugging Face cache: " + settings.cache());
            if (models.stream().noneMatch(m -> m.source() == LocalModel.Source.HUB_CACHE)) {
                out.println("  no FollowIR-7B or Mistral/Llama model there; get FollowIR-7B with:"
                        + " model download " + DownloadRequest.FOLLOWIR);
            }
            if (models.isEmpty()) {
                return Cli.OK;
            }
            out.println(String.format(Locale.US, "%-7s %-32s %-16s %9s  %-26s %s", "source", "model", "revision",
                    "size", "contents", "folder"));
            for (LocalModel m : models) {
                out.println(String.format(Locale.US, "%-7s %-32s %-16s %9s  %-26s %s",
                        m.source() == LocalModel.Source.HUB_CACHE ? "cache" : "recent", m.name(), m.revision(),
                        Sizes.bytes(m.bytes()), m.contents(), m.folder()));
            }
            return Cli.OK;
        }

        /**
         * The window's recent model folders, most recent first, then the folder it loads at start when not among
         * them, from its preferences under {@code root} (none when it never chose one).
         */
        static List<Path> windowFolders(Preferences root) {
            List<Path> out = new ArrayList<>();
            try { // nodeExists first: node() would create the window's node on a machine that never ran it
                if (!root.nodeExists(PREFERENCES_NODE)) {
                    return out;
                }
                Preferences node = root.node(PREFERENCES_NODE);
                for (int i = 0; i < PREFERENCES_RECENT_MODELS; i++) {
                    String value = node.get(PREFERENCES_RECENT_MODEL_PREFIX + i, null);
                    if (value != null) {
                        out.add(Path.of(value));
                    }
                }
                String value = node.get(PREFERENCES_MODEL_KEY, null);
                if (value != null && !out.contains(Path.of(value))) {
                    out.add(Path.of(value));
                }
                return out;
            } catch (java.util.prefs.BackingStoreException | RuntimeException e) { // no store: nothing remembered
                return out;
            }
        }
    }

    @Command(name = "download", header = "Download a model from the Hugging Face hub: resumable, verified.",
            description = "Download a model from the Hugging Face hub as huggingface_hub does,"
            + " into its cache (shared with Python tools), or with --to into a plain folder. Takes config.json,"
            + " generation_config.json, the tokenizer files and the safetensors weights with their index, never pickle"
            + " (.bin); checks the free space first, resumes interrupted files (also after a restart) and checks every"
            + " file's sha256 before putting it in place. Ctrl-C keeps what is complete.%n"
            + "The hub is $HF_ENDPOINT (default https://huggingface.co). A gated model needs a token: $HF_TOKEN, or"
            + " the variable --token-env names; it is kept in memory only.")
    static final class Download implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "REPO", description = "the model, e.g. " + DownloadRequest.FOLLOWIR)
        String repo;

        @Option(names = "--revision", paramLabel = "REV", defaultValue = "main",
                description = "a branch, tag or commit (default: ${DEFAULT-VALUE})")
        String revision;

        @Option(names = "--to", paramLabel = "DIR", description = "a plain folder instead of the hub cache")
        Path to;

        @Option(names = "--token-env", paramLabel = "NAME",
                description = "the environment variable that holds the token (default: HF_TOKEN)")
        String tokenEnv;

        @Option(names = "--endpoint", paramLabel = "URL",
                description = "the hub (default: $HF_ENDPOINT, else https://huggingface.co)")
        String endpoint;

        @picocli.CommandLine.Mixin
        CacheOption cache = new CacheOption();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            HubSettings settings = cache.settings();
            if (endpoint != null) {
                settings = settings.withEndpoint(endpoint, "--endpoint");
            }
            if (tokenEnv != null) {
                String token = System.getenv(tokenEnv);
                if (token == null || token.isBlank()) {
                    err.println("note: " + tokenEnv + " is not set: downloading without a token");
                }
                settings = settings.withToken(token);
            }
            Progress progress = new Progress(err, System.console() != null);
            ModelDownloader downloader = new ModelDownloader(settings);
            DownloadRequest request = new DownloadRequest(repo, revision, to);
            CancellationToken cancel = new CancellationToken();
            long start = System.nanoTime();
            DownloadResult result;
            try {
                result = ImportSupport.withInterruptAsCancel(cancel, () -> downloader.download(request, progress,
                        cancel));
            } finally {
                progress.clear();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String speed = result.bytesFetched() > 0 && seconds > 0
                    ? String.format(Locale.US, " (%.1f MB/s)", result.bytesFetched() / seconds / 1e6) : "";
            err.println(result.repo() + " at " + result.commit().substring(0, 7) + ": " + result.files().size()
                    + " files, " + result.fetched() + " fetched (" + Sizes.bytes(result.bytesFetched()) + " in "
                    + Sizes.duration(java.time.Duration.ofMillis((long) (seconds * 1000))) + speed + "), "
                    + result.alreadyThere() + " already there");
            err.println(result.weights() ? "use it with: --model " + result.folder()
                    : "no weights: use it as the tokenizer folder of a server: --model " + result.folder()
                            + " --server URL");
            out.println(result.folder());
            return Cli.OK;
        }
    }

    /** Progress on the terminal: one line rewritten in place; elsewhere a line per file, for logs. */
    static final class Progress implements DownloadListener {
        private final PrintWriter err;
        private final boolean live;
        private boolean lineOpen;

        Progress(PrintWriter err, boolean live) {
            this.err = err;
            this.live = live;
        }

        @Override
        public void planned(DownloadPlan plan) {
            println(plan.repo() + " at " + plan.commit().substring(0, 7) + ": " + plan.files().size() + " files, "
                    + Sizes.bytes(plan.bytesInAll()) + (plan.bytesToFetch() > 0
                            ? ", " + Sizes.bytes(plan.bytesToFetch()) + " to fetch into " + plan.folder()
                            : ", all already in " + plan.folder()));
        }

        @Override
        public void progress(DownloadProgress p) {
            if (live) {
                err.print("\r\033[K" + p.describe());
                err.flush();
                lineOpen = true;
            }
        }

        @Override
        public void fileDone(String file, Outcome outcome, long bytes) {
            if (outcome == Outcome.FETCHED) {
                println(file + ": " + Sizes.bytes(bytes) + ", verified");
            } else if (outcome == Outcome.LINKED) {
                println(file + ": " + Sizes.bytes(bytes) + ", already in the cache (linked)");
            }
        }

        @Override
        public void note(String line) {
            println("note: " + line);
        }

        private void println(String line) {
            clear();
            err.println(line);
            err.flush();
        }

        void clear() {
            if (lineOpen) {
                err.print("\r\033[K");
                err.flush();
                lineOpen = false;
            }
        }
    }
}
