package org.netstudio.app.window.tryit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import org.netstudio.app.gallery.NotDownloadedException;

/** What went wrong in a Try It job, as a sentence for the panel. */
final class Failures {

    private Failures() {
    }

    static String sentence(Throwable t) {
        Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        String m = c.getMessage() == null || c.getMessage().isBlank() ? c.getClass().getSimpleName() : c.getMessage();
        if (c instanceof IOException || c instanceof NotDownloadedException || m.startsWith("The net") || m.startsWith("This net")) {
            return m;
        }
        if (c instanceof UncheckedIOException) {
            return "A file Try It needs could not be read: " + m;
        }
        if (c instanceof OutOfMemoryError) {
            return "The net does not fit in memory to run it here.";
        }
        return "The net could not run: " + lowerFirst(m) + (m.endsWith(".") ? "" : ".");
    }

    private static String lowerFirst(String s) {
        // Keeps names such as "ONNX Runtime" or "MiniLM" as written.
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }
}
