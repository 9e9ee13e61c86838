package org.relevanceworkbench.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The scatter painting its dots in the background: one paint at a time, and the latest points are what it shows. */
@ExtendWith(ApplicationExtension.class)
class ScatterPlotTest {
    /** Holds each task until the test runs it: a paint still in flight, as on a slow machine. */
    private static final class HeldTasks implements TaskExecutor {
        final Deque<Runnable> held = new ArrayDeque<>();

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
            held.add(() -> new CurrentThreadTaskExecutor().run(work, onSuccess, onFailure));
        }

        @Override
        public void onUi(Runnable update) {
            update.run();
        }
    }

    private final HeldTasks tasks = new HeldTasks();
    private ScatterPlot plot;

    @Start
    void start(Stage stage) {
        plot = new ScatterPlot();
        plot.paintWith(tasks);
        TestStages.show(stage, new StackPane(plot), 400, 300);
    }

    /** The (premultiplied) alpha of the dots' image where point {@code i} of the plot's current layout is. */
    private int alphaAtDot(int i) {
        Image image = ((ImageView) plot.getChildrenUnmodifiable().get(1)).getImage();
        ScatterLayout layout = plot.geometry();
        return image.getPixelReader().getArgb((int) layout.screenX(i), (int) layout.screenY(i)) >>> 24;
    }

    @Test
    void pointsThatChangeWhileTheDotsArePaintedArePaintedOnceMoreTheLatestOnly(FxRobot robot) {
        // two documents at opposite corners, then swapped: each set's dots lie where the other's do not
        List<ComparisonViewModel.Point> first = List.of(new ComparisonViewModel.Point("low", 0.1, 0.1),
                new ComparisonViewModel.Point("high", 0.9, 0.9));
        List<ComparisonViewModel.Point> crossed = List.of(new ComparisonViewModel.Point("low", 0.1, 0.9),
                new ComparisonViewModel.Point("high", 0.9, 0.1));
        robot.interact(() -> {
            while (!tasks.held.isEmpty()) {
                tasks.held.poll().run(); // the paint of the empty plot as it was shown
            }
            plot.setPoints(first);
            tasks.held.poll().run();
            plot.setPoints(crossed);
            plot.setPoints(first);
            plot.setPoints(crossed);
        });
        assertThat(tasks.held).as("one paint in flight; the points since wait for it").hasSize(1);
        robot.interact(() -> assertThat(plot.geometry().point(0).b()).as("clicks still meet the dots on screen")
                .isEqualTo(0.1));

        robot.interact(() -> tasks.held.poll().run());
        assertThat(tasks.held).as("then one paint of the latest points").hasSize(1);

        robot.interact(() -> tasks.held.poll().run());
        assertThat(tasks.held).isEmpty();
        robot.interact(() -> {
            ScatterLayout layout = plot.geometry();
            assertThat(layout.point(0).b()).isEqualTo(0.9);
            assertThat(alphaAtDot(0)).as("a dot where the latest points put one").isGreaterThan(100);
            assertThat(alphaAtDot(1)).isGreaterThan(100);
            Image image = ((ImageView) plot.getChildrenUnmodifiable().get(1)).getImage();
            for (double at : new double[] {0.1, 0.9}) { // where only the first points had dots
                int x = (int) layout.toScreenX(at);
                int y = (int) layout.toScreenY(at);
                assertThat(image.getPixelReader().getArgb(x, y) >>> 24).as("(%s, %s)", at, at).isZero();
            }
        });
    }
}
