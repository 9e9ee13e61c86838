package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relevanceworkbench.common.CancellationToken;
import org.relevanceworkbench.model.ScorerOptions;
import org.relevanceworkbench.store.Collection;
import org.relevanceworkbench.store.CollectionDao;
import org.relevanceworkbench.store.Database;

/** Evaluate… on a collection, without an FX thread: tasks run at once on the test thread. */
class EvaluateViewModelTest {
    @TempDir
    Path dir;
    Database db;
    WorkbenchViewModel vm;
    Collection mini;

    @BeforeEach
    void open() {
        db = Database.open(dir.resolve("ws.db"));
        vm = new WorkbenchViewModel(db, new CurrentThreadTaskExecutor());
        vm.start();
        mini = db.read(c -> new CollectionDao(c).require("trec-mini"));
    }

    @AfterEach
    void close() {
        vm.close();
        db.close();
    }

    @Test
    void aCollectionOfOneTopicReadsAsOne() {
        Collection cameron = db.read(c -> new CollectionDao(c).require("james-cameron"));
        EvaluateViewModel evaluate = vm.evaluate(cameron);
        evaluate.check();
        assertThat(evaluate.planProperty().get()).isEqualTo("1 topic, 70 pairs");
    }

    @Test
    void checkPlansAndRunWritesTheFolderWithTheWindowsScorer() throws Exception {
        vm.scoring().loadModel(Path.of(getClass().getResource("/followir-golden/tiny-bf16").toURI()),
                ScorerOptions.defaults().withDevice(ScorerOptions.Choice.CPU));
        EvaluateViewModel evaluate = vm.evaluate(mini);
        assertThat(evaluate.outputFolderProperty().get()).isEqualTo(dir.resolve("evaluate-trec-mini").toString());
        evaluate.check();
        assertThat(evaluate.planProperty().get()).isEqualTo("10 topics, 866 pairs");
        evaluate.run();
        assertThat(evaluate.runningProperty().get()).isFalse();
        assertThat(evaluate.topicLines()).hasSize(10).first().asString()
                .startsWith("101: 56 candidates (bm25:1000), 0 from the cache, 112 scored");
        assertThat(evaluate.resultProperty().get()).startsWith("p-MRR ").contains("og MAP ").contains("og nDCG@5 ")
                .contains("10 topics, 866 pairs (0 from the cache)");
        Path out = dir.resolve("evaluate-trec-mini");
        assertThat(out.resolve("og.run")).exists();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(evaluate.resultProperty().get()).contains(String.format(java.util.Locale.US, "p-MRR %.4f",
                summary.get("p_mrr").asDouble()));
        assertThat(summary.get("backend").asText()).isEqualTo("local");
        assertThat(vm.scoring().runningProperty().get()).as("the scorer is free again").isFalse();
        assertThat(vm.scoring().runStatusProperty().get()).startsWith("Evaluated trec-mini: p-MRR ");

        evaluate.topicsProperty().set("103");
        evaluate.run();
        assertThat(evaluate.topicLines()).containsExactly("103: 71 candidates (bm25:1000), 142 from the cache, 0 scored");
    }

    @Test
    void withoutAModelItEvaluatesTheBm25BaselineAndMistakesAreOneLine() throws Exception {
        EvaluateViewModel evaluate = vm.evaluate(mini);
        evaluate.variantsProperty().set("og");
        evaluate.run();
        assertThat(evaluate.statusProperty().get()).isEqualTo("give two variants, the original and the changed one:"
                + " og,changed");
        evaluate.variantsProperty().set("og,changed");
        evaluate.candidatesProperty().set("bm25:nope");
        evaluate.check();
        assertThat(evaluate.statusProperty().get()).startsWith("candidates must be bm25:K");
        evaluate.candidatesProperty().set("bm25:5");
        CancellationToken busy = vm.scoring().claim("someone else's run");
        evaluate.run();
        assertThat(evaluate.statusProperty().get()).isEqualTo("A run is going on: evaluate once it ends");
        vm.scoring().release("done");
        assertThat(busy).isNotNull();
        evaluate.run();
        assertThat(evaluate.resultProperty().get()).contains("10 topics, 100 pairs");
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("evaluate-trec-mini/summary.json").toFile());
        assertThat(summary.get("backend").asText()).isEqualTo("bm25");
        assertThat(summary.get("runs").get("og").asText()).isEqualTo("bm25-og");
        assertThat(Files.readAllLines(dir.resolve("evaluate-trec-mini/per_topic.tsv"))).hasSize(11);
    }
}
