package org.netstudio.app.window.documents;

import org.netstudio.app.gallery.Gallery;

/**
 * The gallery the window shows and opens nets from: the standard one. Tests put in a gallery of
 * their own (its index, its nets, its weights cache and HTTP client) before opening a window, so
 * that downloads go to a local server and a temporary cache; nothing else changes it.
 */
public final class WindowGallery {

    private static volatile Gallery replacement;

    private WindowGallery() {
    }

    public static Gallery get() {
        Gallery g = replacement;
        return g != null ? g : Gallery.standard();
    }

    /** For tests: windows opened from now on use {@code gallery}; null goes back to the standard one. */
    public static void use(Gallery gallery) {
        replacement = gallery;
    }
}
