package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.relevanceworkbench.common.UserException;

/**
 * Opens one screen of the window right after start, so that a script can take a screenshot of every screen
 * ({@code XvfbScreenshotIT}, the pictures in src/docs/): {@code -Drelevance-workbench.screen=judging} with
 * {@code --demo}. Not a user feature, hence a system property and no option in --help.
 *
 * <p>The screen opens the way a person opens it, through its menu item, the Judge… button or its tab, once the
 * James Cameron demo has selected its topic and finished its run (at once without the demo). The judging window also
 * starts its queue, to show a document, and the attribution tab runs, to show its heat map. Then, once the screen
 * shows what it will show, {@code opened} gets its window.
 */
final class StartScreen {
    static final String PROPERTY = "relevance-workbench.screen";

    enum Screen {
        COMPARISON, JUDGING, SERVER, MODEL_CHOOSER, MODEL_DOWNLOAD, EVALUATE, ATTRIBUTION;

        /** As the property names it: {@code model-chooser}. */
        String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Screen parse(String name) {
            for (Screen s : values()) {
                if (s.cliName().equals(name.strip())) {
                    return s;
                }
            }
            throw new UserException(PROPERTY + " must be one of " + String.join(", ",
                    Arrays.stream(values()).map(Screen::cliName).toList()) + ", not '" + name + "'");
        }
    }

    private StartScreen() {
    }

    /** The screen the system property asks for; empty when it is not set. */
    static Optional<Screen> requested() {
        String name = System.getProperty(PROPERTY);
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(Screen.parse(name));
    }

    /** Opens {@code screen} once the demo (when asked for) is ready, and hands its window to {@code opened}. */
    static void openWhenReady(Screen screen, Stage main, WorkbenchViewModel model, boolean demo,
            Consumer<Window> opened) {
        ScoringViewModel scoring = model.scoring();
        AttributionViewModel attribution = model.attribution();
        when(() -> !demo || model.topicProperty().get() != null && !scoring.runningProperty().get()
                && scoring.runStatusProperty().get().startsWith("Done"),
                List.of(model.topicProperty(), scoring.runningProperty(), scoring.runStatusProperty()), () -> {
                    Window window = open(screen, main);
                    if (screen == Screen.ATTRIBUTION) {
                        when(() -> attribution.heatMapProperty().get() != null && !attribution.runningProperty().get(),
                                List.of(attribution.heatMapProperty(), attribution.runningProperty()),
                                () -> opened.accept(window));
                    } else {
                        opened.accept(window);
                    }
                });
    }

    /** Runs {@code then} once {@code condition} holds, checked now and whenever one of {@code watched} changes. */
    private static void when(BooleanSupplier condition, List<Observable> watched, Runnable then) {
        InvalidationListener check = new InvalidationListener() {
            @Override
            public void invalidated(Observable changed) {
                if (condition.getAsBoolean()) {
                    watched.forEach(o -> o.removeListener(this));
                    // after the change has reached every listener: tables and lists show it
                    Platform.runLater(then);
                }
            }
        };
        watched.forEach(o -> o.addListener(check));
        check.invalidated(null);
    }

    /** Opens {@code screen} over the main window {@code main} now, on the FX thread; returns its window. */
    static Window open(Screen screen, Stage main) {
        Parent root = main.getScene().getRoot();
        List<Window> before = new ArrayList<>(Window.getWindows());
        switch (screen) {
            case COMPARISON -> {
                return main;
            }
            case ATTRIBUTION -> {
                TabPane tabs = find(root, TabPane.class);
                tabs.getTabs().stream().filter(t -> t.getText().equals("Attribution")).findFirst()
                        .ifPresent(t -> tabs.getSelectionModel().select(t));
                fireWhenEnabled((Button) root.lookup("#attributionRun")); // once the tab has planned the run
                return main;
            }
            case JUDGING -> ((Button) root.lookup("#judgeButton")).fire();
            case SERVER -> menuItem(root, "connectServerItem").fire();
            case MODEL_CHOOSER -> menuItem(root, "chooseModelItem").fire();
            case MODEL_DOWNLOAD -> menuItem(root, "downloadModelItem").fire();
            case EVALUATE -> menuItem(root, "evaluateItem").fire();
        }
        Window opened = Window.getWindows().stream().filter(w -> w instanceof Stage && !before.contains(w))
                .reduce((first, last) -> last)
                .orElseThrow(() -> new IllegalStateException(screen.cliName() + " opened no window"));
        if (screen == Screen.JUDGING) {
            ((Button) opened.getScene().getRoot().lookup("#startButton")).fire();
        }
        return opened;
    }

    private static void fireWhenEnabled(Button button) {
        when(() -> !button.isDisabled(), List.of(button.disabledProperty()), button::fire);
    }

    /** The menu item of the main window with this fx:id (FXML gives it as the item's id too). */
    private static MenuItem menuItem(Parent root, String id) {
        for (Menu menu : find(root, MenuBar.class).getMenus()) {
            for (MenuItem item : menu.getItems()) {
                if (id.equals(item.getId())) {
                    return item;
                }
            }
        }
        throw new IllegalStateException("the main window has no menu item " + id);
    }

    private static <T> T find(Node node, Class<T> type) {
        if (type.isInstance(node)) {
            return type.cast(node);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
