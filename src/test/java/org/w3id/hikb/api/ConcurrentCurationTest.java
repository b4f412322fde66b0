package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * Many clients at once on loopback: writers creating records, writers racing to change one record with
 * If-Match, readers searching meanwhile. Afterwards exactly the acknowledged writes are there, in the store
 * and in the search index alike.
 */
class ConcurrentCurationTest {
    static final int WRITERS = 6, RECORDS_EACH = 8, RACERS = 4, TRIES_EACH = 5, READERS = 2;
    static RunningKnowledgeBase kb;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        TestTokens tokens = TestTokens.create("concurrent", "concurrent-admin");
        token = tokens.editor();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() { kb.close(); }

    /** A word no record has, made of letters only, so the search finds exactly its record. */
    static String word(int n) {
        StringBuilder sb = new StringBuilder("zyq");
        for (int i = 0; i < 3; i++) {
            sb.append((char) ('a' + n % 26));
            n /= 26;
        }
        return sb.toString();
    }

    static HttpResponse<String> send(String method, String path, String type, String body, String ifMatch) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kb.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (type != null) b.header("Content-Type", type);
        if (ifMatch != null) b.header("If-Match", ifMatch);
        return kb.send(b.build());
    }

    static String record(String slug, String word) {
        return """
                {"type": "project", "slug": "%s", "title": {"en": "Concurrent %s"},
                 "language": ["en"], "sources": [{"id": "https://w3id.org/hikb/id/source/seed-004-improve"}]}
                """.formatted(slug, word);
    }

    static long total(String words) {
        return RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=" + URLEncoder.encode(words, StandardCharsets.UTF_8)).body()).path("total").asLong();
    }

    @Test
    void exactlyTheAcknowledgedWritesArePresentInStoreAndIndex() throws Exception {
        assertEquals(201, send("POST", "/api/records", "application/json", record("race-target", "racetarget"), null).statusCode());
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger raceWins = new AtomicInteger(), raceLosses = new AtomicInteger(), readErrors = new AtomicInteger();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + RACERS + READERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < RECORDS_EACH; i++) {
                    String slug = "concurrent-" + writer + "-" + i;
                    HttpResponse<String> r = send("POST", "/api/records", "application/json", record(slug, word(writer * 100 + i)), null);
                    if (r.statusCode() == 201) created.add(slug);
                    else throw new AssertionError(slug + ": " + r.statusCode() + " " + r.body());
                }
                return null;
            }));
        }
        for (int r = 0; r < RACERS; r++) {
            int racer = r;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < TRIES_EACH; i++) {
                    String etag = kb.get("/api/records/race-target").headers().firstValue("ETag").orElseThrow();
                    String patch = "{\"summary\": {\"en\": \"Changed by racer " + racer + ", try " + i + ".\"}}";
                    int status = send("PATCH", "/api/records/race-target", "application/merge-patch+json", patch, etag).statusCode();
                    if (status == 200) raceWins.incrementAndGet();
                    else if (status == 412) raceLosses.incrementAndGet();
                    else throw new AssertionError("racer got " + status);
                }
                return null;
            }));
        }
        List<Future<?>> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++)
            readers.add(pool.submit(() -> {
                while (writing.get()) {
                    if (kb.get("/api/search?lang=en&q=concurrent").statusCode() != 200) readErrors.incrementAndGet();
                    if (kb.get("/api/records/race-target").statusCode() != 200) readErrors.incrementAndGet();
                }
                return null;
            }));
        for (Future<?> f : writers) f.get();
        writing.set(false);
        for (Future<?> f : readers) f.get();
        pool.shutdown();

        assertEquals(0, readErrors.get(), "reads kept working during the writes");
        assertEquals(WRITERS * RECORDS_EACH, created.size());
        JsonNode inStore = kb.sparql("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r <http://purl.org/dc/terms/title> ?t FILTER(STRSTARTS(STR(?t), \"Concurrent zyq\")) }");
        assertEquals(created.size(), inStore.path("results").path("bindings").get(0).path("n").path("value").asInt());
        for (int w = 0; w < WRITERS; w++)
            for (int i = 0; i < RECORDS_EACH; i++)
                assertEquals(1, total(word(w * 100 + i)), "the index finds " + word(w * 100 + i) + " once");
        // Every win is one version in the history; every loss changed nothing.
        long updates = 0;
        for (JsonNode v : RunningKnowledgeBase.json(kb.get("/api/records/race-target/history").body()).path("versions"))
            if (v.path("operation").asText().equals("update")) updates++;
        assertEquals(raceWins.get(), updates);
        assertEquals(RACERS * TRIES_EACH, raceWins.get() + raceLosses.get());
        assertTrue(raceWins.get() >= 1);
    }
}
