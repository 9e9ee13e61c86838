package org.relevanceworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * The comparison's scatter of score under A against score under B, in three layers rather than a node per dot: the
 * axes on a Canvas, the dots painted in Java into one image ({@link ScatterDots}), and the rings of the hovered and the
 * selected dot on a Canvas on top, so that 10,000 documents redraw in milliseconds and a hover redraws two rings, not
 * every dot. The dot under the pointer (found through {@link ScatterLayout}'s grid) gets a tooltip with its id and
 * both scores, a click selects its row, and the selected document is ringed. The diagonal marks equal scores: dots
 * below it lost under B, dots above it gained.
 */
public final class ScatterPlot extends Region {
    /** #e4572e at 75%, straight ARGB. */
    static final int DOT = 0xbfe4572e;
    private static final Color SELECTED = Color.web("#1f6feb");
    private static final Color AXIS = Color.web("#8a8f98");
    private static final Color GRID = Color.web("#8a8f98", 0.25);
    private final Canvas canvas = new Canvas();
    private final ImageView dots = new ImageView();
    private final Canvas marks = new Canvas();
    private final StringProperty xLabel = new SimpleStringProperty("A");
    private final StringProperty yLabel = new SimpleStringProperty("B");
    private final Tooltip tooltip = new Tooltip();
    private List<ComparisonViewModel.Point> points = List.of();
    private ScatterLayout layout;
    private String selectedDoc;
    private Consumer<String> onPick = doc -> { };
    private int hovered = -1;
    /** Paints the dots off the FX thread, or null: here, at once. */
    private TaskExecutor painter;
    private boolean painting;
    private boolean paintAgain;

    public ScatterPlot() {
        getStyleClass().add("scatter-plot");
        canvas.setMouseTransparent(true);
        dots.setMouseTransparent(true);
        getChildren().addAll(canvas, dots, marks);
        setMinSize(120, 100);
        setPrefSize(320, 240);
        tooltip.setShowDelay(Duration.millis(120));
        tooltip.setHideDelay(Duration.millis(100));
        marks.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        marks.addEventHandler(MouseEvent.MOUSE_EXITED, e -> unhover());
        marks.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int i = layout == null ? -1 : layout.pick(e.getX(), e.getY());
            if (i >= 0) {
                onPick.accept(layout.point(i).docId());
            }
        });
        xLabel.addListener((obs, old, now) -> drawAxes());
        yLabel.addListener((obs, old, now) -> drawAxes());
        // The dots are pixels of the screen's scale: painted again when the window moves to a screen of another scale.
        sceneProperty().flatMap(Scene::windowProperty).flatMap(Window::outputScaleXProperty)
                .addListener((obs, old, now) -> relayout());
    }

    /** Replaces the dots and redraws. */
    public void setPoints(List<ComparisonViewModel.Point> next) {
        points = List.copyOf(next); // no copy when next is immutable already, as the view model's are
        relayout();
    }

    /** Rings this document's dot (null: none). */
    public void select(String docId) {
        selectedDoc = docId;
        drawMarks();
    }

    /** The document ringed as selected, or null. */
    public String selected() {
        return selectedDoc;
    }

    /**
     * Lays out and paints the dots through {@code tasks} from now on, off the FX thread, and shows them when done
     * (null: at once, here): 100,000 dots take 50–100 ms to paint on a slow core, a frame's time several times over,
     * and a million take their hit-testing grid a fifth of the FX thread's stalls. One paint at a time; points that
     * change meanwhile are painted once it is done, the latest only; until then the plot shows, and a click is tested
     * against, the dots painted last.
     */
    public void paintWith(TaskExecutor tasks) {
        painter = tasks;
    }

    public void setOnPick(Consumer<String> action) {
        onPick = action == null ? doc -> { } : action;
    }

    public StringProperty xLabelProperty() {
        return xLabel;
    }

    public StringProperty yLabelProperty() {
        return yLabel;
    }

    /** The current geometry (for tests: where a document's dot is on screen). */
    ScatterLayout geometry() {
        return layout;
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            marks.setWidth(w);
            marks.setHeight(h);
            relayout();
        }
    }

    /**
     * Lays the points out and paints their dots for the plot's size, here or through the painter, and then shows both
     * at once: a click is always tested against the dots on screen.
     */
    private void relayout() {
        List<ComparisonViewModel.Point> shown = points;
        double width = canvas.getWidth();
        double height = canvas.getHeight();
        double scale = getScene() == null || getScene().getWindow() == null ? 1 : getScene().getWindow().getOutputScaleX();
        if (painter == null) {
            show(frame(shown, width, height, scale));
            return;
        }
        if (painting) {
            paintAgain = true;
            return;
        }
        painting = true;
        painter.run(() -> frame(shown, width, height, scale), frame -> {
            show(frame);
            paintDone();
        }, failure -> paintDone());
    }

    private void paintDone() {
        painting = false;
        if (paintAgain) {
            paintAgain = false;
            relayout();
        }
    }

    /** A layout of the points and its dots, painted at {@code scale} device pixels per unit (null: no room). */
    private record Frame(ScatterLayout layout, ScatterDots dots, int pixelWidth, int pixelHeight, double scale) {
    }

    private static Frame frame(List<ComparisonViewModel.Point> points, double width, double height, double scale) {
        ScatterLayout layout = new ScatterLayout(points, width, height);
        int w = (int) Math.ceil(width * scale);
        int h = (int) Math.ceil(height * scale);
        ScatterDots dots = w > 0 && h > 0 ? new ScatterDots(w, h, scale).paint(layout, DOT) : null;
        return new Frame(layout, dots, w, h, scale);
    }

    private void show(Frame frame) {
        layout = frame.layout();
        hovered = -1;
        drawAxes();
        if (frame.dots() == null) {
            dots.setImage(null);
        } else {
            int w = frame.pixelWidth();
            int h = frame.pixelHeight();
            WritableImage image = dots.getImage() instanceof WritableImage shown
                    && shown.getWidth() == w && shown.getHeight() == h ? shown : new WritableImage(w, h);
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), frame.dots().pixels(), 0, w);
            dots.setImage(image);
            dots.setFitWidth(w / frame.scale());
            dots.setFitHeight(h / frame.scale());
        }
        drawMarks();
    }

    private void drawAxes() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (layout == null || w <= 0 || h <= 0) {
            return;
        }
        g.setFont(Font.font(11));
        g.setLineWidth(1);
        double left = ScatterLayout.LEFT;
        double top = ScatterLayout.TOP;
        double right = left + layout.plotWidth();
        double bottom = top + layout.plotHeight();
        g.setFill(AXIS);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double t : layout.x().ticks()) {
            double px = layout.toScreenX(t);
            g.setStroke(GRID);
            g.strokeLine(px, top, px, bottom);
            g.fillText(layout.x().label(t), px, bottom + 3);
        }
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double t : layout.y().ticks()) {
            double py = layout.toScreenY(t);
            g.setStroke(GRID);
            g.strokeLine(left, py, right, py);
            g.fillText(layout.y().label(t), left - 4, py);
        }
        g.setStroke(AXIS);
        g.strokeRect(left, top, right - left, bottom - top);
        double lo = Math.max(layout.x().min(), layout.y().min());
        double hi = Math.min(layout.x().max(), layout.y().max());
        if (lo < hi) { // equal scores
            g.setLineDashes(4, 4);
            g.strokeLine(layout.toScreenX(lo), layout.toScreenY(lo), layout.toScreenX(hi), layout.toScreenY(hi));
            g.setLineDashes();
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.BOTTOM);
        g.fillText(xLabel.get(), (left + right) / 2, h - 1);
        g.save();
        g.translate(11, (top + bottom) / 2);
        g.rotate(-90);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(yLabel.get(), 0, 0);
        g.restore();
    }

    /** The rings of the hovered and the selected dot. */
    private void drawMarks() {
        GraphicsContext g = marks.getGraphicsContext2D();
        g.clearRect(0, 0, marks.getWidth(), marks.getHeight());
        if (layout == null) {
            return;
        }
        int selected = -1;
        for (int i = 0; i < layout.size() && selectedDoc != null; i++) {
            if (layout.point(i).docId().equals(selectedDoc)) {
                selected = i;
            }
        }
        double r = ScatterLayout.RADIUS;
        g.setStroke(SELECTED);
        g.setLineWidth(2);
        for (int i : new int[] {hovered, selected}) {
            if (i >= 0) {
                g.strokeOval(layout.screenX(i) - r - 2, layout.screenY(i) - r - 2, 2 * r + 4, 2 * r + 4);
            }
        }
    }

    private void hover(MouseEvent e) {
        int i = layout == null ? -1 : layout.pick(e.getX(), e.getY());
        if (i == hovered) {
            return;
        }
        hovered = i;
        drawMarks();
        if (i < 0) {
            unhover();
            return;
        }
        ComparisonViewModel.Point p = layout.point(i);
        tooltip.setText(String.format(Locale.US, "%s\n%s %.4f · %s %.4f", p.docId(), xLabel.get(), p.a(), yLabel.get(),
                p.b()));
        Tooltip.install(marks, tooltip);
    }

    private void unhover() {
        if (hovered >= 0) {
            hovered = -1;
            drawMarks();
        }
        Tooltip.uninstall(marks, tooltip);
    }
}
