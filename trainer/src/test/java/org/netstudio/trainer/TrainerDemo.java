package org.netstudio.trainer;

import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.netstudio.assets.Theme;
import org.netstudio.engine.data.DatasetSource;

/**
 * The trainer panel on its own with the spirals MLP, to look at (not a test). Arguments: {@code
 * --dark} for the dark theme, {@code --train} to start training once the data is loaded, {@code
 * --data=FASHION_MNIST} (a {@link DatasetSource} name) for other data, {@code --images} for an MLP on 28×28 images instead of the spirals net, {@code --epochs=N}, {@code
 * --tab=1} to show that tab
 * (0 data, 1 decision boundary, 2 results) when training ends.
 */
public final class TrainerDemo {

    private TrainerDemo() {}

    public static void main(String[] args) {
        // Launched through a nested class: a main class that extends Application needs JavaFX as modules.
        Application.launch(App.class, args);
    }

    /** The demo's application. */
    public static final class App extends Application {

    @Override
    public void start(Stage stage) {
        List<String> args = getParameters().getRaw();
        TrainerPanelModel model = new TrainerPanelModel();
        model.netProperty().set(args.contains("--images") ? TestNets.imageMlp() : TestNets.spirals());
        args.stream().filter(a -> a.startsWith("--epochs=")).findFirst()
                .ifPresent(a -> model.options().epochs().textProperty().set(a.substring(9)));
        DatasetSource source = args.stream().filter(a -> a.startsWith("--data=")).findFirst()
                .map(a -> DatasetSource.valueOf(a.substring(7))).orElse(DatasetSource.SPIRALS);
        model.choose(source);
        if (args.contains("--train")) {
            model.dataProperty().addListener((o, was, now) -> {
                if (now != null) {
                    model.train();
                }
            });
        }
        TrainerPanel panel = new TrainerPanel(model);
        Scene scene = new Scene(panel, 1560, args.contains("--tall") ? 900 : 480);
        args.stream().filter(a -> a.startsWith("--tab=")).findFirst().map(a -> Integer.parseInt(a.substring(6)))
                .ifPresent(tab -> model.outcomeProperty().addListener((o, was, now) -> javafx.application.Platform
                        .runLater(() -> ((javafx.scene.control.TabPane) panel.lookup(".trainer-tabs"))
                                .getSelectionModel().select(tab))));
        (args.contains("--dark") ? Theme.DARK : Theme.LIGHT).applyTo(scene.getStylesheets());
        stage.setTitle("NetStudio trainer");
        stage.setScene(scene);
        stage.setX(10);
        stage.setY(10);
        stage.show();
    }
    }
}
