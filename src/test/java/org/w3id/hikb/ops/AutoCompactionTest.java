package org.w3id.hikb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * TDB2 keeps the old version of every index block a write changes until the store is compacted: the write
 * path compacts it by itself once it has grown {@code auto-compact} times (here 1, so after every write, and
 * from any size). Queries and page reads run meanwhile: a read that spans the switch to the compacted store
 * would leave TDB2's compaction waiting for ever (Jena 5.6), so readers are held at a gate while it runs.
 */
class AutoCompactionTest {
    static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    @TempDir Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aStoreThatHasGrownIsCompactedByItselfWhileReadersComeAndGoAndStaysWhole() throws Exception {
        TestTokens tokens = TestTokens.create("grower", "grower-admin");
        Path data = tmp.resolve("data");
        Map<String, String> settings = Map.of("auto-compact", "1", "auto-compact-min-mb", "0", "tokens-file", tokens.path(),
                "query-timeout", "2");
        RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, null, settings);
        try {
            List<CompletableFuture<Integer>> readers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // A query that runs until the timeout stops it, and page reads, while the writes compact the store.
                readers.add(CompletableFuture.supplyAsync(() -> kb.get("/sparql?query=" + URLEncoder.encode(SLOW, StandardCharsets.UTF_8)).statusCode()));
                readers.add(CompletableFuture.supplyAsync(() -> kb.get("/doc/id/project/improve.ttl").statusCode()));
                Thread.sleep(300);
                HttpResponse<String> r = OperationsTest.send(kb, "POST", "/api/records", "application/json",
                        OperationsTest.record("grown-" + i), tokens.editor());
                assertEquals(201, r.statusCode(), r.body());
            }
            for (CompletableFuture<Integer> reader : readers) {
                int status = reader.get(90, TimeUnit.SECONDS);
                assertTrue(status == 200 || status == 503, "a reader got " + status);
            }
            assertFalse(Files.exists(data.resolve("store").resolve("Data-0001")), "compacted into a new generation, the first one deleted");
            for (int i = 0; i < 5; i++) assertEquals(200, kb.get("/api/records/grown-" + i).statusCode(), "grown-" + i);
            assertTrue(kb.get("/api/search?lang=en&q=grown-4").body().contains("grown-4"), "and found");
            assertEquals(200, kb.get("/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8)).statusCode());
        } finally {
            kb.stop();
        }
        try (RunningKnowledgeBase again = RunningKnowledgeBase.start(data, null, settings)) {
            for (int i = 0; i < 5; i++) assertEquals(200, again.get("/api/records/grown-" + i).statusCode(), "after a restart: grown-" + i);
            assertEquals(200, again.get("/api/records/hack-it-net").statusCode());
        }
    }
}
