package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relevanceworkbench.formats.CollectingSink.write;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.compare.ComparisonRow;
import org.relevanceworkbench.corpus.ImportReport;
import org.relevanceworkbench.formats.RecordKind;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.Topic;

/** The main window's logic, without an FX thread: tasks run at once on the test thread. */
class WorkbenchViewModelTest {
    @TempDir
    Path dir;
    Database db;
    WorkbenchViewModel vm;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        vm.start();
    }

    @AfterEach
    void close() {
        vm.close();
        db.close();
    }

    private static Path tinyModel() throws Exception {
        return Path.of(WorkbenchViewModelTest.class.getResource("/followir-golden/tiny-bf16").toURI());
    }

    private void openCameron() {
        CollectionStats cameron = vm.workspace().collections().stream()
                .filter(s -> s.collection().name().equals("james-cameron")).findFirst().orElseThrow();
        vm.workspace().selectedProperty().set(cameron);
        vm.topicProperty().set(vm.workspace().topics().get(0));
    }

    private Optional<Run> run(String name) {
        Collection c = db.read(conn -> new CollectionDao(conn).require("james-cameron"));
        return db.read(conn -> new RunDao(conn).find(c.id(), name));
    }

    @Test
    void openingATopicShowsItsQueryVariantsAndDiff() {
        openCameron();
        assertThat(vm.editor().queryProperty().get()).isEqualTo("What movies were written by James Cameron?");
        assertThat(vm.editor().variantNames()).containsExactly("og", "changed");
        assertThat(vm.editor().variants().get(0).diffSummary()).isEqualTo("baseline");
        vm.editor().selectedProperty().set(vm.editor().variants().get(1));
        assertThat(vm.editor().diff()).anyMatch(s -> s.text().contains("directed"));
        assertThat(vm.comparison().variants()).containsExactly("og", "changed");
        assertThat(vm.comparison().variantAProperty().get()).isEqualTo("og");
        assertThat(vm.comparison().variantBProperty().get()).isEqualTo("changed");
    }

    @Test
    void variantsAreAddedDuplicatedRenamedReorderedAndDeletedInTheWorkspace() {
        openCameron();
        VariantsEditorViewModel editor = vm.editor();
        editor.add();
        assertThat(editor.variantNames()).containsExactly("og", "changed", "variant-2");
        assertThat(editor.selectedProperty().get().name()).isEqualTo("variant-2");
        editor.saveInstruction("A relevant document describes a film James Cameron produced");
        editor.rename("produced");
        editor.move(-1);
        assertThat(editor.variantNames()).containsExactly("og", "produced", "changed");
        editor.duplicate();
        assertThat(editor.variantNames()).containsExactly("og", "produced", "changed", "produced-copy-2");
        editor.delete();
        Topic stored = db.read(c -> new org.relevanceworkbench.store.TopicDao(c).find(
                new CollectionDao(c).require("james-cameron").id(), "cameron")).orElseThrow();
        assertThat(stored.variants()).extracting(org.relevanceworkbench.store.Variant::name)
                .containsExactly("og", "produced", "changed");
        assertThat(stored.variant("produced")).get().extracting(org.relevanceworkbench.store.Variant::instruction)
                .isEqualTo("A relevant document describes a film James Cameron produced");
        assertThat(vm.comparison().variants()).containsExactly("og", "produced", "changed");
        editor.selectedProperty().set(editor.variants().get(1));
        editor.move(-1); // the new baseline
        assertThat(editor.variantNames()).startsWith("produced");
        editor.rename("has space");
        assertThat(vm.failureProperty().get()).hasMessageContaining("no spaces");
    }

    @Test
    void withoutAModelBm25RunsBothVariantsAndSaysSo() {
        openCameron();
        assertThat(vm.scoring().bannerProperty().get()).startsWith("No FollowIR model");
        vm.scoring().candidatesProperty().set("all");
        vm.run();
        assertThat(vm.comparison().rows()).hasSize(40);
        ComparisonRow any = vm.comparison().rows().get(0);
        assertThat(any.score("og")).isNotNull();
        assertThat(any.score("changed")).isNotNull();
        assertThat(vm.comparison().rows()).anyMatch(r -> !r.score("og").equals(r.score("changed")));
        assertThat(run("bm25-og")).isPresent();
        assertThat(run("bm25-changed")).isPresent();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Done: 80 pairs");
        assertThat(vm.comparison().summaryProperty().get()).contains("og → changed: 40 documents");
    }

    @Test
    void withTheModelItScoresStreamsAndReportsPmrrAgainstTheQrels() throws Exception {
        openCameron();
        vm.scoring().loadModel(tinyModel(), ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withBatch(0, 4));
        assertThat(vm.scoring().modelStatusProperty().get()).startsWith("tiny-bf16 · CPU · fp32");
        assertThat(vm.scoring().bannerProperty().get()).isEmpty();
        int[] updates = {0};
        vm.comparison().rows().addListener((ListChangeListener<ComparisonRow>) c -> updates[0]++);
        vm.scoring().candidatesProperty().set("all");
        vm.run();
        assertThat(updates[0]).as("rows arrive batch by batch").isGreaterThan(10);
        assertThat(vm.comparison().rows()).hasSize(40)
                .allSatisfy(r -> assertThat(r.score("og")).isBetween(0.0, 1.0));
        assertThat(run("followir-og")).get().extracting(Run::scorer).isEqualTo("followir");
        assertThat(vm.comparison().summaryProperty().get()).contains("p-MRR");
        vm.comparison().flippedOnlyProperty().set(true);
        assertThat(vm.comparison().visibleRows()).allMatch(r -> r.flipped("og", "changed", 0.5));
        vm.comparison().flippedOnlyProperty().set(false);
        vm.comparison().filterTextProperty().set("avatar");
        assertThat(vm.comparison().visibleRows()).extracting(ComparisonRow::docId)
                .containsExactlyInAnyOrder("avatar-2009", "avatar-the-way-of-water", "avatar-fire-and-ash");
        vm.comparison().select("avatar-the-way-of-water");
        assertThat(vm.comparison().selectedTitleProperty().get()).contains("Avatar: The Way of Water");
        assertThat(vm.comparison().selectedText()).anyMatch(s -> s.highlighted() && s.text().equals("Cameron"));

        // Reopening the topic shows the stored scores at once, without running.
        vm.topicProperty().set(null);
        openCameron();
        assertThat(vm.comparison().rows()).hasSize(40);
    }

    @Test
    void cancellingMidRunKeepsWhatFinished() throws Exception {
        openCameron();
        vm.scoring().loadModel(tinyModel(), ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU).withBatch(0, 2));
        vm.comparison().rows().addListener((ListChangeListener<ComparisonRow>) c -> {
            if (vm.comparison().rows().size() >= 6) {
                vm.cancel();
            }
        });
        vm.scoring().candidatesProperty().set("all");
        vm.run();
        assertThat(vm.scoring().runningProperty().get()).isFalse();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Cancelled:").endsWith("what finished stays");
        assertThat(vm.comparison().rows()).hasSizeBetween(6, 8);
        assertThat(run("followir-og")).isEmpty(); // a run is written only whole
    }

    @Test
    void importsReportEveryBadLineAndRefreshTheCollections() throws Exception {
        Path bad = write(dir.resolve("mixed.jsonl"), "{\"_id\": \"a\", \"text\": \"one\"}\n{broken\n{\"text\": \"no id\"}\n");
        vm.imports().importFiles(RecordKind.DOCUMENTS, List.of(bad), "mixed");
        ImportReport report = vm.imports().reportProperty().get();
        assertThat(report.summary()).isEqualTo(bad + ": 1 documents imported, 2 skipped (1 bad JSON, 1 missing field)");
        assertThat(report.problems()).containsExactly(
                bad + ":2: bad JSON at column 2: Unexpected character ('b' (code 98)): was expecting double-quote to start field name",
                bad + ":3: missing document id (_id)");
        assertThat(vm.workspace().collections()).extracting(s -> s.collection().name()).contains("mixed");
        assertThat(vm.imports().importingProperty().get()).isFalse();
    }

    @Test
    void droppedFilesOfSeveralKindsImportDocumentsFirstWithOneReport() throws Exception {
        Path qrels = write(dir.resolve("test.qrels"), "q1 0 d1 1\nq1 0 d2\n");
        Path topics = write(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"first query\"}\n");
        Path docs = write(dir.resolve("corpus.jsonl"),
                "{\"_id\": \"d1\", \"text\": \"one\"}\n{\"_id\": \"d2\", \"text\": \"two\"}\n");
        vm.imports().importDropped(List.of(qrels, topics, docs), "dropped");
        ImportReport report = vm.imports().reportProperty().get();
        assertThat(report.summary().lines()).hasSize(3);
        assertThat(report.summary().lines().findFirst().orElseThrow()).startsWith(docs + ": 2 documents imported");
        assertThat(report.problems()).singleElement().asString().startsWith(qrels + ":2: ");
        CollectionStats dropped = vm.workspace().collections().stream()
                .filter(s -> s.collection().name().equals("dropped")).findFirst().orElseThrow();
        assertThat(dropped.documents()).isEqualTo(2);
        assertThat(dropped.topics()).isEqualTo(1);
    }

    @Test
    void loadingAModelCancelsBetweenTensorsAndKeepsNoModel() throws Exception {
        Path model = tinyModel();
        boolean[] pressed = {false};
        vm.scoring().loadProgressProperty().addListener((obs, old, now) -> {
            if (now.doubleValue() > 0 && !pressed[0]) {
                pressed[0] = true;
                vm.cancel(); // Esc while the weights stream in
            }
        });
        vm.scoring().loadModel(model, ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        assertThat(vm.scoring().loadingProperty().get()).isFalse();
        assertThat(vm.scoring().modelProperty().get()).isNull();
        assertThat(vm.scoring().modelStatusProperty().get()).isEqualTo("Model loading cancelled · No model loaded");
        assertThat(vm.failureProperty().get()).isNull();

        vm.scoring().loadModel(model, ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        assertThat(vm.scoring().modelProperty().get()).as("a later load is not cancelled").isNotNull();
    }

    @Test
    void theJamesCameronDemoOpensTheTopicAndRunsWhateverScorerThereIs() {
        vm.jamesCameronDemo();
        assertThat(vm.workspace().selectedProperty().get().collection().name()).isEqualTo("james-cameron");
        assertThat(vm.topicProperty().get().topicId()).isEqualTo("cameron");
        assertThat(vm.editor().variantNames()).containsExactly("og", "changed");
        assertThat(vm.comparison().rows()).hasSize(40);
        assertThat(vm.scoring().bannerProperty().get()).startsWith("No FollowIR model");
    }

    @Test
    void approximateScoresAreMarkedAndCountedNeverSilentlyMixed() {
        openCameron();
        ComparisonViewModel c = vm.comparison();
        c.addScores("og", List.of(new org.relevanceworkbench.store.CachedScore("avatar-2009", 0.2, 1, 2, 10, false),
                new org.relevanceworkbench.store.CachedScore("titanic-1997", 0.9, Double.NaN, Double.NaN, Double.NaN, 10,
                        false, 0.9, 1.0)), java.util.Map.of());
        c.addScores("changed", List.of(new org.relevanceworkbench.store.CachedScore("avatar-2009", 0.7, 2, 1, 10, false)),
                java.util.Map.of());
        assertThat(c.scoreText("og", "titanic-1997", 0.9)).isEqualTo("≈0.9000");
        assertThat(c.approximateText("og", "titanic-1997")).isEqualTo("approximate: p in [0.9000, 1.0000]");
        assertThat(c.scoreText("og", "avatar-2009", 0.2)).isEqualTo("0.2000");
        assertThat(c.approximateText("og", "avatar-2009")).isNull();
        assertThat(c.approximate("changed", "titanic-1997")).isFalse();
        assertThat(c.summaryProperty().get()).contains("; 1 of 3 scores approximate");

        // An exact score replacing it (a rerun on an exact route) clears the mark and the count.
        c.addScores("og", List.of(new org.relevanceworkbench.store.CachedScore("titanic-1997", 0.95, 3, 0, 10, false)),
                java.util.Map.of());
        assertThat(c.approximate("og", "titanic-1997")).isFalse();
        assertThat(c.summaryProperty().get()).doesNotContain("approximate");
    }

    @Test
    void nextVariantCyclesB() {
        openCameron();
        vm.nextVariant();
        assertThat(vm.comparison().variantBProperty().get()).isEqualTo("og");
        vm.nextVariant();
        assertThat(vm.comparison().variantBProperty().get()).isEqualTo("changed");
    }
}
