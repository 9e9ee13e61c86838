package org.relevanceworkbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of docs/ARCHITECTURE.md ("Layers"), checked on the sources: logic never reaches up into the UI or the
 * CLI. A package "uses" another through an import or a fully-qualified name in code; comments do not count.
 */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java/org/relevanceworkbench");
    private static final List<String> LOGIC = List.of("store", "formats", "corpus", "common", "cli", "bench", "model",
            "judge", "eval", "export", "rerank", "compare", "attribution", "scoring", "remote", "evaluate", "hub");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    /** Whether Java source text names {@code forbidden} (a package prefix) in an import or a qualified name. */
    static boolean uses(String source, String forbidden) {
        String code = COMMENTS.matcher(source).replaceAll(" ");
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(forbidden)).matcher(code).find();
    }

    private static List<String> offenders(String packageDir, String forbidden) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(packageDir))) {
            return files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return uses(Files.readString(p), forbidden);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).map(Path::toString).toList();
        }
    }

    @Test
    void importsAndFullyQualifiedNamesCountCommentsDoNot() {
        assertThat(uses("import javafx.scene.Node;", "javafx.")).isTrue();
        assertThat(uses("import static javafx.application.Platform.runLater;", "javafx.")).isTrue();
        assertThat(uses("    javafx.application.Platform.runLater(r);", "javafx.")).isTrue();
        assertThat(uses("new org.relevanceworkbench.store.RunDao(c)", "org.relevanceworkbench.store")).isTrue();
        assertThat(uses("/** unlike javafx.scene */ // javafx.x\nint a;", "javafx.")).isFalse();
        assertThat(uses("my.javafx.Thing t;", "javafx.")).isFalse();
    }

    @Test
    void logicPackagesNeverImportJavaFx() throws IOException {
        for (String logic : LOGIC) {
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
    void logicNeverUsesTheWindowAndOnlyTheCliUsesPicocli() throws IOException {
        for (String logic : LOGIC) {
            assertThat(offenders(logic, "org.relevanceworkbench.ui")).as(logic).isEmpty();
            if (!logic.equals("cli")) {
                assertThat(offenders(logic, "org.relevanceworkbench.cli")).as(logic).isEmpty();
                assertThat(offenders(logic, "picocli.")).as(logic).isEmpty();
            }
        }
    }

    @Test
    void viewsLeaveTheWorkspaceToTheirViewModels() throws IOException {
        List<String> access;
        try (Stream<Path> store = Files.list(MAIN.resolve("store"))) {
            access = store.map(p -> p.getFileName().toString().replace(".java", ""))
                    .filter(n -> n.endsWith("Dao") || n.equals("Database")).toList();
        }
        assertThat(access).contains("Database", "RunDao");
        try (Stream<Path> files = Files.list(MAIN.resolve("ui"))) {
            List<Path> views = files.filter(p -> p.getFileName().toString().endsWith("View.java")).toList();
            assertThat(views).isNotEmpty();
            for (Path view : views) {
                String source = Files.readString(view);
                for (String type : access) {
                    assertThat(uses(source, "org.relevanceworkbench.store." + type)).as(view + " uses " + type)
                            .isFalse();
                }
            }
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
