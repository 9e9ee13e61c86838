package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import javafx.util.Duration;
import org.relevanceworkbench.attribution.DeltaColors;

/**
 * The attribution heat map (documents × clauses, Δ coloured on {@link DeltaColors}' diverging scale) drawn on one
 * Canvas rather than as a node per cell, with the column headers, the p_full column and the summary rows; rows and
 * cells scroll, and only what is in view is drawn. The cell under the pointer (found by {@link HeatMapLayout}) gets a
 * tooltip with document, clause, both scores and Δ; a header's tooltip holds its clause in full. A click on a cell
 * selects it, on a header sorts by it (again: the other way), a right-click on a clause's column offers to make a
 * variant of it. Arrow keys move the selection. {@link #figure} draws the same map, all rows, for a PNG.
 */
public final class HeatMapView extends Region {
    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = Color.web("#24292f");
    static final Color MUTED = Color.web("#57606a");
    static final Color LINE = Color.web("#d0d7de");
    static final Color BAND = Color.web("#f6f8fa");
    static final Color SELECTED_ROW = Color.web("#ddf4ff");
    static final Color SELECTED = Color.web("#0969da");
    static final Font FONT = Font.font("System", 12);
    static final Font SMALL = Font.font("System", 11);
    static final Font BOLD = Font.font("System", FontWeight.BOLD, 12);
    private static final Text MEASURE = new Text();

    /** Hears a click on a cell (column -1: on the document's id or p_full). */
    public interface SelectListener {
        void selected(String docId, int column);
    }

    /** Hears "make a variant of this column": the clause without (alone false) or alone. */
    public interface WhatIfListener {
        void makeVariant(int clause, boolean alone);
    }

    private final Canvas canvas = new Canvas();
    private final ScrollBar vertical = new ScrollBar();
    private final ScrollBar horizontal = new ScrollBar();
    private final Tooltip tooltip = new Tooltip();
    private final ContextMenu menu = new ContextMenu();
    private AttributionHeatMap map;
    private HeatMapLayout layout = new HeatMapLayout(0, 0, 0, 0, 0, 0, 0, 0);
    private double labelWidth = 80;
    private String selectedDoc;
    private int selectedColumn = -1;
    private HeatMapLayout.Hit hovered = HeatMapLayout.Hit.NONE;
    private SelectListener onSelect = (doc, column) -> { };
    private IntConsumer onSort = column -> { };
    private WhatIfListener onWhatIf = (clause, alone) -> { };

    public HeatMapView() {
        getStyleClass().add("heat-map");
        vertical.setOrientation(Orientation.VERTICAL);
        horizontal.setOrientation(Orientation.HORIZONTAL);
        getChildren().addAll(canvas, vertical, horizontal);
        setMinSize(160, 120);
        setPrefSize(520, 360);
        setFocusTraversable(true);
        tooltip.setShowDelay(Duration.millis(150));
        tooltip.setHideDelay(Duration.millis(100));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(460);
        vertical.valueProperty().addListener((obs, old, now) -> relayout());
        horizontal.valueProperty().addListener((obs, old, now) -> relayout());
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, e -> hover(e.getX(), e.getY()));
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> hover(-1, -1));
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, this::click);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::contextMenu);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            boolean sideways = e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY());
            ScrollBar bar = sideways ? horizontal : vertical;
            bar.setValue(Math.max(bar.getMin(), Math.min(bar.getMax(), bar.getValue() - wheel(e, sideways))));
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
    }

    /** How far a wheel event scrolls, in pixels: a line of the wheel is a row (or a cell), a page a viewport. */
    private double wheel(ScrollEvent e, boolean sideways) {
        ScrollEvent.HorizontalTextScrollUnits xUnits = e.getTextDeltaXUnits();
        ScrollEvent.VerticalTextScrollUnits yUnits = e.getTextDeltaYUnits();
        if (sideways) {
            double shifted = e.isShiftDown() && e.getDeltaX() == 0 ? e.getDeltaY() : e.getDeltaX();
            return xUnits == ScrollEvent.HorizontalTextScrollUnits.CHARACTERS && !e.isShiftDown()
                    ? e.getTextDeltaX() * layout.cell() / 2 : shifted;
        }
        return switch (yUnits) {
            case LINES -> e.getTextDeltaY() * HeatMapLayout.ROW;
            case PAGES -> e.getTextDeltaY() * layout.bodyViewport();
            case NONE -> e.getDeltaY();
        };
    }

    /** Shows a heat map (null: none), keeping the selection when its document is still there. */
    public void setMap(AttributionHeatMap next) {
        boolean sameShape = map != null && next != null && map.attribution() == next.attribution();
        map = next;
        labelWidth = next == null ? 80 : labelWidth(next);
        if (!sameShape) {
            vertical.setValue(0);
            horizontal.setValue(0);
            hovered = HeatMapLayout.Hit.NONE;
        }
        requestLayout();
        relayout();
    }

    public AttributionHeatMap getMap() {
        return map;
    }

    /** Marks a cell as selected (column -1: the row only; null: nothing) and scrolls it into view. */
    public void select(String docId, int column) {
        selectedDoc = docId;
        selectedColumn = column;
        int row = map == null || docId == null ? -1 : map.rowOf(docId);
        if (row >= 0) {
            double to = layout.scrollYToShow(row);
            if (to != vertical.getValue()) {
                vertical.setValue(to);
            }
        }
        draw();
    }

    public void setOnSelect(SelectListener listener) {
        onSelect = listener == null ? (doc, column) -> { } : listener;
    }

    /** Hears a click on a header: a column index, {@link AttributionHeatMap#P_FULL} or {@link AttributionHeatMap#DOCUMENT}. */
    public void setOnSort(IntConsumer listener) {
        onSort = listener == null ? column -> { } : listener;
    }

    public void setOnWhatIf(WhatIfListener listener) {
        onWhatIf = listener == null ? (clause, alone) -> { } : listener;
    }

    /** The current geometry (for tests: where a cell is). */
    HeatMapLayout geometry() {
        return layout;
    }

    /** The canvas everything is drawn on. */
    Canvas canvas() {
        return canvas;
    }

    private static double labelWidth(AttributionHeatMap map) {
        double widest = textWidth("document", BOLD) + 16;
        for (int r = 0; r < map.rows(); r++) {
            widest = Math.max(widest, textWidth(map.row(r).docId(), FONT) + 14);
        }
        return Math.min(170, Math.ceil(widest));
    }

    static double textWidth(String text, Font font) {
        MEASURE.setFont(font);
        MEASURE.setText(text);
        return MEASURE.getLayoutBounds().getWidth();
    }

    /** The text cut with an ellipsis to fit {@code width}. */
    static String fit(String text, Font font, double width) {
        if (textWidth(text, font) <= width) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) { // the longest prefix that fits with "…"
            int mid = (lo + hi + 1) / 2;
            if (textWidth(text.substring(0, mid) + "…", font) <= width) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : text.substring(0, lo) + "…";
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        int rows = map == null ? 0 : map.rows();
        int columns = map == null ? 0 : map.columnCount();
        int summaries = map == null ? 0 : map.summaries().size();
        double bar = 12;
        boolean needV = false;
        boolean needH = false;
        for (int pass = 0; pass < 2; pass++) { // a bar for one axis can make the other one's needed
            HeatMapLayout probe = new HeatMapLayout(rows, columns, summaries, labelWidth, w - (needV ? bar : 0),
                    h - (needH ? bar : 0), 0, 0);
            needV = probe.maxScrollY() > 0;
            needH = probe.maxScrollX() > 0;
        }
        double cw = Math.max(0, w - (needV ? bar : 0));
        double ch = Math.max(0, h - (needH ? bar : 0));
        canvas.setWidth(cw);
        canvas.setHeight(ch);
        vertical.setVisible(needV);
        horizontal.setVisible(needH);
        vertical.resizeRelocate(cw, 0, bar, ch);
        horizontal.resizeRelocate(0, ch, cw, bar);
        HeatMapLayout probe = new HeatMapLayout(rows, columns, summaries, labelWidth, cw, ch, 0, 0);
        vertical.setMax(probe.maxScrollY());
        vertical.setVisibleAmount(Math.max(1, probe.bodyViewport() * probe.maxScrollY()
                / Math.max(1, rows * HeatMapLayout.ROW)));
        vertical.setUnitIncrement(HeatMapLayout.ROW);
        vertical.setBlockIncrement(Math.max(HeatMapLayout.ROW, probe.bodyViewport() - HeatMapLayout.ROW));
        horizontal.setMax(probe.maxScrollX());
        horizontal.setVisibleAmount(Math.max(1, probe.gridViewport() * probe.maxScrollX()
                / Math.max(1, probe.gridWidth())));
        horizontal.setUnitIncrement(probe.cell());
        horizontal.setBlockIncrement(Math.max(probe.cell(), probe.gridViewport() - probe.cell()));
        relayout();
    }

    private void relayout() {
        int rows = map == null ? 0 : map.rows();
        int columns = map == null ? 0 : map.columnCount();
        int summaries = map == null ? 0 : map.summaries().size();
        layout = new HeatMapLayout(rows, columns, summaries, labelWidth, canvas.getWidth(), canvas.getHeight(),
                horizontal.getValue(), vertical.getValue());
        draw();
    }

    /** Redraws what is in view. */
    void draw() {
        paint(canvas.getGraphicsContext2D(), map, layout, selectedDoc, selectedColumn, hovered);
    }

    private void hover(double x, double y) {
        HeatMapLayout.Hit hit = map == null || x < 0 ? HeatMapLayout.Hit.NONE : layout.hit(x, y);
        if (hit.equals(hovered)) {
            return;
        }
        boolean redraw = hit.area() == HeatMapLayout.Area.CELL || hovered.area() == HeatMapLayout.Area.CELL;
        hovered = hit;
        if (redraw) {
            draw();
        }
        String text = tooltipText(hit);
        if (text == null) {
            Tooltip.uninstall(canvas, tooltip);
        } else {
            tooltip.setText(text);
            Tooltip.install(canvas, tooltip);
        }
    }

    /** What the tooltip says over a part of the map; null for nothing. */
    String tooltipText(HeatMapLayout.Hit hit) {
        if (map == null) {
            return null;
        }
        return switch (hit.area()) {
            case CELL -> map.cellTooltip(hit.row(), hit.column());
            case COLUMN_HEADER -> map.headerTooltip(hit.column());
            case DOCUMENT, P_FULL -> map.rowTooltip(hit.row());
            case SUMMARY -> map.summaries().get(hit.row()).label() + " " + map.summaryText(
                    map.summaries().get(hit.row()), hit.column()) + " · " + map.column(hit.column()).name() + "\n"
                    + map.summaries().get(hit.row()).explanation();
            case SUMMARY_LABEL -> map.summaries().get(hit.row()).explanation();
            case P_FULL_HEADER -> (map.probabilities() ? "p_full: p(true)" : "BM25_full: the BM25 score")
                    + " with the whole instruction. Click to sort by it.";
            case DOCUMENT_HEADER -> "Click to sort by document id.";
            case NONE -> null;
        };
    }

    private void click(MouseEvent e) {
        if (map != null && e.getButton() == MouseButton.SECONDARY) {
            showMenu(layout.hit(e.getX(), e.getY()).column(), e.getScreenX(), e.getScreenY());
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY || map == null) {
            return;
        }
        requestFocus();
        HeatMapLayout.Hit hit = layout.hit(e.getX(), e.getY());
        switch (hit.area()) {
            case CELL -> onSelect.selected(map.row(hit.row()).docId(), hit.column());
            case DOCUMENT, P_FULL -> onSelect.selected(map.row(hit.row()).docId(), -1);
            case COLUMN_HEADER -> onSort.accept(hit.column());
            case P_FULL_HEADER -> onSort.accept(AttributionHeatMap.P_FULL);
            case DOCUMENT_HEADER -> onSort.accept(AttributionHeatMap.DOCUMENT);
            default -> { }
        }
    }

    /** The menu key (a right-click is a click): the what-if menu of the selected cell's column. */
    private void contextMenu(ContextMenuEvent e) {
        if (map != null && e.isKeyboardTrigger()) {
            showMenu(selectedColumn, e.getScreenX(), e.getScreenY());
        }
        e.consume();
    }

    private void showMenu(int column, double screenX, double screenY) {
        if (column < 0 || column >= map.columnCount()) {
            return;
        }
        menu.getItems().setAll(whatIfItems(map.column(column)));
        if (!menu.getItems().isEmpty()) {
            menu.show(canvas, screenX, screenY);
        }
    }

    /** "Make variant: without clause K…" and "… clause K alone…" for a clause's column; nothing for the query's. */
    List<MenuItem> whatIfItems(AttributionHeatMap.Column column) {
        List<MenuItem> items = new ArrayList<>();
        if (column.clause() < 0) {
            return items;
        }
        int k = column.clause();
        MenuItem without = new MenuItem("Make variant: without clause " + (k + 1) + "…");
        without.setOnAction(a -> onWhatIf.makeVariant(k, false));
        MenuItem alone = new MenuItem("Make variant: clause " + (k + 1) + " alone…");
        alone.setOnAction(a -> onWhatIf.makeVariant(k, true));
        items.add(without);
        items.add(alone);
        return items;
    }

    private void key(KeyEvent e) {
        if (map == null || map.rows() == 0) {
            return;
        }
        int row = selectedDoc == null ? -1 : map.rowOf(selectedDoc);
        int column = selectedColumn;
        switch (e.getCode()) {
            case DOWN -> row = Math.min(map.rows() - 1, row + 1);
            case UP -> row = Math.max(0, row - 1);
            case RIGHT -> column = Math.min(map.columnCount() - 1, column + 1);
            case LEFT -> column = Math.max(-1, column - 1);
            default -> {
                return;
            }
        }
        e.consume();
        onSelect.selected(map.row(Math.max(0, row)).docId(), column);
    }

    /** Draws the map as the layout places it: background, rows in view, headers, summary rows. */
    static void paint(GraphicsContext g, AttributionHeatMap map, HeatMapLayout l, String selectedDoc,
            int selectedColumn, HeatMapLayout.Hit hover) {
        g.setFill(BACKGROUND);
        g.fillRect(0, 0, l.width(), l.height());
        if (map == null) {
            return;
        }
        double row = HeatMapLayout.ROW;
        double cell = l.cell();
        double gridLeft = l.gridLeft();
        double right = l.right();
        g.setTextBaseline(VPos.CENTER);
        g.setLineWidth(1);
        int first = l.firstRow();
        int last = l.lastRow();
        int firstColumn = l.firstColumn();
        int lastColumn = l.lastColumn();
        boolean numbers = cell >= HeatMapLayout.TEXT_CELL;

        g.save(); // the rows: ids and p_full (they scroll vertically only)
        clip(g, 0, HeatMapLayout.HEADER, right, l.bodyHeight());
        for (int r = first; r <= last; r++) {
            double y = l.rowY(r);
            boolean selected = map.row(r).docId().equals(selectedDoc);
            if (selected || r % 2 == 1) {
                g.setFill(selected ? SELECTED_ROW : BAND);
                g.fillRect(0, y, gridLeft, row);
            }
            g.setFill(TEXT);
            g.setFont(selected ? BOLD : FONT);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(fit(map.row(r).docId(), g.getFont(), l.labelWidth() - 12), 6, y + row / 2);
            g.setFont(FONT);
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(map.pFullText(r), gridLeft - 8, y + row / 2);
        }
        g.restore();

        g.save(); // the cells (they scroll both ways)
        clip(g, gridLeft, HeatMapLayout.HEADER, Math.max(0, right - gridLeft), l.bodyHeight());
        g.setFont(SMALL);
        g.setTextAlign(TextAlignment.CENTER);
        for (int r = first; r <= last; r++) {
            double y = l.rowY(r);
            for (int c = firstColumn; c <= lastColumn; c++) {
                double x = l.cellX(c);
                int rgb = map.rgb(r, c);
                g.setFill(rgb(rgb));
                g.fillRect(x, y, cell - 1, row - 1);
                if (numbers) {
                    g.setFill(dark(rgb) ? Color.WHITE : TEXT);
                    g.fillText(map.cellText(r, c), x + (cell - 1) / 2, y + row / 2);
                }
            }
        }
        if (hover.area() == HeatMapLayout.Area.CELL && hover.row() >= first && hover.row() <= last) {
            g.setStroke(TEXT);
            g.setLineWidth(1);
            g.strokeRect(l.cellX(hover.column()) + 0.5, l.rowY(hover.row()) + 0.5, cell - 2, row - 2);
        }
        int selectedRow = selectedDoc == null ? -1 : map.rowOf(selectedDoc);
        if (selectedRow >= 0 && selectedColumn >= 0 && selectedColumn < map.columnCount()) {
            g.setStroke(SELECTED);
            g.setLineWidth(2.5);
            g.strokeRect(l.cellX(selectedColumn) + 0.5, l.rowY(selectedRow) + 0.5, cell - 2, row - 2);
            g.setLineWidth(1);
        }
        g.restore();

        // The headers (they scroll horizontally with the cells).
        g.setFill(BAND);
        g.fillRect(0, 0, right, HeatMapLayout.HEADER);
        AttributionHeatMap.Sort sort = map.sort();
        g.setFill(TEXT);
        g.setFont(BOLD);
        g.setTextAlign(TextAlignment.LEFT);
        double mid = HeatMapLayout.HEADER / 2;
        g.fillText("document" + arrow(sort, AttributionHeatMap.DOCUMENT), 6, mid);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText((map.probabilities() ? "p_full" : "BM25") + arrow(sort, AttributionHeatMap.P_FULL), gridLeft - 8, mid);
        g.save();
        clip(g, gridLeft, 0, Math.max(0, right - gridLeft), HeatMapLayout.HEADER);
        g.setTextAlign(TextAlignment.CENTER);
        for (int c = firstColumn; c <= lastColumn; c++) {
            AttributionHeatMap.Column column = map.column(c);
            String text = column.header() + arrow(sort, c);
            Font font = c == sort.column() ? BOLD : FONT;
            if (textWidth(text, font) > cell - 4) {
                text = shortHeader(column) + arrow(sort, c);
            }
            g.setFont(font);
            g.setFill(column.kind() == AttributionHeatMap.Kind.WITHOUT ? TEXT : MUTED);
            g.fillText(fit(text, font, cell - 2), l.cellX(c) + (cell - 1) / 2, mid);
        }
        g.restore();
        g.setStroke(LINE);
        g.strokeLine(0, HeatMapLayout.HEADER - 0.5, right, HeatMapLayout.HEADER - 0.5);

        // The summary rows under the documents.
        double top = l.summaryTop();
        List<AttributionHeatMap.Summary> summaries = map.summaries();
        g.setFill(BAND);
        g.fillRect(0, top, right, summaries.size() * HeatMapLayout.SUMMARY_ROW);
        g.setStroke(LINE);
        g.strokeLine(0, top + 0.5, right, top + 0.5);
        for (int s = 0; s < summaries.size(); s++) {
            double y = l.summaryY(s) + HeatMapLayout.SUMMARY_ROW / 2;
            g.setFill(MUTED);
            g.setFont(SMALL);
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(summaries.get(s).label(), 6, y);
            g.save();
            clip(g, gridLeft, top, Math.max(0, right - gridLeft), summaries.size() * HeatMapLayout.SUMMARY_ROW);
            g.setFill(TEXT);
            g.setTextAlign(TextAlignment.CENTER);
            for (int c = firstColumn; c <= lastColumn; c++) {
                g.fillText(fit(map.summaryText(summaries.get(s), c), SMALL, cell - 2), l.cellX(c) + (cell - 1) / 2, y);
            }
            g.restore();
        }
        g.setStroke(LINE);
        g.strokeLine(gridLeft - 0.5, 0, gridLeft - 0.5, l.bottom());
    }

    private static void clip(GraphicsContext g, double x, double y, double w, double h) {
        g.beginPath();
        g.rect(x, y, w, h);
        g.closePath();
        g.clip();
    }

    private static String arrow(AttributionHeatMap.Sort sort, int column) {
        return sort.column() != column ? "" : sort.descending() ? " ▼" : " ▲";
    }

    /** A header that fits a narrow cell: the clause number, "Q" for the query alone, "2a" for clause 2 alone. */
    private static String shortHeader(AttributionHeatMap.Column c) {
        return switch (c.kind()) {
            case WITHOUT -> Integer.toString(c.clause() + 1);
            case QUERY_ALONE -> "Q";
            case ALONE -> (c.clause() + 1) + "a";
        };
    }

    static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }

    /** Whether white text reads better than dark on this colour. */
    static boolean dark(int rgb) {
        double luminance = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
        return luminance < 140;
    }

    /** Pixels of an image, 0xAARRGGBB row by row. */
    public record Pixels(int width, int height, int[] argb) {
    }

    /** A figure's cells are this wide, so that each shows its Δ. */
    static final double FIGURE_CELL = 54;
    private static final double FIGURE_PAD = 16;
    private static final double TITLE = 40;
    private static final double LEGEND = 46;
    private static final double CLAUSE_LINE = 16;
    /** The tallest strip rendered at once (a texture the size of a 2× map of hundreds of rows is too big). */
    private static final int TILE = 2048;
    /** The most pixels a figure may have (about 160 MB of ARGB). */
    private static final long MAX_PIXELS = 40_000_000L;

    /**
     * The whole heat map as an image for papers and slides: a title, every row (no scrolling), the headers, the
     * summary rows, the colour scale and the clauses' texts, at {@code scale} (2 for a sharp figure; less when the
     * picture would pass {@link #MAX_PIXELS}). Drawn off-screen in strips on the FX thread.
     */
    static Pixels figure(AttributionHeatMap map, String title, String subtitle, double scale) {
        double label = labelWidth(map);
        int columns = map.columnCount();
        double mapWidth = HeatMapLayout.naturalWidth(columns, label, FIGURE_CELL);
        double width = Math.max(mapWidth, 560) + 2 * FIGURE_PAD;
        List<String> clauseLines = clauseLines(map, width - 2 * FIGURE_PAD);
        double mapHeight = HeatMapLayout.naturalHeight(map.rows(), map.summaries().size());
        double height = FIGURE_PAD + TITLE + mapHeight + LEGEND + clauseLines.size() * CLAUSE_LINE + FIGURE_PAD;
        double s = scale;
        while (s > 1 && (long) Math.ceil(width * s) * (long) Math.ceil(height * s) > MAX_PIXELS) {
            s -= 0.5;
        }
        int w = (int) Math.ceil(width * s);
        int h = (int) Math.ceil(height * s);
        if ((long) w * h > MAX_PIXELS) {
            throw new org.relevanceworkbench.common.UserException("the heat map of " + map.rows()
                    + " documents is too tall for one image; export the table instead");
        }
        HeatMapLayout layout = new HeatMapLayout(map.rows(), columns, map.summaries().size(), label,
                HeatMapLayout.naturalWidth(columns, label, FIGURE_CELL), mapHeight, 0, 0);
        int[] argb = new int[w * h];
        Canvas strip = new Canvas(w, Math.min(TILE, h));
        GraphicsContext g = strip.getGraphicsContext2D();
        SnapshotParameters params = new SnapshotParameters();
        params.setFill(Color.WHITE);
        for (int y0 = 0; y0 < h; y0 += TILE) {
            int rows = Math.min(TILE, h - y0);
            g.setTransform(1, 0, 0, 1, 0, 0);
            g.setFill(BACKGROUND);
            g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
            g.translate(0, -y0);
            g.scale(s, s);
            paintFigure(g, map, layout, title, subtitle, width, clauseLines);
            WritableImage image = strip.snapshot(params, null);
            image.getPixelReader().getPixels(0, 0, w, rows, PixelFormat.getIntArgbInstance(), argb, y0 * w, w);
        }
        return new Pixels(w, h, argb);
    }

    private static void paintFigure(GraphicsContext g, AttributionHeatMap map, HeatMapLayout layout, String title,
            String subtitle, double width, List<String> clauseLines) {
        double x = FIGURE_PAD;
        double y = FIGURE_PAD;
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(TEXT);
        Font titleFont = Font.font("System", FontWeight.BOLD, 14);
        g.setFont(titleFont);
        g.fillText(fit(title, titleFont, width - 2 * FIGURE_PAD), x, y);
        g.setFill(MUTED);
        g.setFont(SMALL);
        g.fillText(fit(subtitle, SMALL, width - 2 * FIGURE_PAD), x, y + 20);
        g.save();
        g.translate(x, y + TITLE);
        paint(g, map, layout, null, -1, HeatMapLayout.Hit.NONE);
        g.restore();
        double legendTop = y + TITLE + layout.height() + 12;
        paintLegend(g, map, x, legendTop, width - 2 * FIGURE_PAD);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFont(SMALL);
        g.setFill(TEXT);
        double lineTop = legendTop + LEGEND - 8;
        for (String line : clauseLines) {
            g.fillText(line, x, lineTop);
            lineTop += CLAUSE_LINE;
        }
    }

    /** The colour scale: a bar from −range to +range and what the colours mean. */
    private static void paintLegend(GraphicsContext g, AttributionHeatMap map, double x, double y, double width) {
        double barWidth = 180;
        int steps = 90;
        for (int i = 0; i < steps; i++) {
            double delta = (i + 0.5) / steps * 2 * map.range() - map.range();
            g.setFill(rgb(DeltaColors.rgb(delta, map.range())));
            g.fillRect(x + i * barWidth / steps, y, barWidth / steps + 0.5, 10);
        }
        g.setStroke(LINE);
        g.strokeRect(x + 0.5, y + 0.5, barWidth - 1, 9);
        g.setFill(MUTED);
        g.setFont(SMALL);
        g.setTextBaseline(VPos.TOP);
        String r = map.probabilities() ? String.format(Locale.US, "%.0f", map.range())
                : String.format(Locale.US, "%s", trim(map.range()));
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("−" + r, x, y + 12);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText("0", x + barWidth / 2, y + 12);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText("+" + r, x + barWidth, y + 12);
        g.setTextAlign(TextAlignment.LEFT);
        g.setTextBaseline(VPos.CENTER);
        String p = map.probabilities() ? "p" : "BM25";
        g.fillText(fit("Δ" + (map.probabilities() ? "p" : "") + " = " + p + "(without) − " + p + "(full)",
                SMALL, width - barWidth - 12), x + barWidth + 12, y + 5);
        g.fillText(fit("red: the score leans on the clause; blue: the clause holds it down", SMALL,
                width - barWidth - 12), x + barWidth + 12, y + 19);
    }

    private static String trim(double v) {
        String s = String.format(Locale.US, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The clauses' texts, "1  …", wrapped to the figure's width. */
    private static List<String> clauseLines(AttributionHeatMap map, double width) {
        List<String> out = new ArrayList<>();
        for (AttributionHeatMap.Column c : map.columns()) {
            if (c.kind() != AttributionHeatMap.Kind.WITHOUT) {
                continue;
            }
            String line = (c.clause() + 1) + "  ";
            boolean empty = true;
            for (String word : c.text().split("\\s+")) {
                String next = empty ? line + word : line + " " + word;
                if (!empty && textWidth(next, SMALL) > width) {
                    out.add(line);
                    line = "     " + word;
                } else {
                    line = next;
                }
                empty = false;
            }
            out.add(line);
        }
        return out;
    }
}
