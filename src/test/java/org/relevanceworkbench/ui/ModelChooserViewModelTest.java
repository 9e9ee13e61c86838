package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.prefs.Preferences;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.hub.HubSettings;
import org.relevanceworkbench.hub.LocalModel;
import org.relevanceworkbench.store.Database;

/**
 * Model ▸ Choose model… without an FX thread, on a Hugging Face cache made by hand (refs, snapshots, blobs and
 * symlinks, as in hub.ModelCatalogTest) and the recent model folders: what each row shows, choosing one that loads,
 * a tokenizer-only one going to Connect to server…, the unusable ones saying why, and Browse….
 */
class ModelChooserViewModelTest {
    static final String MAIN = "1111111111111111111111111111111111111111";
    static final String OLD = "0000000000000000000000000000000000000000";
    static final String MISTRAL = "{\"model_type\": \"mistral\", \"architectures\": [\"MistralForCausalLM\"]}";

    @TempDir
    Path dir;
    Path cache;
    Path golden;
    Database db;
    WorkbenchViewModel vm;
    Preferences node;
    AppPreferences preferences;
    ModelChooserViewModel chooser;

    @BeforeEach
    void open() throws URISyntaxException {
        golden = Path.of(getClass().getResource("/followir-golden/tiny-bf16").toURI());
        cache = dir.resolve("hub");
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        node = Preferences.userRoot().node("relevance-workbench-test/" + UUID.randomUUID());
        preferences = new AppPreferences(node);
        chooser = vm.modelChooser(preferences, () -> HubSettings.fromEnvironment(Map.of("HF_HUB_CACHE",
                cache.toString()), dir.resolve("home")));
    }

    @AfterEach
    void close() throws Exception {
        vm.close();
        db.close();
        node.removeNode();
    }

    /** The golden tiny checkpoint as a snapshot of the cache: blobs, relative links, refs/main. */
    Path followIrInCache() throws IOException {
        Path repo = cache.resolve("models--jhu-clsp--FollowIR-7B");
        Path snapshot = repo.resolve("snapshots").resolve(MAIN);
        Files.createDirectories(snapshot);
        Files.createDirectories(repo.resolve("blobs"));
        try (Stream<Path> files = Files.list(golden)) {
            for (Path f : files.toList()) {
                Path blob = repo.resolve("blobs").resolve("blob-" + f.getFileName());
                Files.copy(f, blob);
                Files.createSymbolicLink(snapshot.resolve(f.getFileName()), snapshot.relativize(blob));
            }
        }
        ref(repo, "main", MAIN);
        // an older revision, no ref: config and tokenizer only, copied
        Path old = repo.resolve("snapshots").resolve(OLD);
        Files.createDirectories(old);
        Files.copy(golden.resolve("config.json"), old.resolve("config.json"));
        Files.copy(golden.resolve("tokenizer.json"), old.resolve("tokenizer.json"));
        return snapshot;
    }

    static void ref(Path repo, String name, String commit) throws IOException {
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs").resolve(name), commit);
    }

    static Path copied(Path repo, String commit, String name, String content) throws IOException {
        Path file = repo.resolve("snapshots").resolve(commit).resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        return file.getParent();
    }

    Path plainCopy(String name) throws IOException {
        Path folder = dir.resolve("models").resolve(name);
        Files.createDirectories(folder);
        try (Stream<Path> files = Files.list(golden)) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.resolve(f.getFileName()));
            }
        }
        return folder;
    }

    LocalModel row(String name, String revision) {
        return chooser.models().stream().filter(m -> m.name().equals(name) && m.revision().equals(revision))
                .findFirst().orElseThrow();
    }

    @Test
    void listsTheCacheEveryRevisionThenTheRecentFoldersAndChoosingOneLoadsIt() throws IOException {
        Path snapshot = followIrInCache();
        Path mistral = cache.resolve("models--mistralai--Mistral-7B-Instruct-v0.2");
        copied(mistral, MAIN, "config.json", MISTRAL);
        copied(mistral, MAIN, "tokenizer.json", "{}");
        ref(mistral, "main", MAIN);
        Path llama = cache.resolve("models--meta-llama--Llama-2-7b-hf");
        copied(llama, MAIN, "config.json", "{\"model_type\": \"llama\"}");
        copied(llama, MAIN, "tokenizer.json", "{}");
        copied(llama, MAIN, "model.safetensors.index.json", "{\"weight_map\": {\"a\": \"model-00001-of-00002"
                + ".safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");
        copied(llama, MAIN, "model-00001-of-00002.safetensors", "x");
        ref(llama, "main", MAIN);
        Path bert = cache.resolve("models--google--bert-base-uncased");
        copied(bert, MAIN, "config.json", "{\"model_type\": \"bert\"}");
        ref(bert, "main", MAIN);
        Path recent = plainCopy("FollowIR-copy");
        preferences.modelLoaded(dir.resolve("gone")); // a recent folder since deleted: left out
        preferences.modelLoaded(recent);

        chooser.refresh();

        assertThat(chooser.cacheProperty().get()).isEqualTo("Hugging Face cache: " + cache);
        assertThat(chooser.models()).extracting(m -> m.name() + " | " + ModelChooserViewModel.revision(m) + " | "
                + ModelChooserViewModel.contents(m) + " | " + ModelChooserViewModel.source(m)).containsExactly(
                        "jhu-clsp/FollowIR-7B | main 1111111 | weights | cache",
                        "jhu-clsp/FollowIR-7B | 0000000 | tokenizer only | cache",
                        "meta-llama/Llama-2-7b-hf | main 1111111 | incomplete: 1 of 2 shards | cache",
                        "mistralai/Mistral-7B-Instruct-v0.2 | main 1111111 | tokenizer only | cache",
                        "FollowIR-copy |  | weights | recent");
        assertThat(ModelChooserViewModel.size(chooser.models().get(0))).isEqualTo("10.2 MB");
        assertThat(chooser.models().get(0).folder()).isEqualTo(snapshot);
        assertThat(chooser.statusProperty().get()).isEqualTo("4 models in the Hugging Face cache, 1 recent folder");
        assertThat(chooser.selectedProperty().get()).as("the first that loads").isEqualTo(chooser.models().get(0));

        chooser.choose();
        assertThat(chooser.chosenProperty().get()).isTrue();
        assertThat(vm.scoring().modelProperty().get()).isNotNull();
        assertThat(vm.scoring().loadedFolderProperty().get()).isEqualTo(snapshot);
        assertThat(vm.scoring().bannerProperty().get()).isEmpty();
    }

    @Test
    void aTokenizerOnlyFolderGoesToConnectToServerAndTheUnusableOnesSayWhy() throws IOException {
        followIrInCache();
        Path llama = cache.resolve("models--meta-llama--Llama-2-7b-hf");
        copied(llama, MAIN, "config.json", "{\"model_type\": \"llama\"}");
        copied(llama, MAIN, "tokenizer.json", "{}");
        copied(llama, MAIN, "pytorch_model.bin", "pickle");
        ref(llama, "main", MAIN);
        chooser.refresh();

        chooser.selectedProperty().set(row("meta-llama/Llama-2-7b-hf", "main 1111111"));
        chooser.choose();
        assertThat(chooser.statusProperty().get()).isEqualTo("meta-llama/Llama-2-7b-hf main 1111111 has only pickle"
                + " weights (.bin), which can run code when loaded, so it is refused: Model ▸ Download… takes the"
                + " safetensors weights when the hub has them");
        assertThat(chooser.chosenProperty().get()).isFalse();

        LocalModel old = row("jhu-clsp/FollowIR-7B", "0000000");
        chooser.selectedProperty().set(old);
        chooser.choose();
        assertThat(chooser.serverTokenizerProperty().get()).isEqualTo(old.folder());
        assertThat(chooser.chosenProperty().get()).isTrue();
        assertThat(vm.scoring().modelProperty().get()).as("nothing loads").isNull();

        chooser.selectedProperty().set(null);
        chooser.choose();
        assertThat(chooser.statusProperty().get()).isEqualTo("Choose a model in the list, or Browse… for a folder");
    }

    @Test
    void anEmptyCacheSaysHowToGetFollowIrAndBrowsePicksAnyFolder() throws IOException {
        chooser.refresh();
        assertThat(chooser.models()).isEmpty();
        assertThat(chooser.statusProperty().get()).isEqualTo("No FollowIR-7B or Mistral/Llama model in the Hugging"
                + " Face cache: Model ▸ Download… fetches FollowIR-7B; Browse… picks a folder");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        chooser.browse(empty);
        assertThat(chooser.statusProperty().get()).isEqualTo(empty + " has no config.json: choose a model folder"
                + " (config.json, tokenizer.json and .safetensors weights)");
        Path bert = Files.createDirectories(dir.resolve("bert"));
        Files.writeString(bert.resolve("config.json"), "{\"model_type\": \"bert\"}");
        chooser.browse(bert);
        assertThat(chooser.statusProperty().get()).isEqualTo(bert + " is not FollowIR-7B or a Mistral/Llama-family"
                + " model (see its config.json)");
        assertThat(chooser.chosenProperty().get()).isFalse();

        Path folder = plainCopy("FollowIR-mine");
        chooser.browse(folder);
        assertThat(chooser.models()).extracting(LocalModel::folder).containsExactly(folder);
        assertThat(chooser.chosenProperty().get()).isTrue();
        assertThat(vm.scoring().loadedFolderProperty().get()).isEqualTo(folder);
    }

    @Test
    void aRunGoingOnIsSaidInOneLineInsteadOfLoading() throws IOException {
        followIrInCache();
        chooser.refresh();
        assertThat(vm.scoring().claim("a job")).isNotNull();
        chooser.choose();
        assertThat(chooser.statusProperty().get()).isEqualTo("A run is going on: choose a model once it ends");
        assertThat(chooser.chosenProperty().get()).isFalse();
        vm.scoring().release("");
    }

    @Test
    void theRecentModelFoldersAreMostRecentFirstWithoutDuplicatesAndAtMostEight() {
        preferences.modelFolder(dir.resolve("chosen-before")); // remembered by an older version: it comes last
        assertThat(preferences.recentModelFolders()).containsExactly(dir.resolve("chosen-before"));
        List<Path> folders = IntStream.range(0, 10).mapToObj(i -> dir.resolve("m" + i)).toList();
        folders.forEach(preferences::modelLoaded);
        preferences.modelLoaded(dir.resolve("m5"));
        assertThat(preferences.recentModelFolders()).containsExactly(dir.resolve("m5"), dir.resolve("m9"),
                dir.resolve("m8"), dir.resolve("m7"), dir.resolve("m6"), dir.resolve("m4"), dir.resolve("m3"),
                dir.resolve("m2"));
        assertThat(preferences.modelFolder()).contains(dir.resolve("m5"));
    }
}
