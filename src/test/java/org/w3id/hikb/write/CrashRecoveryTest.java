package org.w3id.hikb.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.ServerProcess;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;

/**
 * The store and the search index stay one across a crash: the server process is killed (SIGKILL) in the
 * middle of a stream of writes, started again on the same data directory, and then every acknowledged write
 * is in the store and in the index, and no other write is there by halves.
 */
class CrashRecoveryTest {
    static final int CYCLES = 3;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String TOKEN = Tokens.newToken();
    @TempDir Path tmp;

    @Test
    void killedInTheMiddleOfWritesItComesBackWithEveryAcknowledgedWriteInStoreAndIndex() throws Exception {
        Path data = tmp.resolve("data");
        Path log = tmp.resolve("server.log");
        Path tokens = tmp.resolve("tokens");
        Files.writeString(tokens, Tokens.line(TOKEN, Role.EDITOR, "crash") + "\n");
        Random random = new Random(20261127);
        Set<String> acknowledged = new HashSet<>();
        Set<String> attempted = new HashSet<>();
        int next = 0;
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString());
            try {
                check(server, acknowledged, attempted);
                AtomicBoolean killed = new AtomicBoolean(false);
                long killAfter = 300 + random.nextInt(1200);
                Thread killer = new Thread(() -> {
                    try {
                        Thread.sleep(killAfter);
                        killed.set(true);
                        server.kill();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                killer.start();
                while (!killed.get()) {
                    String slug = "crash-" + next++;
                    attempted.add(slug);
                    try {
                        HttpResponse<String> r = post(server, slug);
                        if (r.statusCode() == 201) acknowledged.add(slug);
                        else throw new AssertionError(slug + ": " + r.statusCode() + " " + r.body());
                    } catch (java.io.IOException e) {
                        break;  // the server died under this request: not acknowledged
                    }
                }
                killer.join();
            } finally {
                server.close();
            }
        }
        try (ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString())) {
            check(server, acknowledged, attempted);
        }
        assertTrue(acknowledged.size() >= CYCLES, "some writes were acknowledged before each kill: " + acknowledged.size());
        System.out.printf("Crash recovery: %d kills, %d writes acknowledged, %d sent, all acknowledged ones present in store and index.%n",
                CYCLES, acknowledged.size(), attempted.size());
    }

    static HttpResponse<String> post(ServerProcess server, String slug) throws Exception {
        String body = """
                {"type": "project", "slug": "%s", "title": {"en": "Crash %s"}, "summary": {"en": "Written before a crash, %s."},
                 "language": ["en"], "sources": [{"id": "https://w3id.org/hikb/id/source/seed-004-improve"}]}
                """.formatted(slug, word(slug), word(slug));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/records"))).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Letters only, different for every record, so the search finds exactly it. */
    static String word(String slug) {
        int n = Integer.parseInt(slug.substring(slug.indexOf('-') + 1));
        StringBuilder sb = new StringBuilder("qzx");
        for (int i = 0; i < 4; i++) {
            sb.append((char) ('a' + n % 26));
            n /= 26;
        }
        return sb.toString();
    }

    /** Every acknowledged record is whole in the store and found by the index; any other is whole or absent. */
    static void check(ServerProcess server, Set<String> acknowledged, Set<String> attempted) throws Exception {
        Set<String> inStore = new HashSet<>();
        String query = "SELECT ?r (COUNT(?t) AS ?titles) (COUNT(?s) AS ?summaries) WHERE { ?r <http://purl.org/dc/terms/title> ?t "
                + "OPTIONAL { ?r <http://purl.org/dc/terms/abstract> ?s } FILTER(STRSTARTS(STR(?r), \"https://w3id.org/hikb/id/project/crash-\")) } GROUP BY ?r";
        JsonNode rows = json(get(server, "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "application/sparql-results+json"));
        for (JsonNode row : rows.path("results").path("bindings")) {
            String slug = row.path("r").path("value").asText().substring("https://w3id.org/hikb/id/project/".length());
            assertEquals(1, row.path("titles").path("value").asInt(), slug + " is whole");
            assertEquals(1, row.path("summaries").path("value").asInt(), slug + " is whole");
            inStore.add(slug);
        }
        assertTrue(inStore.containsAll(acknowledged), "acknowledged but missing: " + minus(acknowledged, inStore));
        assertTrue(attempted.containsAll(inStore), "present but never sent: " + minus(inStore, attempted));
        for (String slug : inStore) {
            JsonNode found = json(get(server, "/api/search?lang=en&q=" + word(slug), "application/json"));
            assertEquals(1, found.path("total").asInt(), slug + " (" + word(slug) + ") is in the index once");
            assertEquals(slug, found.path("results").get(0).path("slug").asText());
        }
        // And the index holds no crash record the store does not.
        JsonNode all = json(get(server, "/api/search?lang=en&size=100&q=crash", "application/json"));
        List<String> indexed = new ArrayList<>();
        all.path("results").forEach(r -> { if (r.path("slug").asText().startsWith("crash-")) indexed.add(r.path("slug").asText()); });
        assertTrue(inStore.containsAll(indexed), "indexed but not stored: " + minus(new HashSet<>(indexed), inStore));
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String get(ServerProcess server, String path, String accept) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", accept)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }

    static JsonNode json(String body) {
        return RunningKnowledgeBase.json(body);
    }
}
