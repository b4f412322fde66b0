package org.w3id.hikb.ops;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.History;
import org.w3id.hikb.write.WritePath;

/**
 * Backups of the whole store as gzip'd N-Quads, written from one read transaction (a consistent snapshot,
 * taken while the server goes on serving and writing), into {@code <data>/backups/}; and restoring one. A
 * backup is {@code hikb-<generation>-<time>.nq.gz}, written to a temporary name and moved into place whole,
 * with its SHA-256 beside it.
 */
public final class Backups {
    private static final Pattern NAME = Pattern.compile("hikb-\\d+-\\d{8}T\\d{6}Z\\.nq\\.gz");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Backups() {}

    /** A backup: its file, the store's generation, and (a replica's) offset in the replication log, -1 if none. */
    public record Backup(String name, Path file, long generation, long logOffset, long quads, long bytes, String sha256) {}

    public static Path directory(KnowledgeStore store) {
        return store.directory().resolve("backups");
    }

    /**
     * Writes a backup of everything in the store, printing progress to {@code progress} (or nothing). One at a
     * time: two at once in the same second would write the same file.
     */
    public static synchronized Backup backup(KnowledgeStore store, PrintStream progress) {
        Path dir = directory(store);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
        return store.read(dsg -> {
            long generation = History.generation(dsg);
            String name = "hikb-" + generation + "-" + STAMP.format(Instant.now()) + ".nq.gz";
            Path tmp = dir.resolve(name + ".part"), file = dir.resolve(name);
            long[] count = { 0 };
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            try (OutputStream out = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(tmp), sha), 1 << 16)) {
                StreamRDF writer = StreamRDFWriter.getWriterStream(out, RDFFormat.NQUADS);
                writer.start();
                dsg.find().forEachRemaining(q -> {
                    writer.quad(q);
                    if (++count[0] % 250_000 == 0 && progress != null) progress.printf("backup: %,d quads%n", count[0]);
                });
                writer.finish();
            } catch (IOException e) {
                throw new StoreException("Cannot write the backup " + tmp + ": " + e.getMessage(), e);
            }
            String digest = HexFormat.of().formatHex(sha.digest());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                Files.writeString(dir.resolve(name + ".sha256"), digest + "  " + name + "\n");
                return new Backup(name, file, generation, WritePath.replicatedOffset(dsg), count[0], Files.size(file), digest);
            } catch (IOException e) {
                throw new StoreException("Cannot finish the backup " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** The backups in the data directory, newest first. */
    public static List<Path> list(KnowledgeStore store) {
        Path dir = directory(store);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> out = new ArrayList<>(files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList());
            java.util.Collections.reverse(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A backup of the data directory by its name (never a path: no ../ from a request). */
    public static Path named(KnowledgeStore store, String name) {
        if (name == null || !NAME.matcher(name).matches())
            throw new StoreException("Not a backup name: " + name + " (hikb-<generation>-<time>.nq.gz, as listed).");
        Path file = directory(store).resolve(name);
        if (!Files.isRegularFile(file)) throw new StoreException("There is no backup " + name + ".");
        return file;
    }

    /**
     * Makes an empty store an exact copy of the store a backup was taken of: every quad as it is (the change log,
     * the history, the generation and, in a replica's backup, its place in the replication log), blank nodes with
     * their own labels, in one transaction. Not a write of the write path: nothing is logged, and the copy's
     * generations are the original's. This is how a new read replica is made from a backup (docs/scale-out.md);
     * a store that holds anything is refused.
     *
     * @return the generation of the copy
     */
    public static long copyInto(WritePath writes, Path file, PrintStream progress) {
        long[] count = { 0 };
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new BufferedInputStream(file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            return writes.fillEmpty(add -> RDFParser.source(in).lang(Lang.NQUADS)
                    .labelToNode(org.apache.jena.riot.lang.LabelToNode.createUseLabelEncoded())
                    .parse(new StreamRDFBase() {
                        @Override
                        public void quad(Quad q) {
                            add.accept(q);
                            if (++count[0] % 250_000 == 0 && progress != null) progress.printf("copy: %,d quads%n", count[0]);
                        }
                    }));
        } catch (IOException e) {
            throw new StoreException("Cannot read the backup " + file + ": " + e.getMessage(), e);
        } catch (RiotException e) {
            throw new StoreException("The backup " + file + " is not N-Quads (nothing was copied): " + e.getMessage(), e);
        }
    }

    /** What a restore did: the generation it left the store at, the statements added and deleted, in how many writes. */
    public record Restored(long generation, long quadsAdded, long quadsDeleted, int writes) {}

    /** Statements per write of a restore: each is staged in memory, so this bounds what a restore holds. */
    public static final int BATCH = 20_000;

    /**
     * Makes the data graphs as they are in {@code file} (any N-Quads, gzip'd or not), in bounded memory whatever
     * its size: the file is loaded into a temporary TDB2 store beside the live one with Jena's loader; the
     * statements only the live store has, then those only the backup has, are written out to two files in one
     * pass over each store; then they are deleted and added through the write path {@code batch} at a time,
     * each a write that is logged, kept in the history and indexed. (Not checked against the shapes one by one:
     * the backup's statements were valid together when it was made, and a batch is half of a change.) A restore
     * stopped half-way, by a crash say, is finished by running it again.
     */
    public static Restored restore(WritePath writes, KnowledgeStore store, Path file, String agent, PrintStream progress) {
        return restore(writes, store, file, agent, progress, BATCH);
    }

    static Restored restore(WritePath writes, KnowledgeStore store, Path file, String agent, PrintStream progress, int batch) {
        Path work = store.directory().resolve("restore-" + System.nanoTime());
        try {
            Files.createDirectories(work);
            DatasetGraph backup = DatabaseMgr.connectDatasetGraph(work.resolve("backup").toString());
            try {
                long read = load(backup, file, progress);
                Path gone = work.resolve("gone.nq"), wanted = work.resolve("wanted.nq");
                long deletes = store.read(live -> Txn.calculateRead(backup, () -> difference(live, backup, gone)));
                long adds = store.read(live -> Txn.calculateRead(backup, () -> difference(backup, live, wanted)));
                if (progress != null) progress.printf("restore: %,d quads in the backup; %,d to delete, %,d to add%n", read, deletes, adds);
                long[] generation = { writes.generation() };
                int[] commits = { 0 };
                BiConsumer<List<Quad>, Boolean> apply = (quads, add) -> {
                    Commit c = writes.commitBatch(new Change.RestoreData(add ? quads : List.of(), add ? List.of() : quads), agent);
                    generation[0] = c.generation();
                    commits[0]++;
                };
                // The live store's blank nodes are read back as themselves, so that they can be deleted; the
                // backup's come in new, as from any parser.
                inBatches(gone, true, batch, q -> apply.accept(q, false));
                inBatches(wanted, false, batch, q -> apply.accept(q, true));
                writes.awaitFollowers(generation[0], java.time.Duration.ofMinutes(30));
                return new Restored(generation[0], adds, deletes, commits[0]);
            } finally {
                TDBInternal.expel(backup);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot restore " + file + ": " + e.getMessage(), e);
        } finally {
            deleteTree(work);
        }
    }

    /** The backup into an empty TDB2 store, by Jena's loader (which holds little in memory). */
    private static long load(DatasetGraph target, Path file, PrintStream progress) throws IOException {
        DataLoader loader = LoaderFactory.sequentialLoader(target, (fmt, args) -> {});
        loader.startBulk();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            loader.loadFromInputStream(file.getFileName().toString(), in, Lang.NQUADS);
            loader.finishBulk();
        } catch (RuntimeException | IOException e) {
            loader.finishException(e);
            if (e instanceof RiotException)
                throw new StoreException("The backup " + file + " is not N-Quads: " + e.getMessage(), e);
            throw e;
        }
        if (progress != null) progress.printf("restore: read %,d quads%n", loader.countQuads());
        return loader.countQuads();
    }

    /** Writes the restored statements of {@code from} that {@code other} lacks to {@code out}; how many. */
    private static long difference(DatasetGraph from, DatasetGraph other, Path out) {
        long[] n = { 0 };
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(out), 1 << 16)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(file, RDFFormat.NQUADS);
            writer.start();
            from.find().forEachRemaining(q -> {
                if (Quad.isDefaultGraph(q.getGraph()) || !Change.RestoreData.restored(q) || other.contains(q)) return;
                writer.quad(q);
                n[0]++;
            });
            writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n[0];
    }

    private static void inBatches(Path nquads, boolean blankNodesAsWritten, int batch, Consumer<List<Quad>> each) throws IOException {
        List<Quad> pending = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(nquads), 1 << 16)) {
            var parser = RDFParser.source(in).lang(Lang.NQUADS);
            if (blankNodesAsWritten) parser.labelToNode(org.apache.jena.riot.lang.LabelToNode.createUseLabelEncoded());
            parser.parse(new StreamRDFBase() {
                @Override
                public void quad(Quad q) {
                    pending.add(q);
                    if (pending.size() >= batch) {
                        each.accept(new ArrayList<>(pending));
                        pending.clear();
                    }
                }
            });
        }
        if (!pending.isEmpty()) each.accept(pending);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Left for the next start to find; it holds nothing the store needs.
        }
    }
}
