package org.netstudio.trainer;

import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.netstudio.trainer.data.DataSource;

/**
 * The trainer panel on its own with the spirals MLP, to look at (not a test). Arguments: {@code
 * --dark} for the dark theme, {@code --train} to start training once the data is loaded, {@code
 * --data=FASHION_MNIST} (a {@link DataSource} name) for other data.
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
        TrainerModel model = new TrainerModel();
        model.netProperty().set(TestNets.spirals());
        DataSource source = args.stream().filter(a -> a.startsWith("--data=")).findFirst()
                .map(a -> DataSource.valueOf(a.substring(7))).orElse(DataSource.SPIRALS);
        model.choose(source);
        if (args.contains("--train")) {
            model.dataProperty().addListener((o, was, now) -> {
                if (now != null) {
                    model.train();
                }
            });
        }
        Scene scene = new Scene(new TrainerPanel(model), 1560, 480);
        (args.contains("--dark") ? TrainerTheme.DARK : TrainerTheme.LIGHT).apply(scene);
        stage.setTitle("NetStudio trainer");
        stage.setScene(scene);
        stage.setX(10);
        stage.setY(10);
        stage.show();
    }
    }
}
