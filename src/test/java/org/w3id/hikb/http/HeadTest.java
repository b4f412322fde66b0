package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** HEAD is GET without the body (RFC 9110, 9.3.2), on every route: what link checkers and harvesters send first. */
class HeadTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @ParameterizedTest(name = "HEAD {0} ({1})")
    @CsvSource(delimiter = '|', value = {
            "/ | text/html",
            "/?q=telemedicine&lang=it | text/html",
            "/api/search?q=health | application/json",
            "/api/search?q=health&size=0 | application/json",
            "/api/search?page=-1 | application/json",
            "/api/suggest?q=tele | application/json",
            "/api/records?type=project | application/json",
            "/api/records/improve | application/json",
            "/api/records/nope | application/json",
            "/api/records/improve/history | application/json",
            "/api/records/improve/related | application/json",
            "/api/records.jsonl | */*",
            "/api/export?q=health&format=csv | */*",
            "/api/concepts | application/json",
            "/api/concepts/theme | application/json",
            "/api/openapi.json | application/json",
            "/api/docs | text/html",
            "/sparql | text/html",
            "/sparql | text/turtle",
            "/sparql?query=ASK%7B%7D | application/sparql-results+json",
            "/sparql?query=SELECT%20*%20%7B | application/sparql-results+json",
            "/data?default | text/turtle",
            "/data?graph=https%3A%2F%2Fw3id.org%2Fhikb%2Fgraph%2Fdata%2Fimprove | text/turtle",
            "/data?graph=https%3A%2F%2Fw3id.org%2Fhikb%2Fgraph%2Fnope | text/turtle",
            "/id/project/improve | text/turtle",
            "/id/project/nope | text/html",
            "/concept/theme/telemedicine | text/html",
            "/doc/id/project/improve | text/html",
            "/doc/id/project/improve.ttl | */*",
            "/doc/id/project/nope | text/html",
            "/ontology | text/html",
            "/ontology.ttl | */*",
            "/catalog | text/html",
            "/catalog | text/turtle",
            "/.well-known/void | text/turtle",
            "/dumps/hikb.ttl.gz | */*",
            "/feed | text/turtle",
            "/feed/0 | text/turtle",
            "/change/1 | text/turtle",
            "/sitemap.xml | */*",
            "/health | application/json",
            "/nowhere | text/html",
    })
    void headIsGetWithoutTheBody(String path, String accept) throws Exception {
        HttpResponse<byte[]> get = send("GET", path, accept);
        HttpResponse<byte[]> head = send("HEAD", path, accept);
        assertEquals(get.statusCode(), head.statusCode(), path);
        assertEquals("", kb.raw("HEAD", path, "Accept: " + accept).body(), "HEAD sends no body on the wire");
        assertEquals(headers(get), headers(head), path);
        head.headers().firstValue("Content-Length").ifPresent(length ->
                assertEquals(get.body().length, Long.parseLong(length), "Content-Length is the GET body's"));
        assertTrue(get.statusCode() < 500, path + " -> " + get.statusCode());
    }

    /** The headers that must agree; Date, Fuseki's request counter, and the length where GET streams without one, may not. */
    private static Map<String, String> headers(HttpResponse<byte[]> r) {
        Map<String, String> h = new TreeMap<>();
        r.headers().map().forEach((name, values) -> {
            String n = name.toLowerCase();
            if (!n.equals("date") && !n.equals("fuseki-request-id") && !n.equals("content-length") && !n.equals("transfer-encoding")) h.put(n, String.join(",", values));
        });
        return h;
    }

    private static HttpResponse<byte[]> send(String method, String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(kb.url(path))).timeout(Duration.ofSeconds(60))
                .header("Accept", accept).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return kb.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
