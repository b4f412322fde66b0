package org.w3id.hikb.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.jena.rdfpatch.RDFPatch;
import org.w3id.hikb.write.PatchKeeper;
import org.w3id.hikb.write.Patches;

/**
 * The writer's outbox: each commit's patch, written and forced to disk inside the commit's transaction (one file
 * per generation in {@code <data>/outbox/}), until the log has it. A crash between a commit and its publication
 * leaves the patch here, and the publisher sends it at the next start. A file left by a transaction that did not
 * commit names a generation the store does not have; the next commit of that generation replaces it.
 */
public final class Outbox implements PatchKeeper {
    private static final String SUFFIX = ".patch";
    private final Path dir;

    private Outbox(Path dir) {
        this.dir = dir;
    }

    /** The outbox of the store in {@code dataDir}, made if it is not there. */
    public static Outbox in(Path dataDir) {
        Path dir = dataDir.resolve("outbox");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the outbox " + dir + ": " + e.getMessage(), e);
        }
        return new Outbox(dir);
    }

    /** Whether the store in {@code dataDir} has ever written a log (then every write must keep its patch). */
    public static boolean existsIn(Path dataDir) {
        return Files.isDirectory(dataDir.resolve("outbox"));
    }

    @Override
    public void keep(long generation, RDFPatch patch) {
        Path file = file(generation);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.wrap(Patches.bytes(patch));
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException ignored) {
                // Not every file system lets a directory be forced; the move is atomic all the same.
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the patch of generation " + generation + " in the outbox " + dir
                    + " (the write is not applied): " + e.getMessage(), e);
        }
    }

    /** The generations waiting, above {@code after} and at most {@code upTo}, in order. */
    public List<Long> waiting(long after, long upTo) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]{20}\\" + SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, 20))).filter(g -> g > after && g <= upTo)
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the outbox " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The patch text of {@code generation}. */
    public byte[] read(long generation) {
        try {
            return Files.readAllBytes(file(generation));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read generation " + generation + " from the outbox " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Forgets every patch up to {@code generation}: the log has them. */
    public void sentUpTo(long generation) {
        for (long g : waiting(-1, generation)) sent(g);
    }

    /** Forgets the patch of {@code generation}: the log has it. */
    public void sent(long generation) {
        try {
            Files.deleteIfExists(file(generation));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear generation " + generation + " from the outbox " + dir + ": " + e.getMessage(), e);
        }
    }

    private Path file(long generation) {
        return dir.resolve(String.format("%020d", generation) + SUFFIX);
    }
}
