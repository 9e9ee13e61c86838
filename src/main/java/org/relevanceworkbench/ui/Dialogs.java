package org.relevanceworkbench.ui;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.TextArea;
import javafx.stage.Window;

/** Error and report dialogs: a one-line cause in front, details (a stack trace, every bad line) folded away. */
public final class Dialogs {
    private Dialogs() {
    }

    /** An error: its one-line message; for unexpected failures the stack trace under "Show details". */
    public static Alert error(Window owner, String message, Throwable failure) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(null);
        alert.initOwner(owner);
        if (failure != null) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            alert.getDialogPane().setExpandableContent(details(trace.toString()));
        }
        return alert;
    }

    /** An import's summary with each skipped record's file:line reason listed below. */
    public static Alert importReport(Window owner, String summary, List<String> problems) {
        Alert alert = new Alert(problems.isEmpty() ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING, summary);
        alert.setHeaderText(problems.isEmpty() ? "Import finished" : "Import finished, some records were skipped");
        alert.initOwner(owner);
        if (!problems.isEmpty()) {
            TextArea list = details(String.join("\n", problems));
            list.setId("importProblems");
            alert.getDialogPane().setExpandableContent(list);
            alert.getDialogPane().setExpanded(true);
        }
        return alert;
    }

    private static TextArea details(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(false);
        area.setPrefRowCount(14);
        return area;
    }
}
