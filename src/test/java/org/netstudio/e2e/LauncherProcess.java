package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * NetStudio in a JVM of its own, started by the real launcher as a person starts it, for the tests
 * that signal or kill it: its standard output and error go to out.txt and err.txt in its working
 * folder.
 */
final class LauncherProcess {

    static final int SIGINT = 2;
    static final int SIGTERM = 15;

    private LauncherProcess() {
    }

    /** The launcher, working in {@code dir}, on this test's class path: JVM options, then its arguments. */
    static ProcessBuilder builder(Path dir, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.netstudio.app.launch.Launcher"));
        command.addAll(arguments);
        return new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
    }

    /**
     * Starts the process and returns once {@code ready} holds (two minutes at the most); fails with
     * what the process said when it ends or never gets there.
     */
    static Process startUntil(ProcessBuilder builder, String what, Callable<Boolean> ready) throws IOException {
        Path dir = builder.directory().toPath();
        Process p = builder.start();
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> ready.call() || !p.isAlive());
        } catch (TimeoutException e) {
            p.destroyForcibly();
            throw new AssertionError(what + " did not start: " + read(dir, "err.txt"), e);
        }
        assertThat(p.isAlive()).as("%s runs: %s", what, read(dir, "err.txt")).isTrue();
        return p;
    }

    /** What the process wrote so far to a file of its folder; empty before the file exists. */
    static String read(Path dir, String name) throws IOException {
        Path f = dir.resolve(name);
        return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    }

    /** Sends SIGINT, as Ctrl+C does; skips the test where the process ignores it. */
    static void interrupt(Process p) throws IOException, InterruptedException {
        assumeThat(ignores(p, SIGINT)).as("SIGINT is not ignored by this process (started in the background)")
                .isFalse();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Whether the process ignores a signal (a background job may have SIGINT ignored from its parent). */
    private static boolean ignores(Process p, int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
            }
        }
        return false;
    }
}
