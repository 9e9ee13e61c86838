package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app in a real X server (Xvfb, GTK, no window manager: windows open at their preferred size): started
 * with --demo and {@code -Drelevance-workbench.screen} ({@link StartScreen}) once per screen, each screen must render
 * a window that is not blank. The screenshots stay in target/screenshots/, one per screen (src/docs/ has copies for
 * the README). Runs after packaging (failsafe); needs xvfb-run and ImageMagick, which .ci/run installs.
 */
class XvfbScreenshotIT {
    /** The screen names StartScreen knows, and the picture each becomes. */
    private static final Map<String, String> SCREENS = Map.of(
            "comparison", "comparison-view.png",
            "judging", "judging.png",
            "server", "server-dialog.png",
            "model-chooser", "model-chooser.png",
            "model-download", "model-download.png",
            "evaluate", "evaluate-dialog.png",
            "attribution", "attribution-cameron.png");

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyScreenOfTheAppRendersUnderXvfb(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("xvfb-run") && onPath("import") && onPath("compare"),
                "xvfb-run and ImageMagick are needed (apt-get install xvfb imagemagick)");
        Path jar = Path.of("target", "relevance-workbench.jar").toAbsolutePath();
        assertThat(jar).as("the packaged app").exists();
        Path script = Path.of(XvfbScreenshotIT.class.getResource("/xvfb/screenshot.sh").toURI());
        Path shots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
        List<String> screens = new ArrayList<>(List.of(StartScreen.Screen.values()).stream()
                .map(StartScreen.Screen::cliName).toList());
        assertThat(SCREENS.keySet()).as("a picture for every screen").containsExactlyInAnyOrderElementsOf(screens);
        for (String screen : screens) {
            Files.deleteIfExists(shots.resolve(screen + ".png"));
        }

        List<String> command = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1440x900x24",
                "bash", script.toString(), jar.toString(), dir.resolve("ws.db").toString(),
                dir.resolve("prefs").toString(), shots.toString(), "120"));
        command.addAll(screens);
        Process xvfb = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean finished = xvfb.waitFor(900, TimeUnit.SECONDS);
        String log = new String(xvfb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            xvfb.destroyForcibly();
        }
        assertThat(finished).as("xvfb-run finished; its output: %s", log).isTrue();
        assertThat(xvfb.exitValue()).as("the screenshot script; its output: %s", log).isZero();

        for (String screen : screens) {
            Path shot = shots.resolve(screen + ".png");
            assertThat(shot).as(screen).exists();
            Files.copy(shot, shots.resolve(SCREENS.get(screen)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            BufferedImage image = ImageIO.read(shot.toFile());
            if (screen.equals("comparison")) {
                assertThat(image.getWidth()).as("the main window's default width").isEqualTo(1280);
            }
            if (screen.equals("judging")) {
                assertThat(image.getWidth()).as("the judging window's opening width").isEqualTo(1000);
            }
            notBlank(screen, image);
        }
    }

    /**
     * A blank window is one colour, or a few. A screen with text has hundreds (antialiasing), though a dialog on the
     * light theme is mostly its white background (about 90% of the server dialog).
     */
    private static void notBlank(String screen, BufferedImage image) {
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int pixels = image.getWidth() * image.getHeight();
        int dominant = colours.values().stream().max(Integer::compare).orElse(0);
        assertThat(colours.size()).as("distinct colours of %s", screen).isGreaterThan(100);
        assertThat((double) dominant / pixels).as("share of the most common colour of %s", screen).isLessThan(0.97);
    }
}
