package org.netstudio.engine.train;

/**
 * The daemon thread a training runs on when it is started rather than run: named
 * "netstudio-training", so a thread dump tells it apart, and never keeping the JVM alive.
 */
public final class TrainingThread {

    private TrainingThread() {
    }

    /**
     * Runs {@code training} on a new training thread. What it throws is dropped here: the training
     * has already delivered it to whoever waits, through its future.
     *
     * @param training the run, which completes its own future
     */
    public static void start(Runnable training) {
        Thread thread = new Thread(() -> {
            try {
                training.run();
            } catch (RuntimeException | Error e) {
                // Already delivered through the future.
            }
        }, "netstudio-training");
        thread.setDaemon(true);
        thread.start();
    }
}
