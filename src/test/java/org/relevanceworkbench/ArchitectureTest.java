package org.relevanceworkbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md, checked on the sources: logic never reaches up into the UI. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/relevanceworkbench");

    private static List<String> offenders(String packageDir, String forbiddenImport) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(packageDir))) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readAllLines(p).stream().anyMatch(l -> l.startsWith("import " + forbiddenImport));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void logicPackagesNeverImportJavaFx() throws IOException {
        for (String logic : List.of("store", "formats", "corpus", "common", "cli", "bench", "model", "judge", "eval", "export",
                "rerank", "compare", "attribution", "scoring", "remote", "evaluate", "hub")) {
            assertThat(offenders(logic, "javafx.")).as(logic).isEmpty();
        }
    }

    @Test
    void theStoreKnowsNothingOfFormatsImportsOrTheCli() throws IOException {
        assertThat(offenders("store", "org.relevanceworkbench.corpus")).isEmpty();
        assertThat(offenders("store", "org.relevanceworkbench.formats")).isEmpty();
        assertThat(offenders("store", "org.relevanceworkbench.cli")).isEmpty();
        assertThat(offenders("formats", "org.relevanceworkbench.corpus")).isEmpty();
    }

    @Test
    void theScorerSeamAndItsBackendsKnowNothingOfTheWorkspace() throws IOException {
        for (String pkg : List.of("scoring", "remote", "model")) {
            assertThat(offenders(pkg, "org.relevanceworkbench.store")).as(pkg).isEmpty();
            assertThat(offenders(pkg, "org.relevanceworkbench.rerank")).as(pkg).isEmpty();
            assertThat(offenders(pkg, "org.relevanceworkbench.cli")).as(pkg).isEmpty();
        }
        for (String backend : List.of("model", "remote", "corpus", "formats", "rerank", "store", "ui", "cli", "eval",
                "judge", "export", "compare", "evaluate", "attribution", "bench")) {
            assertThat(offenders("scoring", "org.relevanceworkbench." + backend)).as("scoring uses " + backend)
                    .isEmpty();
        }
        assertThat(offenders("store", "ai.djl")).isEmpty();
        assertThat(offenders("store", "java.net.http")).isEmpty();
        assertThat(offenders("model", "java.net.http")).as("the local backend does no HTTP").isEmpty();
    }

    @Test
    void theHubKnowsNothingOfTheWorkspaceTheWindowOrTheCli() throws IOException {
        for (String other : List.of("store", "ui", "cli", "corpus", "rerank")) {
            assertThat(offenders("hub", "org.relevanceworkbench." + other)).as(other).isEmpty();
        }
    }

    @Test
    void viewModelsHoldNoControls() throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve("ui"))) {
            // WorkbenchViewModel and the models it composes (ComparisonViewModel, ScoringViewModel, …).
            List<Path> viewModels = files.filter(p -> p.getFileName().toString().endsWith("Model.java")).toList();
            assertThat(viewModels).isNotEmpty();
            for (Path vm : viewModels) {
                assertThat(Files.readString(vm)).as(vm.toString()).doesNotContain("javafx.scene");
            }
        }
    }
}
