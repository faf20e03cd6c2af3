package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's JVM, started by the real launcher (rendered headless through Monocle), ends cleanly
 * on SIGTERM and SIGINT: the exit code of the signal, no native crash, no {@code hs_err_pid*.log}
 * (issue 15: once in five SIGTERMs under load the JVM crashed in its exit). The window is known to
 * be up when its start-up has removed the temporary a killed save left beside a recent file.
 */
@EnabledOnOs(OS.LINUX)
class WindowShutdownProcessTest {

    @TempDir
    Path dir;

    private Process startWindow(Path data) throws IOException {
        // A recent file with the temporary of a save killed half-way beside it: the start-up removes it.
        Path work = Files.createDirectories(dir.resolve("work"));
        Path recent = Files.writeString(work.resolve("m.json"), "{}");
        Path orphan = Files.writeString(work.resolve(".m.json.4711.tmp"), "{\"format\"");
        Files.createDirectories(data);
        Files.writeString(data.resolve("recent.txt"), recent + "\n");
        ProcessBuilder builder = LauncherProcess.builder(dir, List.of("-Dglass.platform=Monocle",
                "-Dmonocle.platform=Headless", "-Dprism.order=sw", "-Dheadless.geometry=1600x1000-32",
                "-Dnetstudio.data.dir=" + data), List.of());
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        return LauncherProcess.startUntil(builder, "the window", () -> !Files.exists(orphan));
    }

    private String err() throws IOException {
        return LauncherProcess.read(dir, "err.txt");
    }

    private void assertEndsCleanly(Process p, int signal) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the window ends after the signal").isTrue();
        String err = err();
        assertThat(p.exitValue()).as(err).isEqualTo(128 + signal);
        assertThat(err).doesNotContain("A fatal error has been detected").doesNotContain("SIGSEGV");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("hs_err_pid"));
        }
    }

    @Test
    void sigtermEndsTheWindowCleanlyAndKeepsTheWorkItWasOfferingBack() throws Exception {
        Path data = dir.resolve("data");
        // Work a crashed run left: the window offers it back in a dialog, which the signal closes unanswered.
        Path kept = Files.createDirectories(data.resolve("autosave")).resolve("net-crashed-1.json");
        Files.writeString(kept, """
                {"format": "netstudio.net", "version": 1, "name": "kept",
                 "net": {"type": "Chain", "input": {"shape": [2]}, "layers": [{"type": "Linear", "units": 3}]}}
                """);
        Process p = startWindow(data);

        p.destroy(); // SIGTERM

        assertEndsCleanly(p, LauncherProcess.SIGTERM);
        assertThat(kept).as("offered again at the next start").exists();
    }

    @Test
    void sigintEndsTheWindowCleanly() throws Exception {
        Process p = startWindow(dir.resolve("data"));
        try {
            LauncherProcess.interrupt(p);

            assertEndsCleanly(p, LauncherProcess.SIGINT);
        } finally {
            p.destroyForcibly();
        }
    }
}
