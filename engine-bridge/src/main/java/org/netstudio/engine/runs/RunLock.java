package org.netstudio.engine.runs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The lock a running run holds on its {@code run.lock} file. The operating system releases it when
 * the process dies however it dies, so a run whose {@code run.json} says "running" while nobody
 * holds the lock has crashed.
 */
final class RunLock implements AutoCloseable {

    static final String FILE = "run.lock";

    /**
     * The run folders this process has locked. Asked about one of them, {@link #held} answers
     * without opening the file: on POSIX systems closing any descriptor of a file drops all of the
     * process's locks on it.
     */
    private static final java.util.Set<Path> MINE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path folder;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path folder, FileChannel channel, FileLock lock) {
        this.folder = folder;
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of a run folder, failing when a live process holds it. */
    static RunLock take(Path folder) throws IOException {
        Path key = folder.toAbsolutePath().normalize();
        if (MINE.contains(key)) {
            throw new IOException(folder + ": the run is in use by this NetStudio process");
        }
        FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException(folder + ": the run is in use by another NetStudio process");
            }
            MINE.add(key);
            return new RunLock(key, channel, lock);
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(folder + ": the run is in use by this NetStudio process", e);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether a live process (this one included) holds the lock of a run folder. */
    static boolean held(Path folder) {
        if (MINE.contains(folder.toAbsolutePath().normalize())) {
            return true;
        }
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        MINE.remove(folder);
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The process is done with the run; the OS drops the lock with the process anyway.
        }
    }
}
