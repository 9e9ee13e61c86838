package org.relevanceworkbench.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.relevanceworkbench.cli.Cli;
import org.relevanceworkbench.common.UserException;
import org.relevanceworkbench.store.Database;

/**
 * The JavaFX application: the main window on a workspace (the one given, else the last one
 * opened, else the default), with the theme, window bounds and recent workspaces remembered.
 */
public final class WorkbenchApp extends Application implements WorkbenchHost {
    /** The window's size on a first start (later starts reopen it as it was left): every label of it fits. */
    static final double WIDTH = 1280;
    static final double HEIGHT = 820;
    private static volatile Path requested;
    private static volatile boolean demoRequested;
    /** The preferences and the first workspace, read and opened while JavaFX starts (neither needs the toolkit). */
    private static volatile CompletableFuture<FirstWorkspace> first;
    /** JavaFX warns at every start that it runs from the class path: our choice, not news. Held strongly,
     *  since java.util.logging forgets the level of a logger nobody references. */
    private static final java.util.logging.Logger QUIET_PLATFORM_LOG =
            java.util.logging.Logger.getLogger("javafx");

    private Stage stage;
    private AppPreferences preferences;
    private Database db;
    private FxTaskExecutor tasks;
    private WorkbenchViewModel model;

    /** Opens the window as asked (a workspace, else the last one used; maybe the demo) and returns when it closes. */
    public static void launchOn(Cli.WindowRequest window) {
        requested = window.workspace();
        demoRequested = window.demo();
        QUIET_PLATFORM_LOG.setLevel(java.util.logging.Level.SEVERE);
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            // One core stays with the window: a model on every core starves the FX thread.
            System.setProperty("ai.djl.pytorch.num_threads",
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() - 1)));
        }
        first = CompletableFuture.supplyAsync(() -> FirstWorkspace.open(requested));
        try {
            Application.launch(WorkbenchApp.class);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            first.thenAccept(FirstWorkspace::close);
            throw new UserException("cannot open the window (" + e.getMessage() + "); JavaFX needs a display and, "
                    + "on Linux, GTK 3 (Debian/Ubuntu package libgtk-3-0). The command line works without them: "
                    + "see --help", e);
        }
    }

    @Override
    public void start(Stage primary) {
        stage = primary;
        FirstWorkspace opening = opening();
        preferences = opening.preferences();
        Application.setUserAgentStylesheet(preferences.theme().userAgentStylesheet());
        AppPreferences.Bounds b = preferences.bounds();
        if (b.width() > 200 && b.height() > 200) {
            stage.setX(b.x());
            stage.setY(b.y());
            stage.setWidth(b.width());
            stage.setHeight(b.height());
            stage.setMaximized(b.maximized());
        } else {
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
        }
        stage.setOnCloseRequest(e -> rememberBounds());
        if (opening.failure() != null) {
            notOpened(opening.failure());
        } else {
            show(opening.database());
        }
        stage.show();
        if (demoRequested) {
            model.jamesCameronDemo();
        }
        // For screenshots of every screen (XvfbScreenshotIT): the window tells the script where the screen is.
        StartScreen.requested().ifPresent(screen -> StartScreen.openWhenReady(screen, stage, model, demoRequested,
                window -> System.out.printf(java.util.Locale.ROOT, "screen %s at %.0f,%.0f %.0fx%.0f%n",
                        screen.cliName(), window.getX(), window.getY(), window.getWidth(), window.getHeight())
                        .flush()));
    }

    @Override
    public void openWorkspace(Path file) {
        Database opened;
        try {
            opened = Database.open(file);
        } catch (UserException e) {
            notOpened(e);
            return;
        }
        show(opened);
    }

    /** Says why a workspace did not open; the first one's failure opens the default workspace instead. */
    private void notOpened(UserException e) {
        if (db == null) {
            show(Database.open(Cli.defaultWorkspace())); // the window must open somewhere
        }
        Dialogs.error(stage, e.getMessage(), null).show();
    }

    private static FirstWorkspace opening() {
        if (first == null) { // started without launchOn
            return FirstWorkspace.open(requested);
        }
        try {
            return first.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The preferences, read, and the workspace asked for, else the last one used, else the default: opened or not. */
    private record FirstWorkspace(AppPreferences preferences, Database database, UserException failure) {
        static FirstWorkspace open(Path requested) {
            AppPreferences preferences = AppPreferences.user();
            preferences.theme(); // reads the preferences' file
            Path file = requested != null ? requested : preferences.lastWorkspace().orElse(Cli.defaultWorkspace());
            try {
                return new FirstWorkspace(preferences, Database.open(file), null);
            } catch (UserException e) {
                return new FirstWorkspace(preferences, null, e);
            }
        }

        void close() {
            if (database != null) {
                database.close();
            }
        }
    }

    private void show(Database opened) {
        closeWorkspace();
        db = opened;
        tasks = new FxTaskExecutor();
        model = new WorkbenchViewModel(db, tasks);
        preferences.workspaceOpened(db.file());
        try {
            Parent root = WorkbenchView.load(model, this);
            // Sized like the stage from the start: a first layout at the content's preferred size would
            // fix the side pane's width (it keeps its width when the window resizes) far too wide.
            Scene scene = new Scene(root, stage.getWidth(), stage.getHeight());
            scene.getStylesheets().setAll(preferences.theme().workbenchStylesheets());
            stage.setScene(scene);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled WorkbenchView.fxml cannot be loaded", e);
        }
        stage.setTitle("Relevance Workbench — " + db.file());
        model.start();
        // The model folder chosen last time loads again, in the background and cancellable.
        preferences.modelFolder().filter(ScoringViewModel::looksLikeModel)
                .ifPresent(folder -> model.scoring().loadModel(folder, org.relevanceworkbench.model.ScorerOptions.defaults()));
    }

    @Override
    public void applyTheme(Theme theme) {
        preferences.theme(theme);
        theme.apply();
    }

    @Override
    public AppPreferences preferences() {
        return preferences;
    }

    @Override
    public void quit() {
        rememberBounds();
        Platform.exit();
    }

    private void rememberBounds() {
        preferences.bounds(new AppPreferences.Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                stage.isMaximized()));
    }

    private void closeWorkspace() {
        if (model != null) {
            model.close();
        }
        if (tasks != null) {
            tasks.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Override
    public void stop() {
        closeWorkspace();
    }
}
