package org.netstudio.app;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one main window. Started by {@link Launcher}. */
public final class NetStudioApp extends Application {

    /** {@code -Dnetstudio.theme=dark} opens in the dark theme. */
    static final String THEME_PROPERTY = "netstudio.theme";

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow();
        window.setTheme(Theme.named(System.getProperty(THEME_PROPERTY, "light")));
        window.show(stage);
    }
}
