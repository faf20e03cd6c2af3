package org.netstudio.engine.device;

/**
 * Keeps DJL off the network. Before its engine first loads, DJL would report usage to an AWS
 * endpoint unless {@code OPT_OUT_TRACKING} is set, and would download a native library missing from
 * the class path unless offline mode is on; NetStudio wants neither (the PyTorch library comes from
 * Maven with the app). Every engine-bridge entry point calls {@link #ensureNoNetwork()}; a value
 * the user set explicitly (environment variable or system property) is left alone. Thread-safe and
 * idempotent.
 */
public final class DjlSetup {

    private DjlSetup() {}

    /** Sets {@code OPT_OUT_TRACKING=true} and {@code ai.djl.offline=true} unless already set. */
    public static synchronized void ensureNoNetwork() {
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
    }
}
