package org.w3id.hikb.load;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.store.StoreException;

/**
 * The knowledge base's own files: the ontology, shapes and concept schemes under {@code ontology/}, and the
 * records under {@code data/}. They come from a directory (a checkout, so edits take effect on the next
 * {@code load}) or, when there is none, from the copy inside the jar.
 */
public final class Bundle {
    private static final List<String> FOLDERS = List.of("ontology", "data");
    private final Path root;
    private final String origin;

    private Bundle(Path root, String origin) {
        this.root = root;
        this.origin = origin;
    }

    /** The bundle in {@code dir}, which must hold {@code ontology/} and {@code data/}. */
    public static Bundle at(Path dir) {
        for (String folder : FOLDERS)
            if (!Files.isDirectory(dir.resolve(folder)))
                throw new StoreException("No " + folder + "/ folder in " + dir.toAbsolutePath()
                        + ": a bundle directory holds ontology/ and data/.");
        return new Bundle(dir, dir.toAbsolutePath().normalize().toString());
    }

    /** The working directory if it is a checkout of the project, else the copy packaged in the jar. */
    public static Bundle locate() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve("ontology/hikb.ttl")) && Files.isDirectory(cwd.resolve("data")))
            return at(cwd);
        return packaged();
    }

    /** The copy of {@code ontology/} and {@code data/} packaged under {@code bundle/} on the class path. */
    public static Bundle packaged() {
        URL marker = Bundle.class.getResource("/bundle/ontology/hikb.ttl");
        if (marker == null)
            throw new StoreException("This build has no packaged ontology and data (bundle/ on the class path).");
        try {
            URI uri = marker.toURI();
            Path file = "jar".equals(uri.getScheme()) ? jarFileSystem(uri).provider().getPath(uri) : Path.of(uri);
            return new Bundle(file.getParent().getParent(), "packaged in the application");
        } catch (URISyntaxException | IOException e) {
            throw new StoreException("Cannot read the packaged bundle: " + e.getMessage(), e);
        }
    }

    private static FileSystem jarFileSystem(URI uri) throws IOException {
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }

    /** Where the files come from, for messages. */
    public String origin() { return origin; }

    /** Every RDF file of the bundle, ontology first, in a stable order. */
    public List<SourceFile> files() {
        List<SourceFile> out = new ArrayList<>();
        for (String folder : FOLDERS) {
            try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
                walk.filter(Files::isRegularFile)
                    .filter(p -> RdfFiles.syntaxOf(p) != null)
                    .sorted(Comparator.comparing(Path::toString))
                    .forEach(p -> out.add(new SourceFile(root.relativize(p).toString().replace('\\', '/'), p)));
            } catch (IOException e) {
                throw new StoreException("Cannot list " + root.resolve(folder) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The name a file has in the bundle ({@code data/x.ttl}); a file from elsewhere is named {@code data/<file name>}. */
    public String nameOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.getFileSystem().equals(root.getFileSystem()) && abs.startsWith(root.toAbsolutePath().normalize()))
            return root.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
        return "data/" + file.getFileName();
    }

    /** The public source files the bundle carries ({@code data/sources/}), which its mappings import. */
    public Path sources() {
        return root.resolve("data/sources");
    }

    /** The bilingual dictionaries the bundle carries for query translation ({@code data/lexicons/}). */
    public Path lexicons() {
        return root.resolve("data/lexicons");
    }

    /** The import mappings of the bundle ({@code data/imports/*.yaml}), in a stable order. */
    public List<Path> importMappings() {
        Path dir = root.resolve("data/imports");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw new StoreException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
