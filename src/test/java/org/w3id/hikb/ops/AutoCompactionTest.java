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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * TDB2 keeps the old version of every index block a write changes until the store is compacted: the write
 * path compacts it by itself once it has grown {@code auto-compact} times (here 1, so after every write, and
 * from any size), in the background. Queries and page reads run meanwhile, and are never held up: a read that
 * spans the switch to the compacted store stays on the generation it began on, and the compaction waits for it.
 */
class AutoCompactionTest {
    static final String SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    @TempDir Path tmp;

    /** Compactions run in the background: waits until none is queued or running, at most two minutes. */
    static void waitForCompactions(RunningKnowledgeBase kb) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (kb.app().compactions().jobs().stream().anyMatch(j -> !j.over())) {
            if (System.nanoTime() > until) throw new AssertionError("compactions still running: " + kb.app().compactions().jobs());
            Thread.sleep(100);
        }
    }

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
            // Threads of their own: the common pool has a single one on a 2-core machine, and would read one by one.
            ExecutorService clients = Executors.newCachedThreadPool();
            for (int i = 0; i < 5; i++) {
                // A query that runs until the timeout stops it, and page reads, while the writes compact the store.
                readers.add(CompletableFuture.supplyAsync(() -> kb.get("/sparql?query=" + URLEncoder.encode(SLOW, StandardCharsets.UTF_8)).statusCode(), clients));
                readers.add(CompletableFuture.supplyAsync(() -> kb.get("/doc/id/project/improve.ttl").statusCode(), clients));
                Thread.sleep(300);
                HttpResponse<String> r = OperationsTest.send(kb, "POST", "/api/records", "application/json",
                        OperationsTest.record("grown-" + i), tokens.editor());
                assertEquals(201, r.statusCode(), r.body());
            }
            clients.shutdown();
            for (int i = 0; i < readers.size(); i++) {
                int status = readers.get(i).get(90, TimeUnit.SECONDS);
                // The endless query is stopped by the timeout (503), or refused as one too many from this client (429);
                // a page read is never held up by a compaction.
                if (i % 2 == 0) assertTrue(status == 503 || status == 429, "the endless query got " + status);
                else assertEquals(200, status, "a page read while the store compacted");
            }
            waitForCompactions(kb);
            assertTrue(kb.app().compactions().jobs().stream().anyMatch(j -> j.trigger().equals("auto") && j.state() == Compactions.State.DONE),
                    "compacted by itself: " + kb.app().compactions().jobs());
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
