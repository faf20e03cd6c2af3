package org.netstudio.app.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs a long command so that Ctrl+C stops it gracefully: the shutdown hook asks the work to stop,
 * then holds the JVM (up to a minute) until the command has saved what it keeps and reported.
 * What {@code train} and {@code sweep} share.
 */
final class StopOnInterrupt {

    private StopOnInterrupt() {
    }

    /**
     * @param threadName the hook thread's name
     * @param stop asks the work to stop before its next step
     * @param work runs the work and finishes the command (saves, reports)
     * @return what the work returns
     */
    static <T> T run(String threadName, Runnable stop, Supplier<T> work) {
        CountDownLatch finished = new CountDownLatch(1);
        Thread onInterrupt = new Thread(() -> {
            stop.run();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(onInterrupt);
        try {
            return work.get();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onInterrupt);
            } catch (IllegalStateException e) {
                // Already shutting down (Ctrl+C): the hook is running and has just been released.
            }
        }
    }
}
