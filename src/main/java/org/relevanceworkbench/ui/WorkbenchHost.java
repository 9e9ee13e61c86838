package org.relevanceworkbench.ui;

import java.nio.file.Path;

/** What the main window asks of the application around it: other workspaces, the theme, preferences. */
public interface WorkbenchHost {
    void openWorkspace(Path file);

    void applyTheme(Theme theme);

    AppPreferences preferences();

    void quit();
}
