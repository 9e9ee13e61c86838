package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged app in a real X server (Xvfb, GTK): started with --demo it must render a window
 * that is not blank. The screenshot stays in target/screenshots/ (the README's picture comes
 * from it). Runs after packaging (failsafe); needs xvfb-run and ImageMagick, which .ci/run installs.
 */
class XvfbScreenshotIT {
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
    void theAppRendersTheJamesCameronComparisonUnderXvfb(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("xvfb-run") && onPath("import") && onPath("compare"),
                "xvfb-run and ImageMagick are needed (apt-get install xvfb imagemagick)");
        Path jar = Path.of("target", "relevance-workbench.jar").toAbsolutePath();
        assertThat(jar).as("the packaged app").exists();
        Path script = Path.of(XvfbScreenshotIT.class.getResource("/xvfb/screenshot.sh").toURI());
        Path shots = Files.createDirectories(Path.of("target", "screenshots").toAbsolutePath());
        Path shot = shots.resolve("comparison-view.png");
        Files.deleteIfExists(shot);

        Process xvfb = new ProcessBuilder("xvfb-run", "-a", "-s", "-screen 0 1280x820x24",
                "bash", script.toString(), jar.toString(), dir.resolve("ws.db").toString(),
                dir.resolve("prefs").toString(), shot.toString(), "150")
                .redirectErrorStream(true).start();
        boolean finished = xvfb.waitFor(200, TimeUnit.SECONDS);
        String log = new String(xvfb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            xvfb.destroyForcibly();
        }
        assertThat(finished).as("xvfb-run finished; its output: %s", log).isTrue();
        assertThat(xvfb.exitValue()).as("the screenshot script; its output: %s", log).isZero();

        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        Map<Integer, Integer> colours = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        int pixels = image.getWidth() * image.getHeight();
        int dominant = colours.values().stream().max(Integer::compare).orElse(0);
        assertThat(colours.size()).as("distinct colours on the screen").isGreaterThan(100);
        assertThat((double) dominant / pixels).as("share of the most common colour").isLessThan(0.9);
    }
}
