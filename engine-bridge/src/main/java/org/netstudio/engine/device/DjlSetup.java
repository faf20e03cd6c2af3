package org.netstudio.engine.device;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * Settings that must be in place before DJL loads its engine; every engine-bridge entry point
 * calls {@link #beforeEngineLoads()}. A value the user set explicitly (environment variable or
 * system property) is always left alone. Thread-safe and idempotent; calling it after the engine
 * has loaded is harmless but too late to matter.
 *
 * <ul>
 *   <li><b>No network.</b> DJL would report usage to an AWS endpoint unless {@code
 *       OPT_OUT_TRACKING} is set, and would download a native library missing from the class path
 *       unless offline mode is on; NetStudio wants neither (the PyTorch library ships with it).
 *   <li><b>OpenMP threads that sleep while they wait.</b> PyTorch's OpenMP workers spin between
 *       parallel regions by default. When the cores are shared (a GUI, a build, another program)
 *       a spinning worker whose partner is descheduled stalls every operation: on a loaded 2-core
 *       machine, training the benchmark CNN went from 300 to 2,700 samples/s with {@code
 *       OMP_WAIT_POLICY=PASSIVE}. libgomp reads the variable once, when PyTorch loads, so it is set
 *       in the process environment (through libc's {@code setenv}; not on Windows, where the
 *       launcher has to set it).
 * </ul>
 */
public final class DjlSetup {

    private static boolean done;

    private DjlSetup() {}

    /** Applies the settings above, once. */
    public static synchronized void beforeEngineLoads() {
        if (done) {
            return;
        }
        done = true;
        if (System.getenv("OPT_OUT_TRACKING") == null && System.getProperty("OPT_OUT_TRACKING") == null) {
            System.setProperty("OPT_OUT_TRACKING", "true");
        }
        if (System.getenv("DJL_OFFLINE") == null && System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        if (System.getenv("OMP_WAIT_POLICY") == null && !Platform.isWindows()) {
            try {
                CLibrary.INSTANCE.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // Only a matter of speed under load: carry on with OpenMP's default.
            }
        }
    }

    /** The value of an environment variable as the C library sees it now (unlike {@link System#getenv}). */
    static String nativeEnvironment(String name) {
        return Platform.isWindows() ? System.getenv(name) : CLibrary.INSTANCE.getenv(name);
    }

    /** The two libc functions used. */
    private interface CLibrary extends Library {
        CLibrary INSTANCE = Native.load(Platform.C_LIBRARY_NAME, CLibrary.class);

        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }
}
