package org.netstudio.netgraph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving never leaves a half-written file, nor (after the next save) the temporary of a save that
 * was killed; saved files get the user's permissions (issue 15).
 */
class AtomicFilesTest {

    @TempDir
    Path dir;

    /** A save that writes some bytes and then hangs until killed: {@code SlowSave <target>}. */
    public static final class SlowSave {
        public static void main(String[] args) throws IOException, InterruptedException {
            AtomicFiles.write(Path.of(args[0]), out -> {
                out.write(new byte[1000]);
                out.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    // Nothing ever counts down: the save stays half-written until the test kills this process.
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Process startSlowSave(Path target) throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowSave.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        // The child says so once its temporary holds bytes (and its lock).
        String line = new String(p.getInputStream().readNBytes("writing".length()), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("writing");
        return p;
    }

    @Test
    void theTemporaryOfAKilledSaveIsRemovedByTheNextSaveButNotWhileItIsWritten() throws Exception {
        Path target = dir.resolve("m.nsnet");
        Files.writeString(target, "old");
        Process save = startSlowSave(target);
        try {
            assertThat(names()).hasSize(2).anyMatch(n -> n.matches("\\.m\\.nsnet\\.\\d+\\.tmp"));
            assertThat(AtomicFiles.removeOrphansIn(dir)).as("a save still going on keeps its temporary").isZero();
            assertThat(names()).hasSize(2);
        } finally {
            save.destroyForcibly();
            assertThat(save.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(names()).as("kill -9 leaves the temporary").hasSize(2);
        assertThat(Files.readString(target)).isEqualTo("old");

        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(names()).containsExactly("m.nsnet");
        assertThat(Files.readString(target)).isEqualTo("new");
    }

    @Test
    void removeOrphansInCleansEveryTargetsTemporariesAndNothingElse() throws IOException {
        Files.writeString(dir.resolve(".a.json.123.tmp"), "{");
        Files.writeString(dir.resolve(".b.safetensors.98765432109876.tmp"), "x");
        Files.writeString(dir.resolve(".hidden.tmp"), "the user's");
        Files.writeString(dir.resolve("notes.tmp"), "the user's");

        assertThat(AtomicFiles.removeOrphansIn(dir)).isEqualTo(2);

        assertThat(names()).containsExactly(".hidden.tmp", "notes.tmp");
    }

    @Test
    void aNewFileGetsTheSamePermissionsAsAFileTheUserCreates() throws IOException {
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        Path plain = Files.createFile(dir.resolve("plain"));

        AtomicFiles.write(dir.resolve("saved.json"), new byte[] {1});

        assertThat(Files.getPosixFilePermissions(dir.resolve("saved.json")))
                .isEqualTo(Files.getPosixFilePermissions(plain))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws IOException {
        assumeThat(Files.getFileStore(dir).supportsFileAttributeView("posix")).isTrue();
        Path target = Files.writeString(dir.resolve("m.nsnet"), "old");
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(target, ownerOnly);

        AtomicFiles.write(target, new byte[] {1});

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(ownerOnly);
    }

    @Test
    void whenTheSecondOfTwoFilesCannotBeWrittenNeitherIsChanged() throws IOException {
        Path net = Files.writeString(dir.resolve("m.json"), "old net");
        Path weights = dir.resolve("m.safetensors");

        assertThatThrownBy(() -> AtomicFiles.writeAll(List.of(
                new AtomicFiles.Part(weights, out -> {
                    out.write(new byte[100]);
                    throw new IOException("No space left on device");
                }),
                new AtomicFiles.Part(net, out -> out.write("new net".getBytes(StandardCharsets.UTF_8))))))
                .hasMessage("No space left on device");

        assertThat(names()).containsExactly("m.json");
        assertThat(Files.readString(net)).isEqualTo("old net");
    }

    @Test
    void aWriterThatClosesItsStreamStillSavesEverything() throws IOException {
        Path target = dir.resolve("z");
        AtomicFiles.write(target, out -> {
            try (OutputStream o = out) {
                o.write(new byte[] {1, 2, 3});
            }
        });
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }
}
