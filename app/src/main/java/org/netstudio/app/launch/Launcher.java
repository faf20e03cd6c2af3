package org.netstudio.app.launch;

import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import javafx.application.Application;
import org.netstudio.app.cli.NetStudioCommand;
import org.netstudio.app.cli.Terminal;

/**
 * Entry point of NetStudio: no arguments open the main window, any argument runs the command line.
 *
 * <p>It deliberately does not extend {@link Application}: a JavaFX main class on the classpath makes
 * the JDK launcher demand JavaFX modules, and the command line must run without loading any JavaFX.
 */
public final class Launcher {

    /**
     * NetStudio runs JavaFX from the classpath on purpose (the launcher and the jpackage image both
     * use classpath mode), which JavaFX greets with an "Unsupported JavaFX configuration" warning on
     * every start. Only that record is dropped; held here because JUL keeps loggers weakly.
     */
    private static final Logger JAVAFX_LOG = Logger.getLogger("javafx");

    private Launcher() {
    }

    public static void main(String[] args) {
        keepDjlOffline();
        if (args.length > 0) {
            System.exit(NetStudioCommand.commandLine().execute(args));
        }
        if (!hasDisplay(System.getProperty("os.name", ""), System.getenv(), System.getProperty("glass.platform"))) {
            System.exit(Terminal.reportNoDisplay());
        }
        JAVAFX_LOG.setFilter(record -> !String.valueOf(record.getMessage()).startsWith("Unsupported JavaFX configuration"));
        Application.launch(NetStudioApp.class);
    }

    /**
     * DJL must never phone home (DESIGN.md). It reads both switches once, when its classes
     * initialise, so they are set here before anything can load {@code ai.djl}. DJL looks for
     * {@code OPT_OUT_TRACKING} in the environment first and then in the system properties; a JVM
     * cannot change its own environment, so the property is what protects launches that bypass the
     * {@code ./netstudio} script (an IDE, the jpackage image, {@code java -jar}).
     */
    static void keepDjlOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
    }

    /**
     * Whether a window can open: on Linux and the BSDs that needs an X11 or Wayland display, unless
     * JavaFX renders headless through Monocle. Windows and macOS always have a desktop.
     */
    static boolean hasDisplay(String osName, Map<String, String> env, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        boolean needsDisplayServer = !os.startsWith("windows") && !os.startsWith("mac");
        if (!needsDisplayServer || "monocle".equalsIgnoreCase(glassPlatform)) {
            return true;
        }
        return isSet(env.get("DISPLAY")) || isSet(env.get("WAYLAND_DISPLAY"));
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }
}
