package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One naming scheme for the window's screens and parts (docs/ARCHITECTURE.md, "UI"): NAME.fxml is bound to the
 * controller NAME, a {@code …View} built on its {@code …ViewModel}; views hold no SQL and call no DAO.
 */
class ViewNamingTest {
    private static final Path FXML = Path.of("fxml");
    private static final Path UI = Path.of("src/main/java/org/relevanceworkbench/ui");
    private static final Pattern CONTROLLER = Pattern.compile("fx:controller=\"([\\w.]+)\"");

    private static List<Path> fxmlFiles() throws IOException {
        try (Stream<Path> files = Files.list(FXML)) {
            return files.filter(f -> f.toString().endsWith(".fxml")).sorted().toList();
        }
    }

    @Test
    void everyFxmlIsBoundToTheViewOfItsNameBuiltOnAViewModel() throws Exception {
        List<Path> files = fxmlFiles();
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("WorkbenchView.fxml",
                "WorkspaceView.fxml", "VariantsEditorView.fxml", "RunBarView.fxml", "ComparisonView.fxml",
                "SearchView.fxml", "StatusBarView.fxml", "AttributionView.fxml", "JudgeView.fxml");
        for (Path file : files) {
            String name = file.getFileName().toString().replace(".fxml", "");
            assertThat(name).as(file.toString()).endsWith("View");
            Matcher controller = CONTROLLER.matcher(Files.readString(file));
            assertThat(controller.find()).as(file + " names its controller").isTrue();
            assertThat(controller.group(1)).as(file.toString()).isEqualTo("org.relevanceworkbench.ui." + name);
            Class<?> view = Class.forName(controller.group(1));
            assertThat(Arrays.stream(view.getConstructors()).map(Constructor::getParameterTypes)
                    .anyMatch(types -> types.length > 0 && types[0].getSimpleName().endsWith("ViewModel")))
                    .as(name + " is built on a view model").isTrue();
        }
    }

    @Test
    void viewModelsAreCalledSoAndViewsCallNoDao() throws IOException {
        try (Stream<Path> files = Files.list(UI)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString().replace(".java", "");
                assertThat(name).as("a model of the UI is a …ViewModel").matches(n -> !n.endsWith("Model")
                        || n.endsWith("ViewModel"));
                if (name.endsWith("View")) {
                    assertThat(Files.readAllLines(file)).as(name).noneMatch(l -> l.matches("import .*\\.store\\.\\w+Dao;")
                            || l.contains("java.sql"));
                }
            }
        }
    }
}
