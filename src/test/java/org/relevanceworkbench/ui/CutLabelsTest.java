package org.relevanceworkbench.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The cut-label check itself: it must see an ellipsis a person would see, and nothing else (not a mnemonic). */
@ExtendWith(ApplicationExtension.class)
class CutLabelsTest {
    private Label squeezed;
    private Button hiddenButton;
    private HBox row;

    @Start
    void start(Stage stage) {
        squeezed = new Label("Assessor and variant");
        squeezed.setMinWidth(10);
        squeezed.setPrefWidth(40);
        squeezed.setMaxWidth(40);
        Label fits = new Label("OK");
        hiddenButton = new Button("A long hidden button text");
        hiddenButton.setMaxWidth(30);
        hiddenButton.setVisible(false);
        Label mnemonic = new Label("_Open"); // drawn "Open", as menus draw "_File": not cut
        mnemonic.setMnemonicParsing(true);
        row = new HBox(8, squeezed, fits, mnemonic, hiddenButton);
        stage.setScene(new Scene(row, 400, 60));
        stage.sizeToScene();
        stage.show();
    }

    @Test
    void reportsTheLabelShownWithAnEllipsisAndNoOther() throws Exception {
        List<String> cut = WaitForAsyncUtils.asyncFx(() -> CutLabels.in(row.getScene())).get();
        assertEquals(1, cut.size(), cut.toString());
        assertTrue(cut.get(0).startsWith("Label \"Assessor and variant\" shown as \""), cut.get(0));
    }

    @Test
    void aLabelGivenRoomIsNoLongerReported() throws Exception {
        List<String> cut = WaitForAsyncUtils.asyncFx(() -> {
            squeezed.setMaxWidth(Double.MAX_VALUE);
            squeezed.setPrefWidth(Label.USE_COMPUTED_SIZE);
            return CutLabels.in(row.getScene());
        }).get();
        assertEquals(List.of(), cut);
    }
}
