package org.netstudio.engine.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;

/**
 * The process's ONNX Runtime environment, with one pool of threads, one a core, that every session
 * running on all cores shares (a net's route, a sentence encoder, a benchmark's reference session).
 * Sessions with pools of their own spin and pin their threads on the same cores and slow one another:
 * three sessions of the LSTM classifier taking turns on 2 cores took 7.7 to 11.6 ms a batch with pools
 * of their own and 3.3 ms sharing one, each as fast as one session alone.
 */
public final class OnnxEnvironment {

    private static OrtEnvironment environment;
    /** Whether the environment has the shared pool: false where other code made the environment first. */
    private static boolean shared;

    private OnnxEnvironment() {
    }

    /** The environment, made on first use with the shared pool. */
    public static synchronized OrtEnvironment get() {
        if (environment == null) {
            try (OrtEnvironment.ThreadingOptions threads = new OrtEnvironment.ThreadingOptions()) {
                threads.setGlobalIntraOpNumThreads(cores());
                threads.setGlobalInterOpNumThreads(1);
                environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
                        OrtEnvironment.DEFAULT_NAME, threads);
                shared = true;
            } catch (OrtException | IllegalStateException e) {
                // Made before without the pool (ONNX Runtime allows one environment a process): sessions keep their own.
                environment = OrtEnvironment.getEnvironment();
                shared = false;
            }
        }
        return environment;
    }

    /**
     * Options for a session whose operators use {@code threads} threads: the shared pool for as many as
     * there are cores, else a pool of its own of that size. The caller closes them.
     */
    public static OrtSession.SessionOptions options(int threads) throws OrtException {
        get();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        if (threads >= cores() && sharedPool()) {
            options.disablePerSessionThreads();
        } else {
            options.setIntraOpNumThreads(Math.max(1, Math.min(threads, cores())));
            options.setInterOpNumThreads(1);
        }
        return options;
    }

    /** Whether sessions on all cores share one pool. */
    static synchronized boolean sharedPool() {
        return shared;
    }

    /** The processors this process may use. */
    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
