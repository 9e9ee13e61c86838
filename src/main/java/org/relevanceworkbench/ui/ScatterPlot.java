package org.relevanceworkbench.ui;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;

/**
 * The comparison's scatter of score under A against score under B, drawn on one Canvas rather than as a node per dot,
 * so that 10,000 documents redraw in milliseconds. The dot under the pointer (found through {@link ScatterLayout}'s
 * grid) gets a tooltip with its id and both scores, a click selects its row, and the selected document is ringed. The
 * diagonal marks equal scores: dots below it lost under B, dots above it gained.
 */
public final class ScatterPlot extends Region {
    private static final Color DOT = Color.web("#e4572e", 0.75);
    private static final Color SELECTED = Color.web("#1f6feb");
    private static final Color AXIS = Color.web("#8a8f98");
    private static final Color GRID = Color.web("#8a8f98", 0.25);
    /** Above this many dots, each is a square (cheaper to render than an oval, alike at that density). */
    static final int SQUARES_FROM = 2_000;

    private final Canvas canvas = new Canvas();
    private final StringProperty xLabel = new SimpleStringProperty("A");
    private final StringProperty yLabel = new SimpleStringProperty("B");
    private final Tooltip tooltip = new Tooltip();
    private List<ComparisonViewModel.Point> points = List.of();
    private ScatterLayout layout;
    private String selectedDoc;
    private Consumer<String> onPick = doc -> { };
    private int hovered = -1;

    public ScatterPlot() {
        getStyleClass().add("scatter-plot");
        getChildren().add(canvas);
        setMinSize(120, 100);
        setPrefSize(320, 240);
        tooltip.setShowDelay(Duration.millis(120));
        tooltip.setHideDelay(Duration.millis(100));
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::hover);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> unhover());
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            int i = layout == null ? -1 : layout.pick(e.getX(), e.getY());
            if (i >= 0) {
                onPick.accept(layout.point(i).docId());
            }
        });
        xLabel.addListener((obs, old, now) -> draw());
        yLabel.addListener((obs, old, now) -> draw());
    }

    /** Replaces the dots and redraws. */
    public void setPoints(List<ComparisonViewModel.Point> next) {
        points = List.copyOf(next);
        relayout();
    }

    /** Rings this document's dot (null: none). */
    public void select(String docId) {
        selectedDoc = docId;
        draw();
    }

    /** The document ringed as selected, or null. */
    public String selected() {
        return selectedDoc;
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
            relayout();
        }
    }

    private void relayout() {
        layout = new ScatterLayout(points, canvas.getWidth(), canvas.getHeight());
        hovered = -1;
        draw();
    }

    private void draw() {
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
        double r = ScatterLayout.RADIUS;
        g.setFill(DOT);
        int selected = -1;
        // Many dots are drawn as squares: a software renderer (Xvfb, no GPU) takes ~60 ms more per frame for 10,000
        // antialiased ovals (bench ui), which is how long the window stands still while a run streams in.
        boolean squares = layout.size() > SQUARES_FROM;
        for (int i = 0; i < layout.size(); i++) {
            if (squares) {
                g.fillRect(layout.screenX(i) - r, layout.screenY(i) - r, 2 * r, 2 * r);
            } else {
                g.fillOval(layout.screenX(i) - r, layout.screenY(i) - r, 2 * r, 2 * r);
            }
            if (layout.point(i).docId().equals(selectedDoc)) {
                selected = i;
            }
        }
        for (int i : new int[] {hovered, selected}) {
            if (i >= 0) {
                g.setStroke(SELECTED);
                g.setLineWidth(2);
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
        draw();
        if (i < 0) {
            unhover();
            return;
        }
        ComparisonViewModel.Point p = layout.point(i);
        tooltip.setText(String.format(Locale.US, "%s\n%s %.4f · %s %.4f", p.docId(), xLabel.get(), p.a(), yLabel.get(),
                p.b()));
        Tooltip.install(canvas, tooltip);
    }

    private void unhover() {
        if (hovered >= 0) {
            hovered = -1;
            draw();
        }
        Tooltip.uninstall(canvas, tooltip);
    }
}
