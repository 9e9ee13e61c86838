package org.relevanceworkbench.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.corpus.ImportOptions;
import org.relevanceworkbench.store.Run;
import org.relevanceworkbench.store.RunDao;
import org.relevanceworkbench.store.RunScore;

class RunExportTest {
    @TempDir
    Path dir;
    ExportFixture ws;

    @BeforeEach
    void open() throws Exception {
        ws = new ExportFixture(dir);
    }

    @AfterEach
    void close() {
        ws.close();
    }

    private Path export(String run, String variant, String tag) throws Exception {
        RunExport.Prepared prepared = new RunExport(ws.db).prepare(ExportFixture.FILMS, run, variant, tag);
        return TrecFiles.write(dir.resolve("out/" + run + "." + variant + ".trec"), prepared::writeTo);
    }

    private List<RunScore> scores(String collection, String run, String variant) {
        long collectionId = ws.collection(collection).id();
        return ws.db.read(c -> {
            Run found = new RunDao(c).find(collectionId, run).orElseThrow();
            return new RunDao(c).scores(found.id(), variant);
        });
    }

    @Test
    void ranksFollowScoresAsTrecEvalSortsThemWithTiesByDocnoDescending() throws Exception {
        Path file = export("followir-og", "og", null);
        assertThat(Files.readAllLines(file)).containsExactly(
                "2 Q0 d5 1 0.75 followir-og",
                "2 Q0 d1 2 0.25 followir-og",
                "10 Q0 d2 1 0.999991 followir-og", // stored at rank 2, but its score is the higher one
                "10 Q0 d1 2 0.99999 followir-og",
                "10 Q0 d4 3 0.5 followir-og", // tie: trec_eval puts "d4" before "d10" (docno descending)
                "10 Q0 d10 4 0.5 followir-og",
                "10 Q0 d5 5 0.000000000001 followir-og");
    }

    @Test
    void theRanksPrintedAreTheRanksTrecEvalDerives() throws Exception {
        for (String variant : List.of("og", "changed")) {
            Path file = export("followir-" + variant, variant, null);
            Map<String, List<String[]>> byTopic = new LinkedHashMap<>();
            for (String[] line : TrecFiles.columns(file, 6)) {
                assertThat(line[1]).isEqualTo("Q0");
                byTopic.computeIfAbsent(line[0], k -> new ArrayList<>()).add(line);
            }
            for (List<String[]> lines : byTopic.values()) {
                List<String[]> asTrecEval = new ArrayList<>(lines);
                asTrecEval.sort(Comparator.<String[]>comparingDouble(l -> Double.parseDouble(l[4])).reversed()
                        .thenComparing(l -> l[2], Comparator.reverseOrder()));
                for (int i = 0; i < asTrecEval.size(); i++) {
                    assertThat(asTrecEval.get(i)[3]).isEqualTo(Integer.toString(i + 1));
                }
            }
        }
    }

    @Test
    void aRunImportsBackWithTheSameRanksAndExactlyTheSameScores() throws Exception {
        Path file = export("followir-og", "og", null);
        ws.importRuns("again", ImportOptions.defaults(), file);
        List<RunScore> back = scores("again", "followir-og", "og");
        assertThat(back).extracting(RunScore::topicId, RunScore::docId, RunScore::rank, RunScore::score)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("2", "d5", 1, 0.75),
                        org.assertj.core.groups.Tuple.tuple("2", "d1", 2, 0.25),
                        org.assertj.core.groups.Tuple.tuple("10", "d2", 1, 0.999991),
                        org.assertj.core.groups.Tuple.tuple("10", "d1", 2, 0.99999),
                        org.assertj.core.groups.Tuple.tuple("10", "d4", 3, 0.5),
                        org.assertj.core.groups.Tuple.tuple("10", "d10", 4, 0.5),
                        org.assertj.core.groups.Tuple.tuple("10", "d5", 5, 1e-12));
        // and a second export of the imported run is the same file
        RunExport.Prepared again = new RunExport(ws.db).prepare("again", "followir-og", "og", null);
        Path second = TrecFiles.write(dir.resolve("second.trec"), again::writeTo);
        assertThat(Files.readString(second)).isEqualTo(Files.readString(file));
    }

    @Test
    void aRunWithoutScoresKeepsItsOrderWithScoreMinusRank() throws Exception {
        Path file = export("order-only", "og", "bm25-pool");
        assertThat(Files.readAllLines(file)).containsExactly(
                "10 Q0 d5 1 -1 bm25-pool", "10 Q0 d1 2 -2 bm25-pool", "10 Q0 d4 3 -3 bm25-pool");
        ws.importRuns("again", ImportOptions.defaults(), file);
        assertThat(scores("again", "bm25-pool", "og")).extracting(RunScore::docId, RunScore::rank)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("d5", 1), org.assertj.core.groups.Tuple.tuple("d1", 2),
                        org.assertj.core.groups.Tuple.tuple("d4", 3));
    }

    @Test
    void unknownRunsVariantsAndUnusableTagsAreUserErrors() {
        RunExport export = new RunExport(ws.db);
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, "bm25", "og", null))
                .isInstanceOf(UserException.class)
                .hasMessage("collection 'films' has no run 'bm25' (runs: followir-changed, followir-og, order-only)");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, "followir-og", "changed", null))
                .isInstanceOf(UserException.class)
                .hasMessage("run 'followir-og' has no scores for variant 'changed' (its variants: og)");
        assertThatThrownBy(() -> export.prepare(ExportFixture.FILMS, "followir-og", "og", "my run"))
                .isInstanceOf(UserException.class).hasMessageStartingWith("run tag 'my run' contains whitespace");
    }
}
