package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * Admission before work: a client that sends its body slowly holds no thread and no query slot, so it stops
 * no one, and is cut off at {@code body-timeout}; {@code max-requests} can be reached, and what is past it is
 * told 503 with Retry-After while the health check goes on answering.
 */
class AdmissionTest {
    /**
     * A query that runs until its time limit: a cross product whose filter needs all three patterns bound (a
     * filter on ?a alone may be placed after the first pattern, and then the query ends at once: in one full
     * run every query answered within 3 s and max-requests was never reached).
     */
    private static final String SLOW_QUERY = "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(STR(?a) = CONCAT(STR(?d), STR(?g), \"#none\")) }";

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void clientsTricklingTheirBodiesStopNoOne() throws Exception {
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start()) {
            List<Socket> slow = new ArrayList<>();
            try {
                // More of them than the server has threads, and as many query bodies as there are query slots.
                for (int i = 0; i < WebServer.threads(64) + 20; i++)
                    slow.add(startBody(kb, "/sparql", "application/x-www-form-urlencoded", 2015, "query=ASK"));
                for (int i = 0; i < 4; i++)
                    slow.add(startBody(kb, "/sparql", "application/sparql-query", 2015, "ASK"));
                long worst = 0;
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
                while (System.nanoTime() < until) {
                    for (Socket s : slow) s.getOutputStream().write(' ');  // one byte each, all keep coming
                    for (String path : List.of("/health", "/api/search?q=health", "/", "/sparql?query="
                            + URLEncoder.encode("ASK { ?s ?p ?o }", StandardCharsets.UTF_8))) {
                        long t = System.nanoTime();
                        HttpResponse<String> r = kb.get(path);
                        long ms = (System.nanoTime() - t) / 1_000_000;
                        assertEquals(200, r.statusCode(), path + " during the attack: " + r.body());
                        worst = Math.max(worst, ms);
                    }
                    Thread.sleep(400);
                }
                assertTrue(worst < 1000, "the slowest answer during " + slow.size() + " slow bodies took " + worst + " ms");
            } finally {
                for (Socket s : slow) s.close();
            }
        }
    }

    @Test
    @Timeout(value = 1, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBodyThatDoesNotArriveInTimeIsCutOff() throws Exception {
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("body-timeout", "2"))) {
            try (Socket s = startBody(kb, "/api/search", "application/json", 100, "{")) {
                s.setSoTimeout(10_000);
                long t = System.nanoTime();
                InputStream in = s.getInputStream();
                while (in.read() >= 0) { /* whatever is said, the connection must end */ }
                double seconds = (System.nanoTime() - t) / 1e9;
                assertTrue(seconds > 1 && seconds < 6, "closed after " + seconds + " s, with a deadline of 2 s");
            }
            assertEquals(200, kb.get("/health").statusCode());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void maxRequestsIsReachedAndWhatIsPastItIsTurnedAwayWithRetryAfter() throws Exception {
        // One query slot and the default max-requests (64): 90 queries at once wait for the slot, and those past
        // the 64th are turned away at once.
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("query-concurrency", "1", "query-timeout", "3"))) {
            java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(90);
            List<CompletableFuture<RunningKnowledgeBase.RawResponse>> all = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                String from = "127.0.1." + (i + 1);  // 90 clients, each within its share
                String target = "/sparql?query=" + URLEncoder.encode(SLOW_QUERY + " #" + i, StandardCharsets.UTF_8);
                all.add(CompletableFuture.supplyAsync(() -> kb.rawFrom(from, "GET", target, ""), clients));
            }
            Thread.sleep(1000);
            long t = System.nanoTime();
            assertEquals(200, kb.get("/health").statusCode());
            long healthMs = (System.nanoTime() - t) / 1_000_000;
            int overloaded = 0, other = 0;
            for (CompletableFuture<RunningKnowledgeBase.RawResponse> f : all) {
                RunningKnowledgeBase.RawResponse r = f.get(60, TimeUnit.SECONDS);
                if (r.status() == 503 && r.body().contains("overloaded")) {
                    overloaded++;
                    assertTrue(r.header("Retry-After") != null, "503 with Retry-After");
                } else {
                    // The rest waited for the one slot: answered, stopped at the time limit, or told the slots stayed busy.
                    assertTrue(r.status() == 503 || r.status() == 200, r.status() + " " + r.body());
                    other++;
                }
            }
            clients.shutdown();
            assertTrue(overloaded > 0, "max-requests was reached: " + overloaded + " overloaded, " + other + " other answers");
            assertTrue(healthMs < 1000, "/health took " + healthMs + " ms with 64 requests in flight");
        }
    }

    /** Opens a connection and sends a request's head and the start of a body of {@code length} bytes. */
    private static Socket startBody(RunningKnowledgeBase kb, String path, String type, int length, String start) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", kb.server().port()), 5_000);
        OutputStream out = s.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nContent-Length: " + length
                + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }
}
