package org.relevanceworkbench.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.relevanceworkbench.hub.HubSettings;

/** The application around the main window, for tests: throw-away preferences, themes applied for real. */
final class TestHost implements WorkbenchHost {
    final AppPreferences preferences =
            new AppPreferences(Preferences.userRoot().node("relevance-workbench-test/" + UUID.randomUUID()));
    final List<Path> opened = new ArrayList<>();
    /** The hub and cache Model ▸ Choose model… and Download… use; null: this process's environment. */
    HubSettings hub;

    @Override
    public void openWorkspace(Path file) {
        opened.add(file);
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
    }

    @Override
    public HubSettings hubSettings() {
        return hub != null ? hub : WorkbenchHost.super.hubSettings();
    }
}
