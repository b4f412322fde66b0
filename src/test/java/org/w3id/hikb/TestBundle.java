package org.w3id.hikb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** A copy of the project's ontology/ and data/ that a test may change. */
public final class TestBundle {
    private TestBundle() {}

    public static Path copyTo(Path dir) {
        try {
            for (String folder : new String[] { "ontology", "data" }) {
                Path from = Path.of(folder);
                try (Stream<Path> walk = Files.walk(from)) {
                    for (Path p : walk.toList()) {
                        Path to = dir.resolve(p.toString());
                        if (Files.isDirectory(p)) Files.createDirectories(to);
                        else Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces text in a file of the bundle; fails if the text is not there. */
    public static void edit(Path bundle, String file, String from, String to) {
        try {
            Path p = bundle.resolve(file);
            String s = Files.readString(p);
            if (!s.contains(from)) throw new IllegalArgumentException("Not in " + file + ": " + from);
            Files.writeString(p, s.replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
