package org.netstudio.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the launchers show while they build: {@code launcher/BuildProgress.java} run as they run it
 * (a single source file, Maven's output on its standard input), fed with recorded Maven output.
 */
class BuildProgressTest {

    @TempDir
    Path temp;

    record Result(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    @Test
    void anOfflineBuildThatOnlyLacksDownloadsSaysNothingAndAsksForTheOnlineBuild() throws Exception {
        Result r = filter("maven-offline-missing.txt");

        assertThat(r.exitCode()).as("3: build again online").isEqualTo(3);
        assertThat(r.err()).as("none of Maven's 17 errors about the offline attempt").isEmpty();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFirstBuildInAPipeShowsOneLinePerStepAndWhatWasDownloaded() throws Exception {
        Result r = filter("maven-first-build.txt");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).as("standard output stays clean for the command line").isEmpty();
        assertThat(r.errLines()).allMatch(l -> l.startsWith("netstudio: "))
                .noneMatch(l -> l.contains("Progress (") || l.contains("Downloading from") || l.contains("[INFO]"));
        assertThat(r.errLines()).anyMatch(l -> l.endsWith("· [2/8] net model"))
                .anyMatch(l -> l.endsWith("· [8/8] application"));
        assertThat(r.errLines().get(r.errLines().size() - 1))
                .matches("netstudio: built in \\d+:\\d\\d; downloaded 5 files \\(110 MB\\)");
    }

    @Test
    void linesEndingInCarriageReturnAndLineFeedReadAsLinesNotProgress() throws Exception {
        Result unix = filter("maven-first-build.txt");
        Result windows = feed(recording("maven-first-build.txt").replaceAll("(?<!\r)\n", "\r\n"));

        assertThat(windows.exitCode()).as("Maven on Windows").isZero();
        // The time each filter took may differ by a second on a busy machine.
        String time = "built in \\d+:\\d\\d";
        assertThat(windows.errLines().get(windows.errLines().size() - 1).replaceFirst(time, "built in T"))
                .isEqualTo(unix.errLines().get(unix.errLines().size() - 1).replaceFirst(time, "built in T"));
    }

    @Test
    void theLogKeepsMavensWholeOutputWithoutProgressRecordsOrColours() throws Exception {
        Path log = temp.resolve("build.log");
        Result r = filter("maven-first-build.txt", "--log", log.toString());

        assertThat(r.exitCode()).isZero();
        String kept = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(kept).contains("Downloaded from central: https://repo.maven.apache.org/maven2/ai/djl/pytorch/"
                + "pytorch-native-cpu/2.5.1/pytorch-native-cpu-2.5.1-linux-x86_64.jar (110 MB at 13 MB/s)")
                .contains("[INFO] BUILD SUCCESS")
                .doesNotContain("\r").doesNotContain("\u001B[");
    }

    @Test
    void aBuildThatFailsForAnotherReasonShowsMavensErrors() throws Exception {
        Result r = filter("maven-compile-error.txt");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.errLines()).anyMatch(l -> l.matches("netstudio: the build failed after \\d+:\\d\\d:"))
                .contains("[ERROR] /home/ana/netstudio/netgraph/src/main/java/org/netstudio/netgraph/catalog/"
                        + "Category.java:[9,5] ';' expected");
    }

    private static String recording(String name) throws IOException {
        try (InputStream in = BuildProgressTest.class.getResourceAsStream(name)) {
            assertThat(in).as("recording %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Runs the filter as the launchers do, with a recorded Maven output on its standard input. */
    private Result filter(String recording, String... options) throws IOException, InterruptedException {
        return feed(recording(recording), options);
    }

    /** Runs the filter as the launchers do, with this Maven output on its standard input. */
    private Result feed(String mavenOutput, String... options) throws IOException, InterruptedException {
        Path script = LauncherProcessTest.projectRoot().resolve("launcher").resolve("BuildProgress.java");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), script.toString()));
        command.addAll(List.of(options));
        Path out = temp.resolve("out.txt");
        Path err = temp.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(mavenOutput.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the filter finishes").isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
