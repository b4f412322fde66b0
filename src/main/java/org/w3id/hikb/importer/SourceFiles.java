package org.w3id.hikb.importer;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.w3id.hikb.store.StoreException;

/**
 * The directory an import reads its data files from: the bundle's {@code data/sources/} (the public files the
 * knowledge base carries, gzip'd, each with its SHA-256 in {@code manifest.tsv}) or a directory of one's own.
 * A mapping names a file as published ({@code cordis/h2020-projects.csv}); here it may also be stored as
 * {@code cordis/h2020-projects.csv.gz}. A file the manifest lists must have the checksum it names: a file
 * changed by accident is refused, not imported.
 */
public final class SourceFiles {
    public static final String MANIFEST = "manifest.tsv";
    private final Path dir;
    /** The manifest's lines by file: file, sha256, bytes, uncompressed bytes, publisher, licence, re-hosted by, page, retrieved. */
    private final Map<String, String[]> manifest;

    private SourceFiles(Path dir, Map<String, String[]> manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    public static SourceFiles in(Path dir) {
        if (!Files.isDirectory(dir))
            throw new StoreException("No such directory: " + dir + " (where the mappings' source files are).");
        return new SourceFiles(dir, readManifest(dir.resolve(MANIFEST)));
    }

    public Path dir() { return dir; }

    /** The stored file for a mapping's file name: the name itself, or the name with {@code .gz}. */
    public Path locate(String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) return plain;
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) return gz;
        throw new StoreException("No such file: " + plain + " (nor " + gz.getFileName() + "; the mapping's source file, relative to " + dir + ").");
    }

    /** The stored size in bytes (for a progress bar that counts the bytes as stored). */
    public long size(String name) {
        try {
            return Files.size(locate(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file's content, uncompressed; {@code counter} (may be null) is told how many stored bytes have been
     * read. A file the manifest lists is checked first.
     */
    public InputStream open(String name, java.util.function.LongConsumer counter) throws IOException {
        Path file = locate(name);
        String key = dir.relativize(file).toString().replace('\\', '/');
        String[] listed = manifest.get(key);
        if (listed != null) verify(file, key, listed[1]);
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (counter != null) raw = counting(raw, counter);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    }

    /** Reads the whole stored file once (the largest is a few MB) and compares its SHA-256 with the manifest's. */
    private static void verify(Path file, String key, String expected) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equals(expected))
            throw new StoreException("The file " + key + " is not the one its manifest names (SHA-256 " + got + ", expected " + expected + ").");
    }

    private static InputStream counting(InputStream in, java.util.function.LongConsumer counter) {
        return new FilterInputStream(in) {
            private long count;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) counter.accept(++count);
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) counter.accept(count += n);
                return n;
            }
        };
    }

    /**
     * When the file was retrieved from its publisher: the manifest's date, else the day the file was last
     * changed here.
     */
    public String retrieved(String name) {
        Path file = locate(name);
        String[] listed = manifest.get(dir.relativize(file).toString().replace('\\', '/'));
        if (listed != null && listed.length >= 9 && listed[8].matches("\\d{4}-\\d{2}-\\d{2}")) return listed[8];
        try {
            return Files.getLastModifiedTime(file).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String[]> readManifest(Path file) {
        Map<String, String[]> out = new HashMap<>();
        if (!Files.isRegularFile(file)) return out;
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cols = line.split("\t");
                if (cols.length >= 2) out.put(cols[0], cols);
            }
        } catch (IOException e) {
            throw new StoreException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
