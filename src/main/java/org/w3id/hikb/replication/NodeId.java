package org.w3id.hikb.replication;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Which writer wrote a patch: a UUID made at the first start of a data directory as a writer and kept in
 * {@code <data>/node-id}, sent with every message of the log. It tells a writer coming back whether the log's
 * last patch is its own (sent before a crash) or another writer's (split brain: it must not go on). A copy of a
 * data directory made to start a second writer must leave the file out.
 */
final class NodeId {
    private NodeId() {}

    static String of(Path dataDir) {
        Path file = dataDir.resolve("node-id");
        try {
            if (Files.exists(file)) return Files.readString(file, StandardCharsets.US_ASCII).trim();
            String id = "urn:uuid:" + UUID.randomUUID();
            Files.createDirectories(dataDir);
            Files.writeString(file, id + "\n", StandardCharsets.US_ASCII);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or make the node id " + file + ": " + e.getMessage(), e);
        }
    }
}
