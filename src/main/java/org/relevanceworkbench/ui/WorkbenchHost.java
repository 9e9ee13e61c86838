package org.relevanceworkbench.ui;

import java.nio.file.Path;
import org.relevanceworkbench.hub.HubSettings;

/** What the main window asks of the application around it: other workspaces, the theme, preferences. */
public interface WorkbenchHost {
    void openWorkspace(Path file);

    void applyTheme(Theme theme);

    AppPreferences preferences();

    void quit();

    /**
     * Where the Hugging Face hub and its cache are, for Model ▸ Choose model… and Model ▸ Download…: this process's
     * environment ({@code HF_ENDPOINT}, {@code HF_HUB_CACHE}, {@code HF_HOME}, {@code HF_TOKEN}); a bad
     * {@code HF_ENDPOINT} is a one-line {@link org.relevanceworkbench.common.UserException}.
     */
    default HubSettings hubSettings() {
        return HubSettings.fromSystem();
    }
}
