package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The real entry points in child processes: {@code org.netstudio.app.launch.Launcher} and the
 * {@code ./netstudio} script, without a display. Nothing here builds or opens a window.
 */
class LauncherProcessTest {

    private static final String NO_DISPLAY =
            "netstudio: no display (DISPLAY and WAYLAND_DISPLAY are unset), so the window cannot open; "
                    + "run ./netstudio --help for the command line.";

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void launcherRunsTheCommandLineWithoutAWindow() throws Exception {
        Result result = run(javaLauncher("--version"));
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("NetStudio ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    @DisabledOnOs({OS.WINDOWS, OS.MAC})
    void launcherWithoutArgumentsOrDisplaySaysSoAndExitsWith2() throws Exception {
        Result result = run(javaLauncher());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).isEqualTo(NO_DISPLAY);
    }

    @Test
    @DisabledOnOs({OS.WINDOWS, OS.MAC})
    void scriptWithoutArgumentsOrDisplaySaysSoBeforeBuildingAndExitsWith2() throws Exception {
        Path script = projectRoot().resolve("netstudio");
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        Result result = run(new ArrayList<>(List.of(script.toString())));
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.out()).isEmpty();
        assertThat(result.err().strip()).isEqualTo(NO_DISPLAY);
    }

    private static List<String> javaLauncher(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.netstudio.app.launch.Launcher"));
        command.addAll(List.of(args));
        return command;
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Path out = Files.createTempFile("netstudio-out", ".txt");
        Path err = Files.createTempFile("netstudio-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finishes", command).isTrue();
            return new Result(process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The checkout's root: the nearest folder up from here holding both pom.xml and netstudio. */
    static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("pom.xml")) && Files.exists(dir.resolve("netstudio"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
