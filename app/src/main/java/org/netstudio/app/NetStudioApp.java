package org.netstudio.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one main window. Started by {@link Launcher}. */
public final class NetStudioApp extends Application {

    @Override
    public void start(Stage stage) {
        new MainWindow().show(stage);
    }
}
