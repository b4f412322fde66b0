package org.w3id.hikb.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.store.DatasetGraphSwitchable;
import org.apache.jena.tdb2.sys.TDBInternal;

/**
 * The knowledge base's single source of truth: an embedded TDB2 dataset in {@code <data>/store},
 * owned by this process for as long as it is open. Every source file lives in its own named graph.
 *
 * <p>Readers use {@link #read}; writes go through {@code org.w3id.hikb.write.WritePath} only, which
 * validates, records the change and keeps the search index in step. A read stays on the TDB2 generation it
 * began on ({@link PinnedReads}), so that {@link #compact} never waits for a reader, nor a reader for it.
 */
public final class KnowledgeStore implements AutoCloseable {
    private final Path directory;
    private final DataDirectoryLock lock;
    private final PinnedReads dataset;
    private final DatasetGraph readOnly;
    private boolean writesClaimed;

    private KnowledgeStore(Path directory, DataDirectoryLock lock, DatasetGraph dataset) {
        this.directory = directory;
        this.lock = lock;
        this.dataset = new PinnedReads((DatasetGraphSwitchable) withUnionDefaultGraph(dataset));
        this.readOnly = new org.apache.jena.sparql.core.DatasetGraphReadOnly(this.dataset);
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
     * The TDB2 dataset to write to, handed out once: to the write path ({@code WritePath}), which opens the store's
     * only write transactions. A second claim fails, so nothing else can write.
     */
    public synchronized DatasetGraph claimWrites() {
        if (writesClaimed) throw new IllegalStateException("The store's writes are already claimed by its write path.");
        writesClaimed = true;
        return dataset;
    }

    /**
     * The dataset for readers that begin their own transactions (Fuseki's query endpoint): reads and read
     * transactions pass through; every write fails. SPARQL over it sees the union of the named graphs as the
     * default graph.
     */
    public DatasetGraph readOnly() { return readOnly; }

    /**
     * Runs {@code action} in one read transaction, a consistent snapshot however long it takes, on the TDB2
     * generation that was current when it began (queries over it run on TDB2's own engine).
     */
    public <T> T read(Function<DatasetGraph, T> action) {
        return Txn.calculateRead(dataset, () -> action.apply(dataset.current()));
    }

    /**
     * What the read transaction open on this thread reads (for Fuseki, which opens its own): the TDB2
     * generation it began on.
     */
    public DatasetGraph readView() {
        return dataset.current();
    }

    /**
     * TDB2 compaction: the live version of every index copied to a new generation, the old ones deleted. Reads
     * go on throughout, on the old generation until they end; writes wait while the data is copied (TDB2 holds
     * them); the call returns once the last reader of the old generation has left. Run it in the background.
     */
    public void compact() {
        DatabaseMgr.compact(dataset.container(), true);
    }

    @Override
    public void close() {
        try {
            TDBInternal.expel(dataset.container());
        } finally {
            lock.close();
        }
    }
}
