package org.relevanceworkbench.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds labels the window shows cut. A {@link Labeled}'s skin draws its text through one {@link Text} child, and
 * when the text does not fit, that child holds the clipped string with its ellipsis ("Ass…") instead of the
 * label's own text. Comparing the two is exact: it needs no font metrics and no pixels.
 *
 * <p>Text that is long by nature (a title, a snippet, a document id), in a cell styled
 * {@value TableCells#LONG_TEXT} with its full text as a tooltip, may be cut; nothing else may.
 *
 * <p>Only what a person can see counts: nodes that are invisible, or inside an invisible parent (the unselected
 * tabs' content, a collapsed pane), are skipped. Call on the FX thread after the window has been shown.
 */
final class CutLabels {
    private CutLabels() {
    }

    /**
     * The cut labels of {@code scene}, each as {@code Type "full text" shown as "cut text"} (and {@code #id} when it
     * has one); empty when none.
     */
    static List<String> in(Scene scene) {
        return in(scene.getRoot());
    }

    /** The cut labels of one part of a window, such as a tab's content: as {@link #in(Scene)}. */
    static List<String> in(Parent part) {
        Parent root = part.getScene() == null ? part : part.getScene().getRoot();
        root.applyCss();
        root.layout();
        List<String> cut = new ArrayList<>();
        visit(part, cut);
        return cut;
    }

    private static void visit(Node node, List<String> cut) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled labeled && !node.getStyleClass().contains(TableCells.LONG_TEXT)) {
            String full = labeled.isMnemonicParsing() ? withoutMnemonic(labeled.getText()) : labeled.getText();
            Text shown = shownText(labeled);
            if (full != null && !full.isBlank() && shown != null && !full.equals(shown.getText())) {
                cut.add(labeled.getClass().getSimpleName() + " \"" + full + "\" shown as \"" + shown.getText() + "\""
                        + (labeled.getId() == null ? "" : " #" + labeled.getId()));
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                visit(child, cut);
            }
        }
    }

    /**
     * The text as a label with mnemonic parsing draws it: "_File" is drawn "File" (F underlined, for Alt+F), "__"
     * is drawn "_". Menus parse mnemonics by default, and without this every menu title would read as cut.
     */
    private static String withoutMnemonic(String text) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf('_');
        while (at >= 0 && at + 1 < text.length() && text.charAt(at + 1) == '_') {
            at = text.indexOf('_', at + 2);
        }
        String drawn = at >= 0 && at + 1 < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
        return drawn.replace("__", "_");
    }

    /** The skin's text node of {@code labeled}: its direct {@link Text} child, or null before a skin exists. */
    private static Text shownText(Labeled labeled) {
        for (Node child : labeled.getChildrenUnmodifiable()) {
            if (child instanceof Text text) {
                return text;
            }
        }
        return null;
    }
}
