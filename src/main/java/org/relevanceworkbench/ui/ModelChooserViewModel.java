package org.relevanceworkbench.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.LocalModel;
import org.relevanceworkbench.hub.ModelCatalog;
import org.relevanceworkbench.hub.Sizes;
import org.relevanceworkbench.model.ScorerOptions;

/**
 * Model ▸ Choose model…: the models on this machine as {@code model list} prints them ({@link ModelCatalog}, read in
 * the background): FollowIR-7B and the Mistral/Llama-family models in the Hugging Face cache, every revision, then the
 * model folders loaded recently ({@link AppPreferences#recentModelFolders()}); Browse… adds any folder. Choose loads
 * a folder with weights as the window always has ({@link ScoringViewModel#loadModel}); a folder with only config and
 * tokenizer is offered as the tokenizer folder of a server ({@link #serverTokenizerProperty()}: the window opens
 * Model ▸ Connect to server… with it). Whatever cannot be used says why in one line.
 */
public final class ModelChooserViewModel {
    private final TaskExecutor tasks;
    private final ScoringViewModel scoring;
    private final AppPreferences preferences;
    private final Supplier<HubSettings> hub;
    private final ObservableList<LocalModel> models = FXCollections.observableArrayList();
    private final ObjectProperty<LocalModel> selected = new SimpleObjectProperty<>();
    private final StringProperty cache = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty chosen = new SimpleBooleanProperty();
    private final ObjectProperty<Path> serverTokenizer = new SimpleObjectProperty<>();
    private final ObjectProperty<Throwable> failure = new SimpleObjectProperty<>();

    public ModelChooserViewModel(TaskExecutor tasks, ScoringViewModel scoring, AppPreferences preferences,
            Supplier<HubSettings> hub) {
        this.tasks = tasks;
        this.scoring = scoring;
        this.preferences = preferences;
        this.hub = hub;
    }

    private record Found(Path cache, List<LocalModel> models) {
    }

    /** Reads the Hugging Face cache and the recent folders again, in the background. */
    public void refresh() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        status.set("Looking in the Hugging Face cache…");
        List<Path> recent = preferences.recentModelFolders();
        tasks.run(() -> {
            Path folder = hub.get().cache();
            return new Found(folder, ModelCatalog.scan(folder, recent));
        }, found -> {
            busy.set(false);
            cache.set("Hugging Face cache: " + found.cache());
            LocalModel keep = selected.get();
            models.setAll(found.models());
            selected.set(models.stream().filter(m -> keep != null && m.folder().equals(keep.folder())).findFirst()
                    .or(() -> models.stream().filter(LocalModel::loadable).findFirst())
                    .orElse(models.isEmpty() ? null : models.get(0)));
            status.set(summary(found.models()));
        }, f -> {
            busy.set(false);
            fail(f);
        });
    }

    /** What was found, in one line; how to get FollowIR-7B when the cache has none. */
    static String summary(List<LocalModel> found) {
        long inCache = found.stream().filter(m -> m.source() == LocalModel.Source.HUB_CACHE).count();
        long recent = found.size() - inCache;
        String recentText = recent == 0 ? "" : recent == 1 ? "1 recent folder" : recent + " recent folders";
        if (inCache == 0) {
            return "No FollowIR-7B or Mistral/Llama model in the Hugging Face cache"
                    + (recent == 0 ? "" : " (" + recentText + " below)")
                    + ": Model ▸ Download… fetches FollowIR-7B; Browse… picks a folder";
        }
        return (inCache == 1 ? "1 model" : inCache + " models") + " in the Hugging Face cache"
                + (recent == 0 ? "" : ", " + recentText);
    }

    /** Chooses the selected row. */
    public void choose() {
        choose(selected.get());
    }

    /** A folder with weights loads; one with only config and tokenizer goes to Connect to server…; else why not. */
    void choose(LocalModel m) {
        if (m == null) {
            status.set("Choose a model in the list, or Browse… for a folder");
            return;
        }
        if (m.loadable()) {
            load(m.folder());
        } else if (m.weights() == LocalModel.Weights.NONE && m.tokenizerFolder()) {
            serverTokenizer.set(null);
            serverTokenizer.set(m.folder());
            status.set(m.name() + " has no weights: its tokenizer serves a server (Connect to server… opens with it)");
            chosen.set(true);
        } else {
            status.set(whyNot(m));
        }
    }

    /** Why a row cannot be used, in one line. */
    static String whyNot(LocalModel m) {
        String name = m.name() + (m.commit() == null ? "" : " " + m.revision());
        return switch (m.weights()) {
            case INCOMPLETE -> name + " is incomplete (" + m.shardsPresent() + " of " + m.shards()
                    + " weight files): Model ▸ Download… resumes it";
            case PICKLE_ONLY -> name + " has only pickle weights (.bin), which can run code when loaded, so it is"
                    + " refused: Model ▸ Download… takes the safetensors weights when the hub has them";
            case SAFETENSORS -> name + " has no tokenizer.json, which scoring needs";
            case NONE -> name + " holds no weights and no tokenizer.json";
        };
    }

    private void load(Path folder) {
        if (scoring.runningProperty().get()) {
            status.set("A run is going on: choose a model once it ends");
            return;
        }
        if (scoring.loadingProperty().get()) {
            status.set("A model is loading: cancel it (Esc) or let it finish, then choose");
            return;
        }
        scoring.loadModel(folder, ScorerOptions.defaults());
        status.set("Loading " + folder + "…");
        chosen.set(true);
    }

    /** Browse…: a folder anywhere, looked at in the background, then chosen as a row would be. */
    public void browse(Path folder) {
        if (folder == null || busy.get()) {
            return;
        }
        busy.set(true);
        tasks.run(() -> ModelCatalog.inspect(folder), (Optional<LocalModel> found) -> {
            busy.set(false);
            if (found.isEmpty()) {
                status.set(Files.isRegularFile(folder.resolve("config.json"))
                        ? folder + " is not FollowIR-7B or a Mistral/Llama-family model (see its config.json)"
                        : folder + " has no config.json: choose a model folder (config.json, tokenizer.json and"
                                + " .safetensors weights)");
                return;
            }
            LocalModel m = found.get();
            LocalModel row = models.stream().filter(r -> r.folder().equals(m.folder())).findFirst().orElse(null);
            if (row == null) {
                models.add(m);
                row = m;
            }
            selected.set(row);
            choose(row);
        }, f -> {
            busy.set(false);
            fail(f);
        });
    }

    private void fail(Throwable f) {
        status.set(WorkbenchViewModel.message(f).strip().lines().findFirst().orElse(""));
        if (!(f instanceof UserException)) {
            failure.set(null);
            failure.set(f);
        }
    }

    // ---- what a row shows ----------------------------------------------------------------------------------------

    /** {@code weights}, {@code weights (3 files)}, {@code tokenizer only}, or what is wrong with it. */
    public static String contents(LocalModel m) {
        if (m.loadable()) {
            return m.shards() > 1 ? "weights (" + m.shards() + " files)" : "weights";
        }
        if (m.weights() == LocalModel.Weights.NONE && m.tokenizerFolder()) {
            return "tokenizer only";
        }
        return m.contents();
    }

    /** {@code main 0b08e69}, the commit alone, or empty for a folder outside the cache. */
    public static String revision(LocalModel m) {
        return m.revision();
    }

    public static String size(LocalModel m) {
        return Sizes.bytes(m.bytes());
    }

    /** {@code cache} or {@code recent}. */
    public static String source(LocalModel m) {
        return m.source() == LocalModel.Source.HUB_CACHE ? "cache" : "recent";
    }

    // ---- properties ------------------------------------------------------------------------------------------------

    /** The models found: the cache's first, then recent folders, then those Browse… added. */
    public ObservableList<LocalModel> models() {
        return models;
    }

    public ObjectProperty<LocalModel> selectedProperty() {
        return selected;
    }

    /** Where the cache is: {@code Hugging Face cache: /home/ann/.cache/huggingface/hub}. */
    public StringProperty cacheProperty() {
        return cache;
    }

    /** One line: what was found, what Choose did, or why a row cannot be used. */
    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Becomes true once a model is loading or a tokenizer folder went to Connect to server…: the dialog closes. */
    public BooleanProperty chosenProperty() {
        return chosen;
    }

    /** A tokenizer-only folder chosen: the window opens Connect to server… with it (set anew each time). */
    public ObjectProperty<Path> serverTokenizerProperty() {
        return serverTokenizer;
    }

    /** An unexpected failure, for an error dialog with its details folded away. */
    public ObjectProperty<Throwable> failureProperty() {
        return failure;
    }
}
