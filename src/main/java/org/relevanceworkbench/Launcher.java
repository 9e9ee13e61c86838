package org.relevanceworkbench;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.relevanceworkbench.cli.Cli;
import org.relevanceworkbench.ui.WorkbenchApp;

/**
 * Entry point of the jar. Not a JavaFX Application subclass on purpose: with JavaFX on the class
 * path (not the module path), the JVM refuses to start an Application main class directly.
 */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        org.relevanceworkbench.common.SystemTrustStore.useInAppImage();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.run(args, out, err, WorkbenchApp::launchOn, org.relevanceworkbench.ui.UiBenchmark::run);
        System.exit(code);
    }
}
