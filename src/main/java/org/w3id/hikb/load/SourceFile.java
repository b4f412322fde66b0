package org.w3id.hikb.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.apache.jena.graph.Node;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.StoreException;

/**
 * A file to load, with the name it is known by (its path relative to the bundle, such as
 * {@code data/improve.ttl}) and hence its graph.
 */
public record SourceFile(String name, Path path) {

    public Node graph() {
        return GraphNames.forFile(name);
    }

    /** SHA-256 of the file's bytes: an unchanged file is not loaded again. */
    public String contentHash() {
        try (InputStream in = Files.newInputStream(path)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; )
                digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new StoreException("Cannot read " + path + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
