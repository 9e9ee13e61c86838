package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the app remembers between runs: the last workspace and the recently opened ones, the model
 * folder and the recently loaded ones, the servers last connected to (URLs, engine, tokenizer
 * folder: never an API key), the theme and the window's bounds. Kept in java.util.prefs under a node the caller gives, so tests
 * use a throw-away node.
 */
public final class AppPreferences {
    static final int RECENT = 8;
    /** The key prefix of the recent model folders, {@code recentModel.0} the latest (cli.ModelCommand reads them). */
    static final String RECENT_MODEL = "recentModel.";
    private final Preferences node;

    public AppPreferences(Preferences node) {
        this.node = node;
    }

    public static AppPreferences user() {
        return new AppPreferences(Preferences.userRoot().node("org/relevanceworkbench"));
    }

    /** Window bounds; width 0 when never saved. */
    public record Bounds(double x, double y, double width, double height, boolean maximized) {
    }

    public Optional<Path> lastWorkspace() {
        return recentWorkspaces().stream().findFirst();
    }

    /** Most recent first, without duplicates. */
    public List<Path> recentWorkspaces() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String value = node.get("recent." + i, null);
            if (value != null) {
                out.add(Path.of(value));
            }
        }
        return out;
    }

    public void workspaceOpened(Path file) {
        List<Path> recent = new ArrayList<>(recentWorkspaces());
        Path absolute = file.toAbsolutePath();
        recent.remove(absolute);
        recent.add(0, absolute);
        for (int i = 0; i < RECENT; i++) {
            if (i < recent.size()) {
                node.put("recent." + i, recent.get(i).toString());
            } else {
                node.remove("recent." + i);
            }
        }
        flush();
    }

    public Optional<Path> modelFolder() {
        return Optional.ofNullable(node.get("model", null)).map(Path::of);
    }

    public void modelFolder(Path folder) {
        if (folder == null) {
            node.remove("model");
        } else {
            node.put("model", folder.toAbsolutePath().toString());
        }
        flush();
    }

    /**
     * The model folders that loaded, most recent first, at most {@value #RECENT}: Model ▸ Choose model… lists them
     * after the Hugging Face cache (so does {@code model list}). A folder remembered before this list existed comes
     * last.
     */
    public List<Path> recentModelFolders() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < RECENT; i++) {
            String value = node.get(RECENT_MODEL + i, null);
            if (value != null) {
                out.add(Path.of(value));
            }
        }
        modelFolder().filter(folder -> !out.contains(folder) && out.size() < RECENT).ifPresent(out::add);
        return out;
    }

    /** A model folder loaded: it loads again at the next start, and heads the recent model folders. */
    public void modelLoaded(Path folder) {
        Path absolute = folder.toAbsolutePath();
        List<Path> recent = new ArrayList<>(recentModelFolders());
        recent.remove(absolute);
        recent.add(0, absolute);
        for (int i = 0; i < RECENT; i++) {
            if (i < recent.size()) {
                node.put(RECENT_MODEL + i, recent.get(i).toString());
            } else {
                node.remove(RECENT_MODEL + i);
            }
        }
        modelFolder(absolute); // flushes
    }

    /** The server URLs last connected to, one per entry; empty when never. */
    public List<String> serverUrls() {
        String value = node.get("server.urls", "");
        return value.isBlank() ? List.of() : value.lines().filter(l -> !l.isBlank()).toList();
    }

    /** The protocol last chosen for servers: auto, vllm, sglang or openai. */
    public String serverEngine() {
        return node.get("server.engine", "auto");
    }

    /** The tokenizer folder last used with servers. */
    public Optional<Path> serverTokenizer() {
        return Optional.ofNullable(node.get("server.tokenizer", null)).map(Path::of);
    }

    /** Remembers a server connection's URLs, engine and tokenizer folder. There is no place for a key here. */
    public void serverConnected(List<String> urls, String engine, Path tokenizer) {
        node.put("server.urls", String.join("\n", urls));
        node.put("server.engine", engine);
        node.put("server.tokenizer", tokenizer.toAbsolutePath().toString());
        flush();
    }

    public Theme theme() {
        return Theme.parse(node.get("theme", Theme.LIGHT.name()));
    }

    public void theme(Theme theme) {
        node.put("theme", theme.name());
        flush();
    }

    public Bounds bounds() {
        return new Bounds(node.getDouble("window.x", 0), node.getDouble("window.y", 0),
                node.getDouble("window.width", 0), node.getDouble("window.height", 0),
                node.getBoolean("window.maximized", false));
    }

    public void bounds(Bounds b) {
        node.putDouble("window.x", b.x());
        node.putDouble("window.y", b.y());
        node.putDouble("window.width", b.width());
        node.putDouble("window.height", b.height());
        node.putBoolean("window.maximized", b.maximized());
        flush();
    }

    private void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: a read-only home must not stop the app
        }
    }
}
