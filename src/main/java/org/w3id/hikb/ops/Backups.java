package org.w3id.hikb.ops;

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
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
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

    /** What a backup holds. */
    public record Backup(String name, Path file, long generation, long quads, long bytes, String sha256) {}

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
                return new Backup(name, file, generation, count[0], Files.size(file), digest);
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
     * Makes the data graphs as they are in {@code file} (any N-Quads, gzip'd or not): one write through the
     * write path, so it is checked, logged and indexed like any other.
     */
    public static Commit restore(WritePath writes, Path file, String agent, PrintStream progress) {
        List<Quad> quads = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(new StreamRDFBase() {
                @Override
                public void quad(Quad q) {
                    quads.add(q);
                    if (quads.size() % 250_000 == 0 && progress != null) progress.printf("restore: read %,d quads%n", quads.size());
                }
            });
        } catch (IOException e) {
            throw new StoreException("Cannot read the backup " + file + ": " + e.getMessage(), e);
        }
        if (progress != null) progress.printf("restore: %,d quads read; writing%n", quads.size());
        return writes.commit(new Change.RestoreData(quads), agent);
    }
}
