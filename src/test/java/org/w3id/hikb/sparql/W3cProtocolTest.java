package org.w3id.hikb.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFList;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * The W3C's own tests of the SPARQL 1.1 Protocol and the Graph Store Protocol (indirect graph
 * identification), read from their manifests as published (src/test/resources/w3c/sparql11) and run as
 * written against a server of their own: every request of every test, every expected status, result and graph.
 * The manifests address one endpoint {@code /sparql/} (queries and updates) and {@code /gsp}; here queries go
 * to {@code /sparql}, updates to {@code /sparql/update} (with an admin token: the tests clear the whole
 * store) and the Graph Store Protocol to {@code /data}.
 */
class W3cProtocolTest {
    private static final String MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
    private static final String HT = "http://www.w3.org/2011/http#";
    private static final String CNT = "http://www.w3.org/2011/content#";
    private static final String UT = "http://www.w3.org/2009/sparql/tests/test-update#";
    private static final Map<String, Integer> STATUS = Map.of("OK", 200, "Created", 201, "NoContent", 204, "NotFound", 404);
    static RunningKnowledgeBase kb;
    static TestTokens tokens;

    @BeforeAll
    static void start() {
        tokens = TestTokens.create("editor", "admin");
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() throws IOException {
        kb.close();
        Files.deleteIfExists(tokens.file());
    }

    @TestFactory
    Stream<DynamicTest> sparqlProtocol() {
        return tests("protocol/manifest.ttl");
    }

    @TestFactory
    Stream<DynamicTest> graphStoreProtocol() {
        return tests("graph-store-protocol/manifest-indirect.ttl");
    }

    @org.junit.jupiter.api.Test
    void clearAllClearsTheDataAndLeavesTheLogTheOntologyAndTheShapes() {
        HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update", "CLEAR ALL ; DROP ALL", "Authorization", "Bearer " + tokens.admin());
        assertEquals(200, r.statusCode(), r.body());
        for (String g : new String[] { "changes", "ontology/shapes", "ontology/hikb" })
            assertTrue(kb.sparql("ASK { GRAPH <https://w3id.org/hikb/graph/" + g + "> { ?s ?p ?o } }").path("boolean").asBoolean(), g + " is still there");
        HttpResponse<String> invalid = kb.post("/sparql/update", "application/sparql-update", "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/data/x> { "
                + "<https://w3id.org/hikb/id/project/x> a <https://w3id.org/hikb/ontology#Project> } }", "Authorization", "Bearer " + tokens.admin());
        assertEquals(422, invalid.statusCode(), "the shapes still check every write: " + invalid.body());
    }

    @org.junit.jupiter.api.Test
    void aDeleteWhereTakesTheProtocolsDatasetToo() {
        String graphs = "INSERT DATA { GRAPH <http://example.org/g1> { <http://example.org/s1> <http://example.org/p> 1 } "
                + "GRAPH <http://example.org/g2> { <http://example.org/s2> <http://example.org/p> 2 } }";
        assertEquals(200, kb.post("/sparql/update", "application/sparql-update", graphs, "Authorization", "Bearer " + tokens.admin()).statusCode());
        HttpResponse<String> r = kb.post("/sparql/update?using-graph-uri=" + enc("http://example.org/g1"), "application/sparql-update",
                "DELETE WHERE { ?s <http://example.org/p> ?o }", "Authorization", "Bearer " + tokens.admin());
        assertEquals(200, r.statusCode(), r.body());
        assertFalse(kb.sparql("ASK { <http://example.org/s1> ?p ?o }").path("boolean").asBoolean(), "matched in g1, deleted");
        assertTrue(kb.sparql("ASK { <http://example.org/s2> ?p ?o }").path("boolean").asBoolean(), "g2 was not matched: kept");
    }

    private static Stream<DynamicTest> tests(String manifest) {
        String base = "file:///w3c/sparql11/" + manifest;
        Model m = ModelFactory.createDefaultModel();
        try (InputStream in = W3cProtocolTest.class.getResourceAsStream("/w3c/sparql11/" + manifest)) {
            RDFParser.source(in).lang(Lang.TURTLE).base(base).parse(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Resource entries = m.listObjectsOfProperty(m.createProperty(MF, "entries")).next().asResource();
        List<RDFNode> list = entries.as(RDFList.class).asJavaList();
        assertTrue(list.size() >= 9, manifest + ": " + list.size() + " tests");
        return list.stream().map(RDFNode::asResource).map(t -> DynamicTest.dynamicTest(
                t.getLocalName() + ": " + t.getProperty(m.createProperty(MF, "name")).getString(), () -> run(t)));
    }

    private static void run(Resource test) throws Exception {
        Model m = test.getModel();
        reset();
        for (Statement s : test.listProperties(m.createProperty(UT, "graphData")).toList()) {
            Resource data = s.getResource();
            String file = data.getPropertyResourceValue(m.createProperty(UT, "graph")).getURI();
            String text = new String(W3cProtocolTest.class.getResourceAsStream("/w3c/sparql11/protocol/" + file.substring(file.lastIndexOf('/') + 1)).readAllBytes(), StandardCharsets.UTF_8);
            HttpResponse<String> put = kb.send(HttpRequest.newBuilder(URI.create(kb.url("/data?graph=" + enc(data.getProperty(RDFS.label).getString()))))
                    .header("Content-Type", "application/n-triples").header("Authorization", "Bearer " + tokens.admin())
                    .PUT(HttpRequest.BodyPublishers.ofString(text)).build());
            assertTrue(put.statusCode() < 300, put.body());
        }
        Resource action = test.getPropertyResourceValue(m.createProperty(MF, "action"));
        List<RDFNode> requests = action.getPropertyResourceValue(m.createProperty(HT, "requests")).as(RDFList.class).asJavaList();
        Map<String, String> variables = new HashMap<>();
        int n = 0;
        for (RDFNode r : requests) {
            n++;
            exchange(r.asResource(), variables, "request " + n + " of " + test.getLocalName());
        }
    }

    private static void exchange(Resource request, Map<String, String> variables, String where) throws Exception {
        Model m = request.getModel();
        String method = string(request, HT, "methodName");
        String path = substitute(string(request, HT, "absolutePath"), variables, true);
        Map<String, String> headers = headers(request.getPropertyResourceValue(m.createProperty(HT, "headers")));
        Resource bodyNode = request.getPropertyResourceValue(m.createProperty(HT, "body"));
        byte[] body = null;
        String bodyText = null;
        if (bodyNode != null) {
            bodyText = substitute(string(bodyNode, CNT, "chars"), variables, false);
            Statement enc = bodyNode.getProperty(m.createProperty(CNT, "characterEncoding"));
            body = bodyText.getBytes(enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc.getString()));
        }
        String contentType = headers.getOrDefault("content-type", "");
        boolean update = path.startsWith("/sparql/") && (contentType.startsWith("application/sparql-update")
                || path.contains("update=") || path.contains("using-graph-uri") || path.contains("using-named-graph-uri")
                || (bodyText != null && bodyText.startsWith("update=")));
        String target = path.startsWith("/gsp") ? "/data" + path.substring(4)
                : path.replaceFirst("^/sparql/", update ? "/sparql/update" : "/sparql");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(kb.url(target))).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        if (update || (path.startsWith("/gsp") && !method.equals("GET") && !method.equals("HEAD")))
            b.header("Authorization", "Bearer " + tokens.admin());
        HttpResponse<byte[]> response = kb.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        String got = method + " " + target + " -> " + response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8);

        Resource expected = request.getPropertyResourceValue(m.createProperty(HT, "resp"));
        List<Resource> statuses = expected.listProperties(m.createProperty(MF, "expectedStatus")).mapWith(Statement::getResource).toList();
        assertFalse(statuses.isEmpty(), where);
        assertTrue(statuses.stream().anyMatch(s -> matches(s.getLocalName(), response.statusCode())),
                where + ": expected " + statuses.stream().map(Resource::getLocalName).toList() + ", got " + got);
        String type = response.headers().firstValue("Content-Type").orElse("");
        Statement format = expected.getProperty(m.createProperty(MF, "expectedFormat"));
        if (format != null) assertFormat(format.getString(), type, where + ": " + got);
        Statement bool = expected.getProperty(m.createProperty(MF, "expectedBoolean"));
        if (bool != null) {
            Lang lang = RDFLanguages.contentTypeToLang(type.split(";")[0].trim());
            assertNotNull(lang, where + ": " + type);
            assertEquals(bool.getBoolean(), ResultSetMgr.readBoolean(new ByteArrayInputStream(response.body()), lang), where + ": " + got);
        }
        Statement location = expected.getProperty(m.createProperty(MF, "expectedLocation"));
        if (location != null) {
            String value = response.headers().firstValue("Location").orElse(null);
            assertNotNull(value, where + ": no Location in " + response.headers().map());
            variables.put(location.getString(), value);
        }
        Map<String, String> expectedHeaders = headers(expected.getPropertyResourceValue(m.createProperty(HT, "headers")));
        expectedHeaders.forEach((name, value) -> assertEquals(normalised(value), normalised(response.headers().firstValue(name).orElse("")),
                where + ": header " + name));
        Resource expectedBody = expected.getPropertyResourceValue(m.createProperty(HT, "body"));
        if (expectedBody != null && !method.equals("HEAD")) {
            Lang lang = RDFLanguages.contentTypeToLang(type.split(";")[0].trim());
            Graph want = GraphFactory.createDefaultGraph(), have = GraphFactory.createDefaultGraph();
            RDFParser.fromString(string(expectedBody, CNT, "chars"), Lang.TURTLE).parse(want);
            RDFParser.source(new ByteArrayInputStream(response.body())).lang(lang).parse(have);
            assertTrue(want.isIsomorphicWith(have), where + ": the graph differs: " + got);
        }
        if (method.equals("HEAD")) assertEquals(0, response.body().length, where + ": HEAD has no body");
    }

    /** Back to the store as it started: every graph the tests made is dropped. */
    private static void reset() throws Exception {
        String graphs = "SELECT DISTINCT ?g { GRAPH ?g { } FILTER(!STRSTARTS(STR(?g), \"https://w3id.org/hikb/\") || STR(?g) = \"https://w3id.org/hikb/graph/updates\""
                + " || STRSTARTS(STR(?g), \"https://w3id.org/hikb/graph/uploads/\")) }";
        StringBuilder drop = new StringBuilder();
        kb.sparql(graphs).path("results").path("bindings").forEach(row -> drop.append("DROP SILENT GRAPH <").append(row.path("g").path("value").asText()).append("> ;\n"));
        if (drop.isEmpty()) return;
        HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update", drop.toString(), "Authorization", "Bearer " + tokens.admin());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static boolean matches(String status, int code) {
        if (status.startsWith("StatusCode")) return code / 100 == status.charAt("StatusCode".length()) - '0';
        Integer expected = STATUS.get(status);
        if (expected == null) throw new IllegalStateException("Unknown status " + status);
        return code == expected;
    }

    private static void assertFormat(String format, String contentType, String where) {
        String media = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        Lang lang = RDFLanguages.contentTypeToLang(media);
        switch (format) {
            case "boolean" -> assertTrue(lang == ResultSetLang.RS_JSON || lang == ResultSetLang.RS_XML, where);
            case "tabular" -> assertTrue(lang == ResultSetLang.RS_JSON || lang == ResultSetLang.RS_XML
                    || lang == ResultSetLang.RS_CSV || lang == ResultSetLang.RS_TSV, where);
            case "RDF" -> assertTrue(lang != null && RDFLanguages.isTriples(lang), where);
            default -> throw new IllegalStateException("Unknown format " + format);
        }
    }

    private static Map<String, String> headers(Resource list) {
        Map<String, String> out = new HashMap<>();
        if (list == null) return out;
        for (RDFNode h : list.as(RDFList.class).asJavaList())
            out.put(string(h.asResource(), HT, "fieldName").toLowerCase(Locale.ROOT), string(h.asResource(), HT, "fieldValue"));
        return out;
    }

    private static String normalised(String headerValue) {
        return headerValue.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    /** {@code $NAME$} replaced by a value a response gave (percent-encoded in a request's query string). */
    private static String substitute(String text, Map<String, String> variables, boolean inUrl) {
        for (var v : variables.entrySet())
            text = text.replace(v.getKey(), inUrl ? enc(v.getValue()) : v.getValue());
        return text;
    }

    private static String string(Resource r, String ns, String local) {
        Statement s = r.getProperty(r.getModel().createProperty(ns, local));
        if (s == null) throw new IllegalStateException("No " + local + " on " + r);
        return s.getString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
