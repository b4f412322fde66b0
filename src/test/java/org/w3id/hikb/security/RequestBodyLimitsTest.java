package org.w3id.hikb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * What a write may send, and what it may not: bytes that are not UTF-8, a body past the upload limit, a
 * document type hidden where a quick look does not reach, a record of 150,000 titles, SERVICE in an update, a
 * GET dressed as a DELETE. Each is a 4xx that says why, and nothing is stored.
 */
class RequestBodyLimitsTest {
    static RunningKnowledgeBase kb;
    static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create("limits-editor", "limits-admin");
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path(), "max-upload-mb", "1"));
    }

    @AfterAll
    static void stop() { kb.close(); }

    static HttpResponse<String> send(String method, String path, String type, byte[] body, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kb.url(path))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) b.header("Content-Type", type);
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (headers.length > 0) b.headers(headers);
        return kb.send(b.build());
    }

    static byte[] record(String slug, String title) {
        return ("{\"type\": \"project\", \"slug\": \"" + slug + "\", \"title\": {\"en\": \"" + title + "\"}, \"language\": [\"en\"],"
                + " \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJsonBodyThatIsNotUtf8IsRefusedNotStoredAsReplacementCharacters() {
        byte[] body = record("latin-one", "Caf\u00e9 X");
        byte[] latin1 = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = send("POST", "/api/records", "application/json", latin1, tokens.editor());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("UTF-8"), r.body());
        assertEquals(404, kb.get("/api/records/latin-one").statusCode());
        assertEquals(201, send("POST", "/api/records", "application/json", body, tokens.editor()).statusCode(), "the same in UTF-8 is fine");
    }

    @Test
    void recordLinesPastTheUploadLimitAreRefused() {
        StringBuilder lines = new StringBuilder();
        int i = 0;
        while (lines.length() < 1_300_000) lines.append(new String(record("bulk-" + i++, "Bulk " + "x".repeat(200)), StandardCharsets.UTF_8)).append('\n');
        HttpResponse<String> r = send("POST", "/api/admin/records", "application/x-ndjson", lines.toString().getBytes(StandardCharsets.UTF_8), tokens.admin());
        assertEquals(413, r.statusCode(), r.body());
        byte[] notUtf8 = "{\"type\": \"project\", \"slug\": \"x\", \"title\": {\"en\": \"\u00e9\"}}\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(400, send("POST", "/api/admin/records", "application/x-ndjson", notUtf8, tokens.admin()).statusCode());
    }

    @Test
    void aDocumentTypePastTheFirst64KiBOrInUtf16IsFoundAndRefused() {
        String entity = "<!DOCTYPE rdf:RDF [<!ENTITY e \"x\">]>";
        String rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns:s=\"http://www.w3.org/2000/01/rdf-schema#\">"
                + "<rdf:Description rdf:about=\"urn:x\"><s:label>&e;</s:label></rdf:Description></rdf:RDF>";
        String late = "<?xml version=\"1.0\"?>\n<!-- " + "c".repeat(70_000) + " -->\n" + entity + rdf;
        for (byte[] body : new byte[][] { late.getBytes(StandardCharsets.UTF_8), ("\uFEFF" + entity + rdf).getBytes(StandardCharsets.UTF_16LE),
                (entity + rdf).getBytes(StandardCharsets.UTF_16BE) }) {
            HttpResponse<String> r = send("PUT", "/data?graph=" + "https://w3id.org/hikb/graph/curation-test", "application/rdf+xml", body, tokens.admin());
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.body().contains("DOCTYPE"), r.body());
        }
    }

    @Test
    void aRecordOfAHundredAndFiftyThousandTitlesIsRefusedAtOnce() {
        StringBuilder titles = new StringBuilder();
        for (int i = 0; i < 150_000; i++) titles.append(i == 0 ? "" : ",").append("\"x-").append(i).append("\": \"t\"");
        byte[] body = ("{\"type\": \"project\", \"slug\": \"many-titles\", \"title\": {" + titles + "}, \"language\": [\"en\"]}").getBytes(StandardCharsets.UTF_8);
        long t = System.nanoTime();
        HttpResponse<String> r = send("POST", "/api/records", "application/json", body, tokens.editor());
        assertTrue(r.statusCode() == 400 || r.statusCode() == 413 || r.statusCode() == 422, r.statusCode() + " " + r.body());
        assertTrue((System.nanoTime() - t) / 1e9 < 5, "refused at once");
        assertEquals(404, kb.get("/api/records/many-titles").statusCode());
    }

    @Test
    void serviceInAnUpdateIsRefusedWithAReason() {
        HttpResponse<String> r = send("POST", "/sparql/update", "application/sparql-update",
                "INSERT { GRAPH <https://w3id.org/hikb/graph/curation> { ?s ?p ?o } } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
                        .getBytes(StandardCharsets.UTF_8), tokens.editor());
        assertEquals(403, r.statusCode(), r.body());
        assertTrue(r.body().contains("SERVICE"), r.body());
    }

    @Test
    void aMethodOverrideHeaderIsRefusedAndDeletesNothing() {
        HttpResponse<String> r = send("GET", "/api/records/improve", null, null, tokens.admin(), "X-HTTP-Method-Override", "DELETE");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(400, send("POST", "/api/admin/backup", null, null, tokens.admin(), "X-HTTP-Method", "GET").statusCode());
        assertEquals(200, kb.get("/api/records/improve").statusCode(), "the record is still there");
    }

    @Test
    void perClientSharesCountTheForwardedClientOnlyFromATrustedProxy() {
        // Two queries per client at most: the peer 127.0.0.1 is trusted here, so X-Forwarded-For names the client.
        try (RunningKnowledgeBase proxied = RunningKnowledgeBase.start(Map.of("trusted-proxies", "127.0.0.1", "query-concurrency", "2", "query-timeout", "3"))) {
            String slow = "/sparql?query=" + java.net.URLEncoder.encode("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }", StandardCharsets.UTF_8);
            var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> proxied.rawFrom("127.0.0.1", "GET", slow, "", "X-Forwarded-For: 203.0.113.7"));
            sleep(500);
            // Another client through the same proxy has its own share...
            RunningKnowledgeBase.RawResponse other = proxied.rawFrom("127.0.0.1", "GET", "/sparql?query=ASK%7B%7D", "", "X-Forwarded-For: 198.51.100.9");
            assertEquals(200, other.status(), other.body());
            // ... the same client does not: its share (1 of 2 slots) is taken.
            RunningKnowledgeBase.RawResponse same = proxied.rawFrom("127.0.0.1", "GET", "/sparql?query=ASK%7B%7D", "", "X-Forwarded-For: 198.51.100.9, 203.0.113.7");
            assertEquals(429, same.status(), same.body());
            // A client that is not the proxy cannot pick its share by writing the header.
            RunningKnowledgeBase.RawResponse spoofed = proxied.rawFrom("127.0.0.2", "GET", "/sparql?query=ASK%7B%7D", "", "X-Forwarded-For: 203.0.113.7");
            assertEquals(200, spoofed.status(), spoofed.body());
            assertEquals(503, first.join().status(), "the slow query ran until its time limit");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
