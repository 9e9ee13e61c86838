package org.relevanceworkbench.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

/** The two looks, from AtlantaFX (Primer light and dark), plus the workbench's own stylesheet on top. */
public enum Theme {
    LIGHT, DARK;

    public String userAgentStylesheet() {
        return this == DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    /** The workbench's stylesheets for this theme (layout, colour scale, highlights), class-path URL form. */
    public java.util.List<String> workbenchStylesheets() {
        String base = Theme.class.getResource("/styles/workbench.css").toExternalForm();
        return this == DARK ? java.util.List.of(base, Theme.class.getResource("/styles/workbench-dark.css").toExternalForm())
                : java.util.List.of(base);
    }

    /** Puts this theme on the application and on every open window. */
    public void apply() {
        javafx.application.Application.setUserAgentStylesheet(userAgentStylesheet());
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.getScene() != null) {
                w.getScene().getStylesheets().setAll(workbenchStylesheets());
            }
        }
    }

    static Theme parse(String name) {
        try {
            return valueOf(name);
        } catch (IllegalArgumentException e) {
            return LIGHT;
        }
    }
}
