package org.w3id.hikb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

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

    static App open(Path dataDir) {
        return App.open(Config.resolve(Map.of(), Map.of("data", dataDir.toString(), "port", "0")));
    }
}
