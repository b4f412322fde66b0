package org.w3id.hikb.ops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.jena.tdb2.DatabaseMgr;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.write.WritePath;

/**
 * TDB2 compaction while serving: TDB2 keeps every version of its indexes until compacted, so a store that
 * sees many writes grows. Readers go on during compaction; writes wait for it (they hold the write path).
 * The search index needs nothing: it is keyed by the store's generation, which compaction does not change.
 */
public final class Compaction {
    private Compaction() {}

    /** The store's size on disk before and after. */
    public record Result(long bytesBefore, long bytesAfter) {}

    public static Result compact(KnowledgeStore store, WritePath writes) {
        Path dir = store.directory().resolve("store");
        return writes.exclusively(() -> {
            long before = size(dir);
            DatabaseMgr.compact(store.dataset(), true);
            return new Result(before, size(dir));
        });
    }

    static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }
}
