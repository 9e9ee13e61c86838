package org.relevanceworkbench.common;

/** The app's version, from the jar's manifest, or "development" when it runs from classes. */
public final class AppVersion {
    private AppVersion() {
    }

    public static String current() {
        String version = AppVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
