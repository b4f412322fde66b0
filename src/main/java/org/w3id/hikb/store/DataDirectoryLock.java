package org.w3id.hikb.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process at a time owns a data directory (the TDB2 store and the search index beside it).
 * An operating-system lock on {@code hikb.lock} says so; it goes away with the process, even after kill -9,
 * so a stale lock file never blocks a restart.
 */
final class DataDirectoryLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path dir) {
        Path file = dir.resolve("hikb.lock");
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException("Cannot create the lock file " + file + ": " + e.getMessage(), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("Cannot lock " + file + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            String holder = readHolder(file);
            closeQuietly(channel);
            throw new StoreInUseException("The data directory " + dir + " is in use by another process" + holder
                    + ". Stop that process, or choose another directory with --data.");
        }
        writeHolder(channel);
        return new DataDirectoryLock(channel, lock);
    }

    private static String readHolder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).trim();
            return pid.isEmpty() ? "" : " (PID " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static void writeHolder(FileChannel channel) {
        try {
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // The PID is only a courtesy for the error message of a second process.
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing more to release.
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new StoreException("Cannot release the data directory lock: " + e.getMessage(), e);
        }
    }
}
