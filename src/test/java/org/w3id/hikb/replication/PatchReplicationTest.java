package org.w3id.hikb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.apache.jena.rdfpatch.RDFPatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;
import org.w3id.hikb.store.StoreDigest;
import org.w3id.hikb.write.Patches;
import org.w3id.hikb.write.WriteRefusedException;

/**
 * Every commit of the write path is an RDF Patch (with the change as its id and the change before as prev);
 * the patches, applied in order to a copy of the store at the generation before them, make the same store:
 * the same quads (SHA-256 over sorted N-Quads) and the same search answers, a purge of the history included. Applying one twice changes
 * nothing; a gap is refused. This is what a read replica does with the replication log.
 */
class PatchReplicationTest {
    private static final String SOURCE = "https://w3id.org/hikb/id/source/seed-004-improve";

    @Test
    void patchesAppliedInOrderMakeTheWritersStore(@TempDir Path tmp) {
        Path writerData = tmp.resolve("writer"), replicaData = tmp.resolve("replica");
        RunningKnowledgeBase.start(writerData, null).stop();
        copyStore(writerData, replicaData); // the replica's bootstrap: a copy of the writer at its generation

        TestTokens tokens = TestTokens.create("replication-editor", "replication-admin");
        List<byte[]> log = new CopyOnWriteArrayList<>();
        String writerDigest, writerSearch;
        long writerGeneration;
        try (RunningKnowledgeBase writer = RunningKnowledgeBase.start(writerData, null, Map.of("tokens-file", tokens.path()))) {
            writer.app().writes().addPatchListener((commit, patch) -> log.add(Patches.bytes(patch)));
            long start = writer.app().writes().generation();
            HttpResponse<String> created = writer.send(HttpRequest.newBuilder(URI.create(writer.url("/api/records")))
                    .header("Authorization", "Bearer " + tokens.editor()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"project\", \"slug\": \"replicated\", \"title\": {\"en\": \"Qzxreplicated record\"},"
                            + " \"language\": [\"en\"], \"sources\": [{\"id\": \"" + SOURCE + "\"}]}")).build());
            assertEquals(201, created.statusCode(), created.body());
            HttpResponse<String> updated = writer.post("/sparql/update", "application/sparql-update",
                    "PREFIX dct: <http://purl.org/dc/terms/> DELETE { ?r dct:title ?t } INSERT { ?r dct:title \"Qzxreplicated record, renamed\"@en }"
                            + " WHERE { GRAPH ?g { ?r dct:title ?t } FILTER(?r = <https://w3id.org/hikb/id/project/replicated>) }",
                    "Authorization", "Bearer " + tokens.editor());
            assertEquals(200, updated.statusCode(), updated.body());
            String etag = writer.get("/api/records/replicated").headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> deleted = writer.send(HttpRequest.newBuilder(URI.create(writer.url("/api/records/replicated")))
                    .header("Authorization", "Bearer " + tokens.admin()).header("If-Match", etag).DELETE().build());
            assertTrue(deleted.statusCode() < 300, deleted.statusCode() + " " + deleted.body());
            // A purge changes no data quad, only the history: a generation all the same, with its patch.
            HttpResponse<String> purged = writer.send(HttpRequest.newBuilder(URI.create(writer.url("/api/admin/purge")))
                    .header("Authorization", "Bearer " + tokens.admin()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"renamed\"}")).build());
            assertEquals(200, purged.statusCode(), purged.body());
            writerGeneration = writer.app().writes().generation();
            assertEquals(writerGeneration - start, log.size(), "one patch per commit");
            writerDigest = StoreDigest.of(writer.app().store());
            writerSearch = writer.get("/api/search?lang=en&q=qzxreplicated+improve&min-generation=" + writerGeneration).body();
            assertTrue(writerSearch.contains("\"improve\"") && !writerSearch.contains("\"replicated\""), writerSearch);
        }

        try (RunningKnowledgeBase replica = RunningKnowledgeBase.start(replicaData, null)) {
            String before = StoreDigest.of(replica.app().store());
            assertNotEquals(writerDigest, before, "the copy is behind the writer");
            for (int offset = 0; offset < log.size(); offset++)
                replica.app().writes().applyReplicated(Patches.read(log.get(offset)), offset);
            assertEquals(writerGeneration, replica.app().writes().generation());
            assertEquals(writerDigest, StoreDigest.of(replica.app().store()), "the replica holds exactly the writer's quads");
            assertEquals(log.size() - 1, replica.app().writes().replicatedOffset());

            // Replayed from an earlier offset (a consumer restarted before its position was saved): nothing changes.
            for (int offset = 0; offset < log.size(); offset++)
                assertNull(replica.app().writes().applyReplicated(Patches.read(log.get(offset)), offset));
            assertEquals(writerDigest, StoreDigest.of(replica.app().store()));

            String found = replica.get("/api/search?lang=en&q=qzxreplicated+improve&min-generation=" + writerGeneration).body();
            assertEquals(found, writerSearch, "the replica's index follows the patches: the same answer as the writer's");
            assertEquals(404, replica.get("/api/records/replicated").statusCode(), "a delete is replicated too");

            RDFPatch last = Patches.read(log.get(log.size() - 1));
            assertEquals(writerGeneration, Patches.generation(last));
            assertEquals("https://w3id.org/hikb/change/" + (writerGeneration - 1), last.getPrevious().getURI());
        }
    }

    @Test
    void aPatchThatSkipsAGenerationIsRefused(@TempDir Path tmp) {
        Path writerData = tmp.resolve("writer"), replicaData = tmp.resolve("replica");
        RunningKnowledgeBase.start(writerData, null).stop();
        copyStore(writerData, replicaData);
        TestTokens tokens = TestTokens.create("gap-editor", "gap-admin");
        List<byte[]> log = new CopyOnWriteArrayList<>();
        try (RunningKnowledgeBase writer = RunningKnowledgeBase.start(writerData, null, Map.of("tokens-file", tokens.path()))) {
            writer.app().writes().addPatchListener((commit, patch) -> log.add(Patches.bytes(patch)));
            for (String title : List.of("one", "two"))
                assertEquals(200, writer.post("/sparql/update", "application/sparql-update",
                        "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/updates> { <" + SOURCE + "> <http://purl.org/dc/terms/alternative> \"" + title + "\" } }",
                        "Authorization", "Bearer " + tokens.editor()).statusCode());
        }
        assertEquals(2, log.size());
        try (RunningKnowledgeBase replica = RunningKnowledgeBase.start(replicaData, null)) {
            long generation = replica.app().writes().generation();
            String digest = StoreDigest.of(replica.app().store());
            assertThrows(WriteRefusedException.class, () -> replica.app().writes().applyReplicated(Patches.read(log.get(1)), 1));
            assertEquals(generation, replica.app().writes().generation(), "nothing of a refused patch is applied");
            assertEquals(digest, StoreDigest.of(replica.app().store()));
            assertEquals(-1, replica.app().writes().replicatedOffset());
        }
    }

    /** A copy of a stopped knowledge base's TDB2 store (its search index is rebuilt from it at start). */
    private static void copyStore(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from.resolve("store"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
