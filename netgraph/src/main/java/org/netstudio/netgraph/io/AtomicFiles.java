package org.netstudio.netgraph.io;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Saves files so that a crash never leaves a half-written one: the content goes to a temporary file
 * in the same folder ({@code .NAME.<digits>.tmp}), is forced to disk, and is then renamed over the
 * target in one step (an atomic move where the file system offers it, else a plain replace). On
 * failure the temporary file is removed and the target is untouched.
 *
 * <p><b>Several files as one.</b> {@link #writeAll} saves files that belong together (a net file
 * and its weights): every temporary is written and forced before the first rename, so a failure
 * while writing (a full disk) leaves none of them changed.
 *
 * <p><b>Killed saves.</b> A process killed in the middle of a save leaves its temporary file
 * behind. Each temporary is locked while it is written, so another save of the same target, or
 * {@link #removeOrphans(Path)}/{@link #removeOrphansIn(Path)} at a program's start, recognises
 * one whose writer is gone (its lock went with the process) and deletes it, leaving temporaries
 * that are still being written alone.
 *
 * <p><b>Permissions.</b> New files get the user's default permissions (the umask); a replaced
 * file keeps its own.
 *
 * <p>Stateless; callers must not save the same target from two threads at once.
 */
public final class AtomicFiles {

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One file of a set saved together.
     *
     * @param target  where it goes
     * @param content what it holds
     */
    public record Part(Path target, Content content) {

        /** Checks both are given. */
        public Part {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(content, "content");
        }
    }

    /** {@code .NAME.<digits>.tmp}, the temporaries this class makes (also those of earlier versions). */
    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+)\\.(\\d+)\\.tmp");

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Windows cannot rename a file that is open; elsewhere the lock is held until the rename is done. */
    private static final boolean CLOSE_BEFORE_MOVE = File.separatorChar == '\\';

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes} atomically. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Replaces {@code target} with what {@code content} writes, atomically. */
    public static void write(Path target, Content content) throws IOException {
        writeAll(List.of(new Part(target, content)));
    }

    /**
     * Replaces several files, each atomically, none of them unless all were written: every
     * temporary is written and forced to disk before the first is renamed, in the order given.
     * (Only a crash between two renames can leave some replaced and others not; put the file that
     * refers to the others last.)
     *
     * @param parts the files, at different paths
     * @throws IOException when a file cannot be written; the targets are untouched then, unless a
     *                     rename itself failed after others succeeded
     */
    public static void writeAll(List<Part> parts) throws IOException {
        List<Pending> pending = new ArrayList<>();
        try {
            for (Part p : parts) {
                Path absolute = p.target().toAbsolutePath();
                Files.createDirectories(absolute.getParent());
                removeOrphans(absolute);
                Pending w = Pending.open(absolute);
                pending.add(w);
                w.write(p.content());
            }
            for (Pending w : pending) {
                w.moveIntoPlace();
            }
            Set<Path> folders = new LinkedHashSet<>();
            pending.forEach(w -> folders.add(w.target.getParent()));
            folders.forEach(AtomicFiles::syncDirectory);
        } finally {
            for (Pending w : pending) {
                w.discard();
            }
        }
    }

    /**
     * Deletes the temporaries a killed save of {@code target} left beside it; those another save
     * is still writing are kept. Never throws: what cannot be deleted is left.
     *
     * @return how many were deleted
     */
    public static int removeOrphans(Path target) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || absolute.getFileName() == null) {
            return 0;
        }
        String name = absolute.getFileName().toString();
        return removeOrphans(dir, candidate -> name.equals(targetName(candidate)));
    }

    /**
     * Deletes the temporaries killed saves left in a folder (not in its sub-folders), for any
     * target; those another save is still writing are kept. Never throws.
     *
     * @return how many were deleted
     */
    public static int removeOrphansIn(Path folder) {
        return removeOrphans(folder.toAbsolutePath(), candidate -> targetName(candidate) != null);
    }

    /** Whether a file name is one of the temporaries this class writes. */
    public static boolean isTemporary(Path file) {
        return file.getFileName() != null && targetName(file.getFileName().toString()) != null;
    }

    /** The target's name of a temporary's name, or null when it is not one. */
    private static String targetName(String fileName) {
        var m = TEMPORARY.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    private static int removeOrphans(Path dir, java.util.function.Predicate<String> ofInterest) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path candidate : files) {
                if (ofInterest.test(candidate.getFileName().toString()) && removeIfAbandoned(candidate)) {
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder that cannot be listed keeps its temporaries; saving does not depend on it.
        }
        return removed;
    }

    /** Deletes a temporary whose writer is gone: nobody holds its lock. */
    private static boolean removeIfAbandoned(Path tmp) {
        if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        // Read-only with a shared lock: a temporary that kept a read-only target's permissions still opens.
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ)) {
            FileLock lock;
            try {
                lock = ch.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return false; // being written by this program
            }
            if (lock == null) {
                return false; // being written by another program
            }
            try (lock) {
                Files.deleteIfExists(tmp);
                return true;
            }
        } catch (IOException e) {
            return false; // no locks here (some network file systems), or already gone: leave it
        }
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; NTFS journals the rename anyway.
        }
    }

    /** One temporary file, locked while it is written, until it is renamed into place or discarded. */
    private static final class Pending {
        private final Path target;
        private final Path tmp;
        private FileChannel channel;
        private boolean moved;

        private Pending(Path target, Path tmp, FileChannel channel) {
            this.target = target;
            this.tmp = tmp;
            this.channel = channel;
        }

        static Pending open(Path target) throws IOException {
            for (int attempt = 0; ; attempt++) {
                Path tmp = target.resolveSibling("." + target.getFileName() + "."
                        + Long.toUnsignedString(RANDOM.nextLong()) + ".tmp");
                FileChannel ch;
                try {
                    // No permissions given: the file gets the user's umask (createTempFile would make it 0600).
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt < 10) {
                        continue;
                    }
                    throw e;
                }
                Pending p = new Pending(target, tmp, ch);
                try {
                    lock(ch);
                    keepPermissions(target, tmp);
                } catch (IOException | RuntimeException e) {
                    p.discard();
                    throw e;
                }
                return p;
            }
        }

        private static void lock(FileChannel ch) {
            try {
                ch.lock();
            } catch (IOException e) {
                // No locks on this file system: the save still works, only orphans are not recognised.
            }
        }

        /** A replaced file keeps its permissions (an owner-only file stays owner-only). */
        private static void keepPermissions(Path target, Path tmp) throws IOException {
            PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (old != null && Files.isRegularFile(target)) {
                try {
                    Files.setPosixFilePermissions(tmp, old.readAttributes().permissions());
                } catch (NoSuchFileException e) {
                    // The target went away meanwhile: the new file keeps the default permissions.
                }
            }
        }

        void write(Content content) throws IOException {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(new UnclosableStream(out));
            out.flush();
            channel.force(true);
        }

        void moveIntoPlace() throws IOException {
            if (CLOSE_BEFORE_MOVE) {
                closeChannel();
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        }

        /** Closes the file (releasing its lock) and deletes the temporary unless it was renamed; never throws. */
        void discard() {
            try {
                closeChannel();
            } catch (IOException e) {
                // Closing a file whose content is discarded or already renamed loses nothing.
            }
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // Left for removeOrphans at the next save of this target.
                }
            }
        }

        private void closeChannel() throws IOException {
            if (channel != null) {
                FileChannel ch = channel;
                channel = null;
                ch.close();
            }
        }
    }

    /** Keeps content writers (e.g. a ZipOutputStream) from closing the channel before it is forced. */
    private static final class UnclosableStream extends OutputStream {
        private final OutputStream out;

        UnclosableStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
