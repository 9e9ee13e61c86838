package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.attribution.Attribution;
import org.relevanceworkbench.attribution.AttributionExport;
import org.relevanceworkbench.attribution.Clauses;
import org.relevanceworkbench.attribution.DeltaColors;
import org.relevanceworkbench.attribution.DocumentAttribution;
import org.relevanceworkbench.attribution.WordOcclusion;
import org.relevanceworkbench.attribution.Words;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.FollowIrScorer;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.scoring.Candidate;
import org.relevanceworkbench.scoring.DocumentScore;
import org.relevanceworkbench.scoring.ScoreListener;
import org.relevanceworkbench.store.CollectionStats;
import org.relevanceworkbench.store.Database;
import org.relevanceworkbench.store.Document;
import org.relevanceworkbench.store.DocumentDao;
import org.relevanceworkbench.store.Topic;

/**
 * The Attribution tab's logic without an FX thread (tasks run at once): the cost first, the run with the window's
 * scorer (the tiny golden checkpoint), the heat map and summary from those scores, sorting, clause edits that re-plan,
 * the preview, word occlusion, what-if variants and the exports.
 */
class AttributionViewModelTest {
    @TempDir
    Path dir;
    Database db;
    WorkbenchViewModel vm;
    AttributionViewModel attribution;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        vm.start();
        attribution = vm.attribution();
    }

    @AfterEach
    void close() {
        vm.close();
        db.close();
    }

    private void loadTinyModel() throws Exception {
        vm.scoring().loadModel(Path.of(getClass().getResource("/followir-golden/tiny-bf16").toURI()),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        assertThat(vm.scoring().modelProperty().get()).isNotNull();
    }

    private void openTopic(String collection, String topicId, String variant) {
        CollectionStats stats = vm.workspace().collections().stream()
                .filter(s -> s.collection().name().equals(collection)).findFirst().orElseThrow();
        vm.workspace().selectedProperty().set(stats);
        Topic topic = vm.workspace().topics().stream().filter(t -> t.topicId().equals(topicId)).findFirst()
                .orElseThrow();
        vm.topicProperty().set(topic);
        vm.editor().selectedProperty().set(vm.editor().variant(variant).orElseThrow());
    }

    /** p(true) of plain scoring with the loaded model: what every cell must be made of. */
    private Map<String, Double> plain(String query, String instruction, List<String> docIds) {
        FollowIrScorer model = vm.scoring().modelProperty().get();
        long collection = vm.editor().collection().id();
        List<Candidate> candidates = docIds.stream().map(id -> {
            Document d = db.read(c -> new DocumentDao(c).find(collection, id)).orElseThrow();
            return new Candidate(d.docId(), d.title(), d.text());
        }).toList();
        return model.score(query, instruction, candidates, ScoreListener.NONE, new CancellationToken()).stream()
                .collect(Collectors.toMap(DocumentScore::id, DocumentScore::pTrue));
    }

    @Test
    void theCameronDemoSplitByHandGivesAHeatMapAndSummaryOfExactlyTheModelsScores() throws Exception {
        loadTinyModel();
        openTopic("james-cameron", "cameron", "changed");
        attribution.candidatesProperty().set("all");
        attribution.replan();
        assertThat(attribution.titleProperty().get()).isEqualTo("Variant 'changed' of topic cameron");
        // "A relevant document would describe any movie that was directed by James Cameron": one clause
        assertThat(attribution.clausesProperty().get().size()).isEqualTo(1);
        assertThat(attribution.costProperty().get()).startsWith("1 clause × 40 candidates (")
                .contains("80 pairs: 0 in the cache, 80 to score")
                .contains("the ETA shows once this scorer has run")
                .contains("note: the instruction of variant 'changed' is one clause");

        attribution.splitAt(0, 9); // before "directed"
        attribution.splitAt(1, 1); // "directed" | "by James Cameron"
        Clauses clauses = attribution.clausesProperty().get();
        assertThat(clauses.texts()).containsExactly("A relevant document would describe any movie that was",
                "directed", "by James Cameron");
        assertThat(attribution.editedProperty().get()).isTrue();
        assertThat(attribution.costProperty().get()).startsWith("3 clauses × 40 candidates")
                .contains("200 pairs: 0 in the cache, 200 to score");
        assertThat(attribution.readyProperty().get()).isTrue();

        attribution.run();
        assertThat(attribution.runningProperty().get()).isFalse();
        assertThat(attribution.statusProperty().get()).startsWith("Done: 200 pairs (0 from the cache, 200 scored)");
        assertThat(vm.scoring().runningProperty().get()).as("the scorer is free again").isFalse();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Attributed variant 'changed' of topic cameron");
        AttributionHeatMap map = attribution.heatMapProperty().get();
        assertThat(map.rows()).isEqualTo(40);
        assertThat(map.columns()).extracting(AttributionHeatMap.Column::header)
                .containsExactly("1", "2", "3", "query");
        assertThat(map.probabilities()).isTrue();

        String query = "What movies were written by James Cameron?";
        List<String> ids = map.docIds();
        Map<String, Double> full = plain(query, clauses.text(), ids);
        Map<String, Double> alone = plain(query, "", ids);
        List<Map<String, Double>> without = List.of(plain(query, clauses.without(0), ids),
                plain(query, clauses.without(1), ids), plain(query, clauses.without(2), ids));
        for (int r = 0; r < map.rows(); r++) {
            String id = map.row(r).docId();
            assertThat(map.row(r).pFull()).isCloseTo(full.get(id), within(1e-6));
            for (int k = 0; k < 3; k++) {
                assertThat(map.delta(r, k)).isCloseTo(without.get(k).get(id) - full.get(id), within(1e-6));
                assertThat(map.rgb(r, k)).isEqualTo(DeltaColors.rgb(map.delta(r, k), 1));
            }
            assertThat(map.delta(r, 3)).isCloseTo(alone.get(id) - full.get(id), within(1e-6));
        }
        assertThat(map.docIds()).as("rows by p_full, highest first").isEqualTo(ids.stream()
                .sorted((a, b) -> Double.compare(full.get(b), full.get(a))).toList());
        for (int k = 0; k < 3; k++) { // the summary row: flips and mean |Δp| from the same scores
            int column = k;
            long flips = ids.stream().filter(id -> (full.get(id) >= 0.5) != (without.get(column).get(id) >= 0.5))
                    .count();
            double mean = ids.stream().mapToDouble(id -> Math.abs(without.get(column).get(id) - full.get(id)))
                    .average().orElseThrow();
            assertThat(map.summaryText(AttributionHeatMap.Summary.FLIPS, k)).isEqualTo(Long.toString(flips));
            assertThat(map.column(k).summary().meanAbsDelta()).isCloseTo(mean, within(1e-6));
        }
        assertThat(map.summaries()).as("the sample has og and changed qrels").contains(AttributionHeatMap.Summary.P_MRR);
        assertThat(attribution.costProperty().get()).as("re-planned after the run: all cached, and a known rate")
                .contains("200 pairs: 200 in the cache, 0 to score");

        // Sorting: by clause 2, Δ lowest first; again: highest first; by p_full.
        attribution.sortBy(1);
        List<Double> byClause = java.util.stream.IntStream.range(0, 40)
                .mapToObj(r -> attribution.heatMapProperty().get().delta(r, 1)).toList();
        assertThat(byClause).isSorted();
        attribution.sortBy(1);
        assertThat(attribution.heatMapProperty().get().delta(0, 1)).isEqualTo(byClause.get(39));
        attribution.sortBy(AttributionHeatMap.P_FULL);
        assertThat(attribution.heatMapProperty().get().sort())
                .isEqualTo(new AttributionHeatMap.Sort(AttributionHeatMap.P_FULL, true));
        assertThat(attribution.heatMapProperty().get().docIds()).isEqualTo(ids);

        // A cell: the preview strikes its clause through.
        attribution.select("avatar-the-way-of-water", 1);
        assertThat(attribution.previewTitleProperty().get()).startsWith("avatar-the-way-of-water · Avatar: The Way");
        assertThat(attribution.previewInstruction()).containsExactly(
                new AttributionViewModel.InstructionPart(clauses.get(0), false),
                new AttributionViewModel.InstructionPart("directed", true),
                new AttributionViewModel.InstructionPart("by James Cameron", false));
        assertThat(attribution.previewScoresProperty().get()).startsWith("without clause 2: p_full ");
        assertThat(attribution.previewTextProperty().get()).contains("Avatar");
        attribution.select("avatar-the-way-of-water", 3);
        assertThat(attribution.previewInstruction()).allMatch(AttributionViewModel.InstructionPart::struck);

        // Word occlusion of that document: its 13 words, coloured and ranked.
        attribution.occludeWords();
        WordOcclusion words = attribution.occlusionProperty().get();
        assertThat(words.docId()).isEqualTo("avatar-the-way-of-water");
        assertThat(attribution.words()).extracting(AttributionViewModel.WordCell::word)
                .containsExactlyElementsOf(Words.of(clauses.text()));
        Map<String, Double> p = plain(query, Words.without(Words.of(clauses.text()), 9), List.of(words.docId()));
        assertThat(words.words().get(9).pWithout()).isCloseTo(p.get(words.docId()), within(1e-6));
        double range = attribution.wordsRangeProperty().get();
        for (AttributionViewModel.WordCell cell : attribution.words()) {
            assertThat(cell.color()).isEqualTo(DeltaColors.hex(cell.delta(), range));
        }
        assertThat(attribution.rankedWords()).hasSize(13).first().asString()
                .contains(words.ranked().get(0).word());
        // 2 + 13 pairs; cached: full, query alone, and "directed" left out, which is clause 2 left out
        assertThat(attribution.wordsStatusProperty().get()).startsWith("13 words of avatar-the-way-of-water · 15 pairs"
                + " (3 cached)");
        // another document: its words are not that one's
        attribution.select("titanic", 0);
        assertThat(attribution.words()).isEmpty();
    }

    @Test
    void aTrecMiniTopicCostsFirstResumesFromTheRunsCacheAndHasPmrr() throws Exception {
        loadTinyModel();
        openTopic("trec-mini", "104", "changed");
        vm.scoring().candidatesProperty().set("bm25:6");
        vm.run(); // the window's run: the full instruction's scores are cached, and the scorer's rate is known
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Done");
        attribution.replan();
        int clauses = attribution.clausesProperty().get().size();
        assertThat(clauses).isGreaterThan(2);
        int pairs = 6 * (clauses + 2);
        assertThat(attribution.costProperty().get()).contains(pairs + " pairs: 6 in the cache, " + (pairs - 6)
                + " to score, about ").contains(" docs/s");

        attribution.run();
        AttributionHeatMap map = attribution.heatMapProperty().get();
        assertThat(map.rows()).isEqualTo(6);
        assertThat(map.columnCount()).isEqualTo(clauses + 1);
        assertThat(map.summaries()).contains(AttributionHeatMap.Summary.P_MRR);
        assertThat(map.column(clauses).summary().pMrr()).isNotNull();
        assertThat(attribution.statusProperty().get()).startsWith("Done: " + pairs + " pairs (6 from the cache, "
                + (pairs - 6) + " scored)");

        // Editing the clauses clears the map and re-plans: joined, one pass fewer, every pair already cached.
        attribution.joinWithNext(0);
        assertThat(attribution.clausesProperty().get().size()).isEqualTo(clauses - 1);
        assertThat(attribution.heatMapProperty().get()).isNull();
        assertThat(attribution.statusProperty().get()).isEqualTo("Clauses changed: Attribute ▶ runs them");
        int joined = 6 * (clauses + 1);
        assertThat(attribution.costProperty().get()).contains(joined + " pairs: ");
        attribution.resetClauses();
        assertThat(attribution.editedProperty().get()).isFalse();
        assertThat(attribution.costProperty().get()).contains(pairs + " pairs: " + pairs + " in the cache, 0 to score");

        // Clause alone as an option: a column per clause alone.
        attribution.clauseAloneProperty().set(true);
        attribution.run();
        assertThat(attribution.heatMapProperty().get().columnCount()).isEqualTo(2 * clauses + 1);
        assertThat(attribution.resultProperty().get().clauseAlone()).isTrue();

        // Another topic: a fresh automatic split and no heat map.
        openTopic("trec-mini", "101", "og");
        assertThat(attribution.heatMapProperty().get()).isNull();
        assertThat(attribution.titleProperty().get()).isEqualTo("Variant 'og' of topic 101");
        assertThat(attribution.wordsAvailableProperty().get()).as("101's og narrative is over 80 words").isFalse();
        assertThat(attribution.wordsStatusProperty().get()).startsWith("Word occlusion takes instructions of up to 80");
    }

    @Test
    void whatIfMakesAVariantTheEditorAndComparisonShow() throws Exception {
        loadTinyModel();
        openTopic("trec-mini", "104", "changed");
        attribution.candidatesProperty().set("bm25:3");
        attribution.replan();
        attribution.run();
        Clauses clauses = attribution.clausesProperty().get();
        assertThat(attribution.defaultVariantName(1, false)).isEqualTo("changed-without-2");
        assertThat(attribution.defaultVariantName(0, true)).isEqualTo("changed-only-1");
        attribution.makeVariant(1, false, "changed-without-2");
        assertThat(vm.editor().variantNames()).containsExactly("og", "changed", "changed-without-2");
        assertThat(vm.editor().variant("changed-without-2").orElseThrow().instruction()).isEqualTo(clauses.without(1));
        assertThat(vm.comparison().variants()).contains("changed-without-2");
        assertThat(vm.editor().selectedProperty().get().name()).as("the editor keeps its selection").isEqualTo("changed");
        assertThat(attribution.heatMapProperty().get()).as("and so the tab keeps its heat map").isNotNull();
        assertThat(attribution.statusProperty().get()).isEqualTo("Made variant 'changed-without-2': without clause 2"
                + " of 'changed'; it compares, judges and exports like any other variant");
        assertThat(attribution.defaultVariantName(1, false)).isEqualTo("changed-without-2-2");

        attribution.makeVariant(0, true, "changed-without-2");
        assertThat(attribution.statusProperty().get()).isEqualTo("topic '104' already has a variant"
                + " 'changed-without-2'");
        attribution.makeVariant(0, true, "only the first");
        assertThat(attribution.statusProperty().get()).startsWith("a variant name needs letters and no spaces");
        attribution.makeVariant(0, true, "changed-only-1");
        assertThat(vm.editor().variant("changed-only-1").orElseThrow().instruction()).isEqualTo(clauses.get(0));
    }

    @Test
    void exportsWriteTheTableTheLinesAndAPng() throws Exception {
        loadTinyModel();
        openTopic("james-cameron", "cameron", "og");
        attribution.candidatesProperty().set("bm25:5");
        attribution.replan();
        attribution.splitAt(0, 13); // before "only"
        attribution.run();
        Attribution a = attribution.resultProperty().get();
        assertThat(a.clauses().size()).isEqualTo(2);
        assertThat(attribution.suggestedName("table", "csv")).isEqualTo("attribution-cameron-og-table.csv");

        Path table = dir.resolve("out/table.csv");
        attribution.exportTable(table);
        assertThat(attribution.statusProperty().get()).isEqualTo("Wrote the table to " + table);
        List<String> rows = Files.readAllLines(table);
        assertThat(rows.get(0)).isEqualTo("row,doc_id,title,p_full,p_query_alone,delta_query_alone,delta_clause_1,"
                + "delta_clause_2");
        assertThat(rows.get(1)).startsWith("clause,,,,,,A relevant document would describe a movie that was written by"
                + " James Cameron,only and not with anyone else");
        assertThat(rows).hasSize(1 + 1 + 5 + 3); // header, clauses, documents, flips / mean / tau (og: no p-MRR)

        Path jsonl = dir.resolve("out/table.jsonl");
        attribution.exportTable(jsonl);
        assertThat(Files.readAllLines(jsonl).get(0)).startsWith("{\"row\":\"clause\"");

        attribution.select(a.documents().get(0).docId(), 0);
        attribution.occludeWords();
        Path lines = dir.resolve("out/lines.jsonl");
        attribution.exportLines(lines);
        Attribution withWords = new Attribution(a.collection(), a.topicId(), a.variant(), a.query(), a.instruction(),
                a.clauses(), true, false, a.documents(), a.summaries(), a.queryAlone(),
                attribution.occlusionProperty().get(), a.cost());
        List<String> written = Files.readAllLines(lines);
        assertThat(written).hasSize(AttributionExport.lineCount(withWords)).hasSize(5 * 3 + 19);
        assertThat(written.get(written.size() - 1)).startsWith("{\"doc_id\":\"" + a.documents().get(0).docId()
                + "\",\"word_index\":19,\"word\":\"else\"");
        Path csvLines = dir.resolve("out/lines.csv");
        attribution.exportLines(csvLines);
        assertThat(Files.readAllLines(csvLines).get(0)).isEqualTo("kind,doc_id,clause_index,clause,word_index,word,"
                + "instruction_scored,p_full,p_scored,delta");

        int[] pixels = new int[6 * 4];
        java.util.Arrays.fill(pixels, 0xffb2182b);
        pixels[5] = 0xff2166ac;
        Path png = dir.resolve("out/map.png");
        attribution.exportPng(png, 6, 4, pixels);
        assertThat(attribution.statusProperty().get()).isEqualTo("Wrote the heat map (6 × 4 pixels) to " + png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(6);
        assertThat(image.getHeight()).isEqualTo(4);
        assertThat(image.getRGB(0, 0) & 0xffffff).isEqualTo(0xb2182b);
        assertThat(image.getRGB(5, 0) & 0xffffff).isEqualTo(0x2166ac);
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no temporary files left")
                    .noneMatch(n -> n.endsWith(".part"));
        }
        attribution.exportPng(dir.resolve("out/bad.png"), 6, 4, new int[3]);
        assertThat(attribution.statusProperty().get()).startsWith("Cannot write ");
        assertThat(dir.resolve("out/bad.png")).doesNotExist();
    }

    @Test
    void withoutAModelTheBm25BaselineAttributesAndBadInputIsOneLine() {
        openTopic("james-cameron", "cameron", "og");
        attribution.candidatesProperty().set("bm25:nope");
        attribution.replan();
        assertThat(attribution.costProperty().get()).startsWith("candidates must be bm25:K");
        assertThat(attribution.readyProperty().get()).isFalse();
        attribution.run();
        assertThat(attribution.statusProperty().get()).startsWith("candidates must be bm25:K");

        attribution.candidatesProperty().set("");
        vm.scoring().candidatesProperty().set("bm25:7");
        attribution.replan();
        assertThat(attribution.candidatesInUse()).isEqualTo("bm25:7");
        assertThat(attribution.costProperty().get()).startsWith("1 clause × 7 candidates (BM25 baseline)")
                .contains("in moments (BM25)");
        CancellationToken busy = vm.scoring().claim("someone else's job");
        attribution.run();
        assertThat(attribution.statusProperty().get()).isEqualTo("A run is going on: attribute once it ends");
        vm.scoring().release("done");
        assertThat(busy).isNotNull();
        attribution.run();
        AttributionHeatMap map = attribution.heatMapProperty().get();
        assertThat(map.probabilities()).isFalse();
        assertThat(map.columnCount()).isEqualTo(1); // one clause: the query alone only
        assertThat(map.rows()).isEqualTo(7);
        for (int r = 0; r < map.rows(); r++) {
            DocumentAttribution d = map.row(r);
            assertThat(d.pQueryAlone()).as("BM25 of the query alone scores no instruction words")
                    .isLessThanOrEqualTo(d.pFull() + 1e-9);
        }

        // An empty instruction: one line, nothing to run.
        vm.editor().saveInstruction("");
        assertThat(attribution.costProperty().get()).isEqualTo("variant 'og' of topic 'cameron' has an empty"
                + " instruction: there is nothing to attribute");
        assertThat(attribution.heatMapProperty().get()).isNull();
        assertThat(attribution.readyProperty().get()).isFalse();
    }

    @Test
    void plansWaitUntilTheTabIsShown() {
        attribution.activeProperty().set(false);
        openTopic("james-cameron", "cameron", "og");
        assertThat(attribution.costProperty().get()).isEmpty();
        assertThat(attribution.readyProperty().get()).isFalse();
        attribution.activeProperty().set(true);
        assertThat(attribution.costProperty().get()).contains("pairs: ");
        assertThat(attribution.readyProperty().get()).isTrue();
    }
}
