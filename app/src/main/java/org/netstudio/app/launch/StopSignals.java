package org.netstudio.app.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import sun.misc.Signal;

/**
 * Ends the window in order when the program is told to stop from outside: SIGTERM (a service
 * manager, {@code kill}), SIGINT (Ctrl+C in the terminal that started it), SIGHUP (the session
 * ending). The JVM's own reaction to these runs every shutdown hook at once, JavaFX's among them,
 * which tears the toolkit down while the program's own hook still needs it to autosave, and lets
 * native code (libtorch, ONNX Runtime) run on while the process exits. So the signals are caught
 * instead: the orderly stop runs first, with JavaFX and the engine intact, and only then does the
 * program exit, with the code a shell expects for the signal (128 + its number).
 *
 * <p>Uses {@code sun.misc.Signal} (module jdk.unsupported), the JDK's only way to handle a
 * signal; where a signal cannot be handled (a JVM started with {@code -Xrs}, a platform without
 * it) the JVM's default stays, and the shutdown hook does what it can.
 */
final class StopSignals {

    private static final List<String> NAMES = List.of("TERM", "INT", "HUP");

    private StopSignals() {
    }

    /**
     * Installs the handlers.
     *
     * @param orderlyStop what runs before the program exits; runs once, on the signal's thread
     * @return the signals now handled, e.g. [TERM, INT, HUP]
     */
    static List<String> install(Runnable orderlyStop) {
        Objects.requireNonNull(orderlyStop, "orderlyStop");
        List<String> handled = new ArrayList<>();
        for (String name : NAMES) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    try {
                        orderlyStop.run();
                    } finally {
                        System.exit(128 + signal.getNumber());
                    }
                });
                handled.add(name);
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // Not on this platform, or reserved by the JVM (-Xrs): its default stays.
            }
        }
        return handled;
    }
}
