package org.w3id.hikb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.hikb.App;
import org.w3id.hikb.config.Config;

/** The directories a benchmark builds its stores in. */
final class Workspace {
    private Workspace() {}

    static Path fresh(Path dir) {
        try {
            if (Files.exists(dir))
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a data directory (or a store in it), without its lock files. */
    static void copy(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else if (!p.getFileName().toString().endsWith(".lock")) Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes the files under {@code dir} take. */
    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads N-Quads into a fresh TDB2 store in {@code dir} with Jena's bulk loader; returns the nanoseconds it took. */
    static long bulkLoad(Path dir, Path nquads) {
        fresh(dir);
        long t = System.nanoTime();
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(dir.toString());
        DataLoader loader = LoaderFactory.createLoader(dsg, (fmt, args) -> { });
        loader.startBulk();
        loader.load(List.of(nquads.toString()));
        loader.finishBulk();
        long nanos = System.nanoTime() - t;
        TDBInternal.expel(dsg);
        return nanos;
    }

    static App open(Path dataDir) {
        return App.open(Config.resolve(Map.of(), Map.of("data", dataDir.toString(), "port", "0")));
    }
}
