package org.w3id.hikb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * A compaction while an anonymous client downloads a 100,000-row result slowly: the compaction runs in the
 * background and waits for that reader in its own thread; no one else waits. The health check, record pages,
 * search and SPARQL answer within a second throughout, a write goes through, and the compaction ends once the
 * slow reader has gone.
 */
class CompactionAvailabilityTest {
    private static final String BIG = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c }";
    @TempDir Path tmp;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCompactionAndASlowDownloadStopNoOne() throws Exception {
        TestTokens tokens = TestTokens.create("curator", "operator");
        Path data = tmp.resolve("data");
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, null, Map.of("tokens-file", tokens.path(), "query-timeout", "300"))) {
            AtomicBoolean reading = new AtomicBoolean(true);
            AtomicLong received = new AtomicLong();
            Socket slow = new Socket();
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", kb.server().port()), 5_000);
            slow.getOutputStream().write(("GET /sparql?query=" + URLEncoder.encode(BIG, StandardCharsets.UTF_8) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: application/sparql-results+json\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[2048];
                try (InputStream in = slow.getInputStream()) {
                    while (reading.get()) {
                        int n = in.read(buffer);
                        if (n < 0) break;
                        received.addAndGet(n);
                        Thread.sleep(100);  // about 20 KB/s
                    }
                } catch (Exception e) {
                    // closed by the test
                }
            });
            reader.start();
            try {
                while (received.get() < 10_000) Thread.sleep(50);

                long t = System.nanoTime();
                HttpResponse<String> asked = OperationsTest.send(kb, "POST", "/api/admin/compact", null, null, tokens.admin());
                assertEquals(202, asked.statusCode(), asked.body());
                assertTrue(ms(t) < 1000, "the compaction was asked for and left to run in the background");
                String job = asked.headers().firstValue("Location").orElseThrow();

                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
                long worst = 0;
                int round = 0;
                while (System.nanoTime() < until) {
                    for (String path : List.of("/health", "/api/records/improve", "/api/search?q=health", "/doc/id/project/hack-it-net",
                            "/sparql?query=" + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8))) {
                        t = System.nanoTime();
                        HttpResponse<String> r = kb.get(path);
                        assertEquals(200, r.statusCode(), path + " during the compaction: " + r.body());
                        worst = Math.max(worst, ms(t));
                    }
                    t = System.nanoTime();
                    HttpResponse<String> w = OperationsTest.send(kb, "POST", "/api/records", "application/json",
                            OperationsTest.record("written-while-compacting-" + round++), tokens.editor());
                    assertEquals(201, w.statusCode(), w.body());
                    assertTrue(ms(t) < 5000, "a write during the compaction took " + ms(t) + " ms");
                    Thread.sleep(200);
                }
                assertTrue(worst < 1000, "the slowest read during the compaction took " + worst + " ms");
                JsonNode during = RunningKnowledgeBase.json(OperationsTest.send(kb, "GET", job, null, null, tokens.admin()).body());
                assertEquals("running", during.path("state").asText(), "the compaction waits for the slow reader of the old generation: " + during);
                assertTrue(RunningKnowledgeBase.json(kb.get("/health").body()).path("compacting").asBoolean());

                reading.set(false);
                slow.close();
                reader.join();
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                JsonNode after = during;
                while (!after.path("state").asText().equals("done") && System.nanoTime() < waitUntil) {
                    Thread.sleep(100);
                    after = RunningKnowledgeBase.json(OperationsTest.send(kb, "GET", job, null, null, tokens.admin()).body());
                }
                assertEquals("done", after.path("state").asText(), "once the slow reader left: " + after);
                assertFalse(Files.exists(data.resolve("store").resolve("Data-0001")), "the old generation is deleted");
                for (int i = 0; i < round; i++)
                    assertEquals(200, kb.get("/api/records/written-while-compacting-" + i).statusCode());
                assertTrue(kb.get("/api/search?lang=en&q=written-while-compacting-0").body().contains("written-while-compacting-0"));
            } finally {
                reading.set(false);
                slow.close();
            }
        }
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
