package org.w3id.hikb.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;
import org.w3id.hikb.RunningKnowledgeBase.RawResponse;

/**
 * /sparql on the open internet: a knowledge base with tight limits (a 2 s timeout, 5 rows, 4 queries at
 * once and 2 per client, SERVICE only to itself) and the requests a careless or hostile client sends.
 */
class SparqlSafetyTest {
    /** Three copies of the store joined: far more work than 2 s allow. */
    static final String EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    static final String TITLES = "SELECT ?s ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t }";
    static RunningKnowledgeBase kb;
    static String token;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        TestTokens tokens = TestTokens.create("tester", "tester-admin");
        token = tokens.editor();
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        kb = RunningKnowledgeBase.start(Map.of("port", Integer.toString(port), "query-timeout", "2", "query-row-cap", "5",
                "query-concurrency", "4", "tokens-file", tokens.path(),
                "service-allow", "http://localhost:" + port + "/sparql"));
    }

    @AfterAll
    static void stop() { kb.close(); }

    static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void anExpensiveQueryIsStoppedAtTheTimeoutWithAClearError() {
        long started = System.nanoTime();
        HttpResponse<String> r = kb.get("/sparql?query=" + q(EXPENSIVE), "Accept", "application/sparql-results+json");
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("longer than the limit of 2 s"), r.body());
        assertTrue(seconds < 4.5, "answered after " + seconds + " s");
        // The server is free again at once: the query was stopped, not left running.
        long next = System.nanoTime();
        assertEquals(200, kb.get("/sparql?query=" + q("ASK {}")).statusCode());
        assertTrue((System.nanoTime() - next) / 1e9 < 1.0);
    }

    @Test
    void aQueryWithoutATokenGetsAtMostTheCapAndIsToldSo() {
        HttpResponse<String> capped = kb.get("/sparql?query=" + q(TITLES), "Accept", "text/csv");
        assertEquals(200, capped.statusCode());
        assertEquals(1 + 5, capped.body().split("\r\n").length, capped.body());
        assertEquals("5", capped.headers().firstValue(PublicQuery.CAP_HEADER).orElse(null));
        assertEquals("true", capped.headers().firstValue(PublicQuery.TRUNCATED_HEADER).orElse(null));

        HttpResponse<String> small = kb.get("/sparql?query=" + q(TITLES + " LIMIT 3"), "Accept", "text/csv");
        assertEquals(1 + 3, small.body().split("\r\n").length);
        assertTrue(small.headers().firstValue(PublicQuery.TRUNCATED_HEADER).isEmpty(), "nothing was cut");

        HttpResponse<String> all = kb.get("/sparql?query=" + q(TITLES), "Accept", "text/csv", "Authorization", "Bearer " + token);
        assertEquals(200, all.statusCode());
        assertTrue(all.body().split("\r\n").length > 50, "a token lifts the cap");
        assertTrue(all.headers().firstValue(PublicQuery.CAP_HEADER).isEmpty());
    }

    @Test
    void serviceToAnEndpointOffTheAllowListIsRefused() {
        for (String query : List.of(
                "SELECT * WHERE { SERVICE <http://169.254.169.254/latest/meta-data> { ?s ?p ?o } }",
                "SELECT * WHERE { VALUES ?e { <http://internal.example/sparql> } SERVICE ?e { ?s ?p ?o } }",
                "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://internal.example/sparql> { ?s ?p ?o } } } LIMIT 1")) {
            HttpResponse<String> r = kb.get("/sparql?query=" + q(query));
            assertEquals(403, r.statusCode(), query + " -> " + r.body());
            assertTrue(r.body().contains("not one of the endpoints this server may call"), r.body());
        }
    }

    @Test
    void serviceToAnAllowedEndpointWorks() {
        String query = "SELECT ?p WHERE { SERVICE <http://localhost:" + port + "/sparql> { ?p a <https://w3id.org/hikb/ontology#Project> } } LIMIT 1";
        HttpResponse<String> r = kb.get("/sparql?query=" + q(query), "Accept", "text/csv");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("https://w3id.org/hikb/id/project/"), r.body());
    }

    @Test
    void anExpensiveUpdateIsStoppedAtTheTimeoutAndWritesNothing() {
        String update = "INSERT { GRAPH <urn:hikb:test:slow> { ?a <urn:hikb:test:p> ?d } } "
                + "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i FILTER(STR(?c) = CONCAT(STR(?f), STR(?i), \"never\")) }";
        long started = System.nanoTime();
        HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update", update, "Authorization", "Bearer " + token);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(r.body().contains("nothing of it was applied"), r.body());
        assertTrue(seconds < 6, "answered after " + seconds + " s");
        // The writer is free again: the next write goes through at once.
        HttpResponse<String> next = kb.post("/sparql/update", "application/sparql-update",
                "DELETE DATA { <urn:hikb:test:none> <urn:hikb:test:none> <urn:hikb:test:none> }", "Authorization", "Bearer " + token);
        assertEquals(200, next.statusCode(), next.body());
        assertFalse(kb.sparql("ASK { GRAPH <urn:hikb:test:slow> { ?s ?p ?o } }").path("boolean").asBoolean());
    }

    @Test
    void oneClientsHeavyQueriesDoNotStarveAnother() throws Exception {
        // Client A runs two heavy queries at once (each holds a slot until the timeout stops it; threads of their
        // own, since the common pool has a single one on a 2-core machine) ...
        ExecutorService twoClients = Executors.newFixedThreadPool(2);
        List<CompletableFuture<RawResponse>> heavy;
        for (int attempt = 1; ; attempt++) {
            heavy = List.of(CompletableFuture.supplyAsync(() -> sparqlFrom("127.0.0.2", EXPENSIVE), twoClients),
                    CompletableFuture.supplyAsync(() -> sparqlFrom("127.0.0.2", EXPENSIVE), twoClients));
            // ... once both hold their slots (a cheap query from A is refused too; until then it runs and is gone) ...
            // A probe holds one of A's two slots while it runs, so it waits a little before it asks, and between asks:
            // a heavy query that came while a probe ran would be refused.
            boolean held = false;
            while (!held && heavy.stream().noneMatch(CompletableFuture::isDone)) {
                Thread.sleep(200);
                held = sparqlFrom("127.0.0.2", "ASK { }").status() == 429;
            }
            if (held) break;
            // A heavy query came while a probe ran and was refused: again.
            heavy.forEach(CompletableFuture::join);
            assertTrue(attempt < 5, "the two heavy queries never held their slots together in " + attempt + " tries");
        }
        twoClients.shutdown();
        // ... a third one from A is refused at once ...
        RawResponse third = sparqlFrom("127.0.0.2", EXPENSIVE);
        assertEquals(429, third.status(), third.body());
        assertTrue(third.header("Retry-After") != null);
        // ... however the query is spelled: the gate reads the parameter as Fuseki will, decoded.
        RawResponse disguised = kb.rawFrom("127.0.0.2", "GET", "/sparql?%71uery=" + q(EXPENSIVE), "");
        assertEquals(429, disguised.status(), disguised.body());
        RawResponse slash = kb.rawFrom("127.0.0.2", "GET", "/sparql/?query=" + q(EXPENSIVE), "");
        assertTrue(slash.status() == 429 || slash.status() == 301, slash.status() + " " + slash.body());
        // ... while client B is answered straight away.
        long started = System.nanoTime();
        RawResponse other = sparqlFrom("127.0.0.3", "ASK { ?s ?p ?o }");
        assertEquals(200, other.status(), other.body());
        assertTrue((System.nanoTime() - started) / 1e9 < 1.5);
        for (CompletableFuture<RawResponse> h : heavy)
            assertEquals(503, h.get().status());
    }

    static RawResponse sparqlFrom(String client, String query) {
        String body = "query=" + q(query);
        return kb.rawFrom(client, "POST", "/sparql", body, "Content-Type: application/x-www-form-urlencoded",
                "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void oversizedAndUnmeasuredQueriesAreRefusedBeforeParsing() {
        String huge = "SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(QueryGate.MAX_QUERY_BYTES);
        HttpResponse<String> tooBig = kb.post("/sparql", "application/sparql-query", huge);
        assertEquals(413, tooBig.statusCode());
        assertTrue(tooBig.body().contains("at most"), tooBig.body());
        RawResponse chunked = kb.rawFrom("127.0.0.1", "POST", "/sparql", "10\r\nASK { ?s ?p ?o }\r\n0\r\n\r\n",
                "Content-Type: application/sparql-query", "Transfer-Encoding: chunked");
        assertEquals(411, chunked.status(), chunked.body());
    }

    @Test
    void anUnknownExampleIsSaidToBeUnknown() {
        HttpResponse<String> r = kb.get("/sparql?example=nope", "Accept", "text/html");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("budgets-and-erdf-shares"), r.body());
        assertEquals(200, kb.get("/sparql?example=budgets-and-erdf-shares", "Accept", "text/html").statusCode());
    }

    @Test
    void theQueryEndpointRefusesUpdatesAndPointsToTheUpdateEndpoint() {
        HttpResponse<String> r = kb.post("/sparql", "application/sparql-update", "INSERT DATA { <urn:a> <urn:b> <urn:c> }");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("/sparql/update"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertNull(kb.sparql("SELECT * WHERE { <urn:a> ?p ?o }").path("results").path("bindings").get(0));
        // However it is sent: as the query of a form or a URL, or as a form's update.
        String insert = "PREFIX ex: <urn:ex:> # a comment\n INSERT DATA { <urn:a> <urn:b> <urn:c> }";
        for (HttpResponse<String> sent : List.of(
                kb.post("/sparql", "application/x-www-form-urlencoded", "query=" + q(insert)),
                kb.get("/sparql?query=" + q(insert)),
                kb.post("/sparql", "application/x-www-form-urlencoded", "update=" + q(insert)))) {
            assertEquals(400, sent.statusCode(), sent.body());
            assertTrue(sent.body().contains("/sparql/update"), sent.body());
        }
        assertEquals(200, kb.get("/sparql?query=" + q("PREFIX ex: <urn:ex:> SELECT ?insert WHERE { ?insert ?p ?o } LIMIT 1")).statusCode(),
                "a query with a variable named like an update is a query");
    }
}
