package org.netstudio.app.launch;

import javafx.application.Application;
import javafx.stage.Stage;
import org.netstudio.app.window.MainWindow;
import org.netstudio.assets.Theme;

/** The JavaFX application: one main window. Started by {@link Launcher}. */
public final class NetStudioApp extends Application {

    /** {@code -Dnetstudio.theme=dark} opens in the dark theme, whatever View › Theme chose last. */
    static final String THEME_PROPERTY = "netstudio.theme";

    private MainWindow window;

    @Override
    public void start(Stage stage) {
        window = new MainWindow();
        String theme = System.getProperty(THEME_PROPERTY);
        if (theme != null) {
            window.setTheme(Theme.named(theme));
        }
        window.show(stage);
        // SIGTERM, SIGINT, the session ending: save unsaved work and stop the engine before the JVM ends.
        // The signals are caught so that this runs before JavaFX's own shutdown hook tears it down;
        // the hook is for what ends the JVM otherwise.
        StopSignals.install(window.workspace().exitSequence());
        Runtime.getRuntime().addShutdownHook(new Thread(window.workspace().exitSequence(), "netstudio-exit"));
    }

    /** A normal quit (the window closed): training and Try It stop before JavaFX and the JVM end. */
    @Override
    public void stop() {
        if (window != null) {
            window.workspace().exitSequence().settleNow();
        }
    }
}
