package org.netstudio.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.netstudio.app.cli.CliRun.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netstudio.engine.device.Devices;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Every command-line path ends in one line naming the problem, with the documented exit code,
 * never a stack trace unless {@code --debug} asks for one (issue 15).
 */
class FailureReportTest {

    @TempDir
    Path dir;

    /** A subcommand that fails as a bug would, added to the real command line. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        private final Throwable failure;

        Boom(Throwable failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws Exception {
            if (failure instanceof Exception e) {
                throw e;
            }
            throw (Error) failure;
        }
    }

    private static CliRun runBoom(Throwable failure, String... args) {
        CommandLine cl = NetStudioCommand.commandLine();
        cl.addSubcommand("boom", new Boom(failure));
        return run(cl, args);
    }

    @Test
    void anUnexpectedExceptionEndsInOneLineAndExit1() {
        CliRun r = runBoom(new NullPointerException("unconnected wire"), "boom");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err().strip()).isEqualTo(
                "netstudio boom: failed unexpectedly (NullPointerException): unconnected wire (--debug shows where)");
    }

    @Test
    void debugAfterTheCommandShowsTheStackTrace() {
        CliRun r = runBoom(new IllegalStateException("broken"), "boom", "--debug");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).startsWith("netstudio boom: failed unexpectedly (IllegalStateException): broken\n")
                .contains("\tat ");
    }

    @Test
    void debugBeforeTheCommandShowsTheStackTraceToo() {
        CliRun r = runBoom(new IllegalStateException("broken"), "--debug", "boom");

        assertThat(r.err()).contains("\tat ");
    }

    @Test
    void aFailureACommandExplainsIsSaidAsWrittenWithItsExitCodeEvenWithDebug() {
        CliRun r = runBoom(CommandFailure.unreadable("m.nsnet: no such file"), "boom", "--debug");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err()).isEqualTo("netstudio boom: m.nsnet: no such file" + System.lineSeparator());
    }

    @Test
    void aStackOverflowIsReportedInOneLineNotThrownOut() {
        CliRun r = runBoom(new StackOverflowError(), "boom");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err().strip()).isEqualTo(
                "netstudio boom: the input is nested too deeply to process (the call stack overflowed) (--debug shows where)");
    }

    @Test
    void aFileThatCannotBeReadIsExit2NamingTheFile() {
        CliRun r = runBoom(new java.nio.file.AccessDeniedException("/data/m.nsnet"), "boom");

        assertThat(r.exit()).isEqualTo(ExitCodes.UNREADABLE);
        assertThat(r.err().strip()).isEqualTo("netstudio boom: /data/m.nsnet: permission denied");
    }

    @Test
    void trainingOnAGpuOfACpuBuildSaysSoInOneLine() throws IOException {
        assumeThat(Devices.system().gpuCount()).as("no CUDA device").isZero();
        Path net = Files.writeString(dir.resolve("linear.json"), TrainEvalPredictCommandTest.LINEAR);

        CliRun r = run("train", net.toString(), "--data", "linear", "--device", "gpu");

        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).startsWith("netstudio train: No CUDA GPU found").doesNotContain("\tat ");
    }
}
