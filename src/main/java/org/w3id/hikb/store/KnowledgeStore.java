package org.w3id.hikb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The knowledge base's single source of truth: an embedded TDB2 dataset in {@code <data>/store},
 * owned by this process for as long as it is open. Every source file lives in its own named graph.
 *
 * <p>Readers use {@link #read}; writes go through {@code org.w3id.hikb.write.WritePath} only, which
 * validates, records the change and keeps the search index in step.
 */
public final class KnowledgeStore implements AutoCloseable {
    private final Path directory;
    private final DataDirectoryLock lock;
    private final DatasetGraph dataset;
    /** Readers in, or a compaction alone: see {@link #withoutReaders}. Fair, so a waiting compaction is not starved. */
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock(true);
    /** How long a reader waits for a compaction to finish before it is told the store is busy. */
    public static final Duration READ_WAIT = Duration.ofSeconds(60);

    private KnowledgeStore(Path directory, DataDirectoryLock lock, DatasetGraph dataset) {
        this.directory = directory;
        this.lock = lock;
        this.dataset = withUnionDefaultGraph(dataset);
    }

    /** Opens (creating if needed) the store in {@code directory}; fails with a clear message if it cannot. */
    public static KnowledgeStore open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        createDirectory(dir);
        if (!Files.isWritable(dir))
            throw new StoreException("The data directory " + dir + " is not writable.");
        DataDirectoryLock lock = DataDirectoryLock.acquire(dir);
        try {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(Location.create(dir.resolve("store")));
            return new KnowledgeStore(dir, lock, dsg);
        } catch (RuntimeException e) {
            lock.close();
            throw new StoreException("Cannot open the TDB2 store in " + dir.resolve("store") + ": " + e.getMessage(), e);
        }
    }

    private static void createDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new StoreException("Cannot create the data directory " + dir + ": permission denied.", e);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes SPARQL over the dataset see the union of all named graphs as its default graph. This is set on the
     * dataset's own context, as Fuseki does it: TDB2 evaluates a union default graph set through a wrapping
     * dataset much more slowly (about 1.6 times as long on the example queries). Only query execution reads
     * the flag; the write path works with quads and named graphs, never with the default graph.
     */
    private static DatasetGraph withUnionDefaultGraph(DatasetGraph dsg) {
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        return dsg;
    }

    public Path directory() { return directory; }

    /** Free bytes on the data directory's disk, or -1 if it cannot be told. */
    public long freeSpace() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** The bytes the TDB2 store's files take (every index version it keeps until compacted), or -1. */
    public long bytesOnDisk() {
        try (Stream<Path> files = Files.walk(directory.resolve("store"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** Where the search index lives: beside the store, owned by the same lock. */
    public Path indexDirectory() { return directory.resolve("index"); }

    /**
     * The TDB2 dataset. Write to it only from the write path, inside its transaction. SPARQL over it sees the
     * union of the named graphs as the default graph.
     */
    public DatasetGraph dataset() { return dataset; }

    public <T> T read(Function<DatasetGraph, T> action) {
        try (Reading reading = reading()) {
            return Txn.calculateRead(dataset, () -> action.apply(dataset));
        }
    }

    /**
     * Admits a reader of the dataset that does not go through {@link #read} (Fuseki's queries), for as long as
     * the returned handle is open. Readers wait while the store is compacted, at most {@link #READ_WAIT}; then
     * {@link StoreBusyException}.
     */
    public Reading reading() {
        try {
            if (!gate.readLock().tryLock(READ_WAIT.toMillis(), TimeUnit.MILLISECONDS))
                throw new StoreBusyException("The store is being compacted; try again in a minute.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("Interrupted while the store was being compacted.");
        }
        return gate.readLock()::unlock;
    }

    /** An admitted reader; closing it lets a compaction waiting for it go on. */
    public interface Reading extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Runs {@code work} with no reader in the dataset: waits for those there to finish, and holds new ones at
     * the gate meanwhile. TDB2 compaction needs this: a read transaction that spans its switch to the new
     * generation is ended on the new one and stays open on the old, and the compaction then waits for it forever
     * (Jena 5.6: a read begun before {@code DatabaseMgr.compact} and ended after it leaves the compaction hanging).
     */
    public <T> T withoutReaders(Supplier<T> work) {
        if (gate.getReadHoldCount() > 0)
            throw new IllegalStateException("A reader of the store cannot wait for there to be no readers.");
        gate.writeLock().lock();
        try {
            return work.get();
        } finally {
            gate.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        try {
            TDBInternal.expel(dataset);
        } finally {
            lock.close();
        }
    }
}
