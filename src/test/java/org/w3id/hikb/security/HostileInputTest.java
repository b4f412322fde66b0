package org.w3id.hikb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;
import org.w3id.hikb.RunningKnowledgeBase.RawResponse;

/**
 * What a hostile or broken client sends, case by case, over raw HTTP: each gets a clear 4xx (problem+json on
 * the API), never a 5xx, a hang or a stack trace, and the data is exactly as it was afterwards.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {
    static RunningKnowledgeBase kb;
    static String editor;
    static long generationBefore;
    static long quadsBefore;
    /** The cases that ran before the check that nothing changed: all of them, or that check proves nothing. */
    static final java.util.concurrent.atomic.AtomicInteger ran = new java.util.concurrent.atomic.AtomicInteger();

    /** One request: what it is, what it sends, and the statuses it may get. */
    record Case(String name, String method, String target, String body, List<String> headers, int... allowed) {
        @Override public String toString() { return name; }
    }

    @BeforeAll
    static void start() throws Exception {
        TestTokens tokens = TestTokens.create("hostile", "hostile-admin");
        editor = tokens.editor();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path(), "query-timeout", "2", "max-upload-mb", "1"));
        generationBefore = kb.app().writes().generation();
        quadsBefore = quads();
    }

    @AfterAll
    static void stop() { kb.close(); }

    static long quads() {
        DatasetGraph dsg = kb.app().store().readOnly();
        return Txn.calculateRead(dsg, () -> Iter.count(dsg.find()));
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Case get(String name, String target, int... allowed) {
        return new Case(name, "GET", target, "", List.of(), allowed);
    }

    static Case get(String name, String target, List<String> headers, int... allowed) {
        return new Case(name, "GET", target, "", headers, allowed);
    }

    static Case send(String name, String method, String target, String type, String body, boolean token, int... allowed) {
        List<String> h = new ArrayList<>();
        if (type != null) h.add("Content-Type: " + type);
        if (token) h.add("Authorization: Bearer " + editor);
        return new Case(name, method, target, body, h, allowed);
    }

    static String record(String title) {
        return "{\"type\": \"project\", \"slug\": \"hostile-record\", \"title\": {\"en\": \"" + title + "\"}, \"language\": [\"en\"],"
                + " \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
    }

    static Stream<Case> cases() {
        String deep = "SELECT * WHERE " + "{ ".repeat(5000) + "}".repeat(5000);
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"urn:x\"><rdf:value>&c;</rdf:value></rdf:Description></rdf:RDF>";
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                + "<rdf:Description rdf:about=\"https://w3id.org/hikb/id/project/improve\"><rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>";
        String graph = "/data?graph=" + q("https://w3id.org/hikb/graph/data/improve");
        return Stream.of(
                // SPARQL: reaching out, writing, exhausting
                get("SERVICE to another host", "/sparql?query=" + q("SELECT * WHERE { SERVICE <http://10.0.0.1/sparql> { ?s ?p ?o } }"), 403),
                get("SERVICE ?var", "/sparql?query=" + q("SELECT * WHERE { BIND(<http://example.org/s> AS ?e) SERVICE ?e { ?s ?p ?o } }"), 403),
                get("SERVICE inside FILTER EXISTS", "/sparql?query=" + q("ASK { ?s ?p ?o FILTER EXISTS { SERVICE <http://localhost:22/> { ?s ?p ?o } } }"), 403),
                get("query-ref to fetch a query", "/sparql?query-ref=" + q("http://169.254.169.254/latest/meta-data"), 400),
                send("LOAD of a local file", "POST", "/sparql/update", "application/sparql-update", "LOAD <file:///etc/passwd>", true, 400),
                send("LOAD into a graph", "POST", "/sparql/update", "application/sparql-update", "LOAD <http://example.org/x> INTO GRAPH <urn:g>", true, 400),
                send("update without a token", "POST", "/sparql/update", "application/sparql-update", "CLEAR ALL", false, 401),
                new Case("update with a wrong token", "POST", "/sparql/update", "DROP ALL", List.of("Content-Type: application/sparql-update", "Authorization: Bearer hikb_wrong"), 401),
                new Case("token in the URL", "POST", "/sparql/update?access_token=" + editor, "DROP ALL", List.of("Content-Type: application/sparql-update"), 401),
                send("update sent to the query endpoint", "POST", "/sparql", "application/sparql-update", "DROP ALL", false, 400),
                send("update as a form to the query endpoint", "POST", "/sparql?update=" + q("DROP ALL"), "application/x-www-form-urlencoded", "", false, 400),
                send("editor writing the change log", "POST", "/sparql/update", "application/sparql-update",
                        "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/changes> { <urn:a> <urn:b> <urn:c> } }", true, 403),
                send("editor dropping the shapes", "POST", "/sparql/update", "application/sparql-update", "DROP GRAPH <https://w3id.org/hikb/graph/ontology/shapes>", true, 403),
                send("huge query", "POST", "/sparql", "application/sparql-query", "SELECT * WHERE { ?s ?p ?o } #" + "x".repeat(1_100_000), false, 413),
                send("deeply nested query", "POST", "/sparql", "application/sparql-query", deep, false, 400),
                // Regular expressions run in linear time (RE2): the bombs are answered, at once.
                get("regex bomb", "/sparql?query=" + q("SELECT * WHERE { BIND(REGEX(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"^(a+)+$\") AS ?x) }"), 200),
                get("regex with a back-reference", "/sparql?query=" + q("ASK { FILTER(REGEX(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"^((a+))+\\\\1$\")) }"), 400),
                get("unknown result format with a non-ASCII name", "/sparql?query=" + q("ASK {}") + "&format=%C3%A9", 400),
                get("back-reference echoed with a non-ASCII pattern", "/sparql?query=" + q("ASK { FILTER(REGEX(\"a\", \"(\u00e9)\\\\1\")) }"), 400),
                get("regex bomb in REPLACE", "/sparql?query=" + q("SELECT (REPLACE(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"(a*)*b\", \"\") AS ?x) WHERE {}"), 200),
                get("cross product of the store", "/sparql?query=" + q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"), 503),
                get("syntax error", "/sparql?query=" + q("SELEC ?x WHERE"), 400),
                get("two queries", "/sparql?query=" + q("ASK {}") + "&query=" + q("ASK {}"), 400),
                get("unknown result format", "/sparql?format=exe&query=" + q("ASK {}"), 400),
                get("Accept matching no result type", "/sparql?query=" + q("ASK {}"), List.of("Accept: image/png"), 406),
                get("broken percent escape", "/sparql?query=%E2%8", 400),
                get("invalid UTF-8 in the query string", "/sparql?query=%C3%28", 400),
                send("query body without a length", "POST", "/sparql", "application/sparql-query", null, false, 411),
                get("default-graph-uri that is not an IRI", "/sparql?default-graph-uri=" + q("not an iri") + "&query=" + q("ASK {}"), 200, 400),
                // Graph Store Protocol
                send("graph PUT without a token", "PUT", graph, "text/turtle", "<urn:a> <urn:b> <urn:c> .", false, 401),
                send("graph DELETE without a token", "DELETE", graph, null, "", false, 401),
                send("graph named by a file URL", "GET", "/data?graph=" + q("file:///etc/passwd"), null, "", false, 400),
                send("RDF/XML with an external entity", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "application/rdf+xml", xxe, true, 400),
                send("RDF/XML with expanding entities", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "application/rdf+xml", laughs, true, 400),
                send("JSON-LD with a remote context", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "application/ld+json",
                        "{\"@context\": \"http://169.254.169.254/ctx\", \"@id\": \"urn:x\", \"name\": \"x\"}", true, 400),
                send("JSON-LD with an imported context", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "application/ld+json",
                        "{\"@context\": {\"@import\": \"http://example.org/ctx\"}, \"@id\": \"urn:x\"}", true, 400),
                send("Turtle that does not parse", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "text/turtle", "<urn:a> <urn:b> ", true, 400),
                send("graph body over the limit", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "text/turtle",
                        "<urn:a> <urn:b> \"" + "x".repeat(1_200_000) + "\" .", true, 413),
                send("graph body of another type", "PUT", "/data?graph=" + q("https://w3id.org/hikb/graph/hostile"), "application/pdf", "%PDF-1.7", true, 415),
                // The JSON API: records
                send("record without a token", "POST", "/api/records", "application/json", record("x"), false, 401),
                send("malformed JSON", "POST", "/api/records", "application/json", "{\"type\": ", true, 400),
                send("JSON nested 100,000 deep", "POST", "/api/records", "application/json", "[".repeat(100_000) + "]".repeat(100_000), true, 400),
                send("JSON that is a string", "POST", "/api/records", "application/json", "\"a record\"", true, 400),
                send("JSON with a lone surrogate", "POST", "/api/records", "application/json", record("broken \\ud800 text"), true, 400),
                send("JSON with a control character", "POST", "/api/records", "application/json", record("bell \\u0007"), true, 400),
                send("JSON with an unknown field", "POST", "/api/records", "application/json", record("x").replace("{", "{\"owner\": \"me\", "), true, 400),
                send("record body over the limit", "POST", "/api/records", "application/json", record("x".repeat(1_200_000)), true, 413),
                send("record of another type", "POST", "/api/records", "text/html", "<p>hi</p>", true, 415),
                send("record without a content type", "POST", "/api/records", null, record("x"), true, 415),
                send("slug with a path", "POST", "/api/records", "application/json", record("x").replace("hostile-record", "../../etc"), true, 400),
                send("type that is not one", "POST", "/api/records", "application/json", record("x").replace("\"project\"", "\"admin\""), true, 400),
                send("change without If-Match", "PUT", "/api/records/improve", "application/json", record("x"), true, 428),
                send("a multipart graph that is not multipart", "POST", "/data?graph=urn:hikb-test:g", "multipart/form-data; boundary=xx", "garbage", true, 400),
                send("a multipart graph with no boundary", "POST", "/data?graph=urn:hikb-test:g", "multipart/form-data", "garbage", true, 400),
                new Case("change with a stale ETag", "PUT", "/api/records/improve", record("x"),
                        List.of("Content-Type: application/json", "Authorization: Bearer " + editor, "If-Match: \"0000\""), 400, 412),
                new Case("patch that is not an object", "PATCH", "/api/records/improve", "[1, 2]",
                        List.of("Content-Type: application/merge-patch+json", "Authorization: Bearer " + editor, "If-Match: \"0000\""), 400, 412),
                send("delete by an editor", "DELETE", "/api/records/improve", null, "", true, 403, 428),
                send("restore by an editor", "POST", "/api/records/improve/history/1/restore", null, "", true, 403),
                send("admin backup by an editor", "POST", "/api/admin/backup", null, "", true, 403),
                send("restore of a path", "POST", "/api/admin/restore?backup=" + q("../../../etc/passwd"), null, "", true, 403),
                // The JSON API: reads
                get("absurd page", "/api/search?q=health&page=999999999", 400),
                get("absurd size", "/api/search?q=health&size=1000000", 400),
                get("negative page", "/api/search?q=health&page=-1", 400),
                get("size that is not a number", "/api/search?q=health&size=ten", 400),
                get("query of 10,000 characters", "/api/search?q=" + "a".repeat(10_000), 400),
                get("NUL in the query", "/api/search?q=%00", 400),
                // Cut into compound parts, a word costs the square of its length: 14 s for this one until the cut was bounded.
                get("Swedish word of 486 letters", "/api/search?lang=sv&q=" + q("hjärtomikbetacells".repeat(27)), 200),
                get("German word of 480 letters", "/api/search?lang=de&q=" + q("pflegeroboterzelle".repeat(26) + "pflegeroboter"), 200),
                get("unknown language", "/api/search?q=x&lang=xx", 400),
                get("language that is a hyphen (found by fuzzing)", "/api/search?q=x&lang=-", 400),
                get("Accept-Language of separators (found by fuzzing)", "/api/search?q=health", List.of("Accept-Language: ,;"), 200),
                get("Accept-Language that is a hyphen (found by fuzzing)", "/api/search?q=health", List.of("Accept-Language: -"), 200),
                get("page in an Accept-Language that is a hyphen", "/", List.of("Accept-Language: -"), 200),
                get("facet value with markup", "/api/search?q=x&country=" + q("<script>"), 400),
                get("unknown parameter", "/api/search?q=x&debug=true", 400),
                get("empty suggestion", "/api/suggest?q=", 400),
                get("Accept matching no JSON", "/api/search?q=health", List.of("Accept: image/png"), 406),
                get("export in another format", "/api/export?format=xml", 400),
                get("unknown record", "/api/records/no-such-record", 404),
                get("record slug with markup", "/api/records/" + q("<script>alert(1)</script>"), 400, 404),
                get("history of a version that is not a number", "/api/records/improve/history/latest", 404),
                // Linked data and files
                get("path traversal in a document", "/doc/id/..%2F..%2F..%2Fetc%2Fpasswd", 400, 404),
                get("dot segments in a document", "/doc/id/project/../../../../etc/passwd", 400, 404),
                get("unknown extension", "/doc/id/project/improve.exe", 404),
                get("Accept matching nothing on a document", "/doc/id/project/improve", List.of("Accept: application/x-msdownload"), 406),
                get("markup in a thing's path", "/id/project/" + q("<script>alert(1)</script>"), 303, 400, 404),
                get("header injection through a redirect", "/id/project/improve?lang=en%0d%0aSet-Cookie:%20x=1", 303),
                get("dump path traversal", "/dumps/..%2F..%2Fstore", 400, 404),
                get("sitemap page out of range", "/sitemap-99999999999.xml", 404),
                get("feed page that is not a number", "/feed/zero", 404),
                get("negative feed page", "/feed/-1", 404),
                // HTTP itself
                get("URL of 100,000 characters", "/api/search?q=" + "a".repeat(100_000), 400, 414, 431),
                new Case("header of 100,000 characters", "GET", "/", "", List.of("X-Big: " + "a".repeat(100_000)), 400, 431),
                new Case("TRACE", "TRACE", "/", "", List.of(), 400, 404, 405),
                new Case("method the endpoint does not have", "DELETE", "/sparql", "", List.of(), 400, 405),
                new Case("GET dressed as a DELETE", "GET", "/api/records/improve", "", List.of("X-HTTP-Method-Override: DELETE"), 400),
                new Case("GET dressed as a backup", "GET", "/api/admin/backup", "", List.of("X-HTTP-Method: POST"), 400));
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aHostileRequestGetsAClear4xxAndChangesNothing(Case c) {
        List<String> headers = new ArrayList<>(c.headers());
        if (!c.method().equals("GET") && c.body() != null) headers.add("Content-Length: " + c.body().getBytes(StandardCharsets.UTF_8).length);
        if (c.body() == null) headers.add("Transfer-Encoding: chunked");
        String body = c.body() == null ? "10\r\nASK { ?s ?p ?o }\r\n0\r\n\r\n" : c.body();
        long started = System.nanoTime();
        RawResponse r = kb.rawFrom("127.0.0.1", c.method(), c.target(), body, headers.toArray(String[]::new));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertTrue(Arrays.stream(c.allowed()).anyMatch(s -> s == r.status()),
                c.name() + ": " + r.status() + " not in " + Arrays.toString(c.allowed()) + "\n" + r.body().substring(0, Math.min(400, r.body().length())));
        // A 5xx is a failure; only where a case says 503 is the right answer (a query stopped at its time limit) is it one.
        assertTrue(r.status() < 500 || (r.status() == 503 && Arrays.stream(c.allowed()).anyMatch(s -> s == 503)), c.name() + ": " + r.status());
        ran.incrementAndGet();
        assertTrue(seconds < 10, c.name() + " took " + seconds + " s");
        assertFalse(r.body().contains("\tat ") || r.body().contains("at org.") || r.body().contains("at java."), c.name() + " leaks a stack trace");
        assertTrue(r.header("Set-Cookie") == null, c.name() + " set a cookie");
        if (c.target().startsWith("/api/") && r.status() >= 400)
            assertTrue(String.valueOf(r.header("Content-Type")).startsWith("application/problem+json"), c.name() + ": " + r.header("Content-Type"));
        if (String.valueOf(r.header("Content-Type")).startsWith("text/html") && r.body().contains("<script>alert"))
            throw new AssertionError(c.name() + " reflects markup unescaped: " + r.body());
    }

    @Order(2)
    @Test
    void atLeastSixtyCasesAndTheDataIsAsItWas() {
        assertTrue(cases().count() >= 60, "cases: " + cases().count());
        assertEquals(cases().count(), ran.get(), "every case ran (and passed) before this check; run the whole class");
        // After all the cases: nothing they sent has changed the store.
        assertEquals(generationBefore, kb.app().writes().generation());
        assertEquals(quadsBefore, quads());
    }
}
