package org.relevanceworkbench.ui;

import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a view's FXML ({@code /fxml/NAME.fxml}, NAME the view's class name) with its controllers made here, not by
 * FXML: a window of included parts ({@code fx:include}) gets one controller per part, each built on its own view model.
 */
final class Fxml {
    private Fxml() {
    }

    /** The view {@code name}, its controller and those of the parts it includes made by {@code controllers}. */
    static Parent load(String name, Map<Class<?>, Supplier<?>> controllers) throws IOException {
        URL fxml = Fxml.class.getResource("/fxml/" + name + ".fxml");
        if (fxml == null) {
            throw new IOException("no /fxml/" + name + ".fxml on the class path");
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(type -> {
            Supplier<?> controller = controllers.get(type);
            if (controller == null) {
                throw new IllegalStateException(name + ".fxml asks for a controller it was not given: " + type.getName());
            }
            return controller.get();
        });
        return loader.load();
    }

    /** One part on its own (tests, or a window made of that part only). */
    static <V> Parent load(Class<V> view, V controller) throws IOException {
        return load(view.getSimpleName(), Map.of(view, () -> controller));
    }
}
