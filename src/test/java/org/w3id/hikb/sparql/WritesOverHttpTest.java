package org.w3id.hikb.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.graph.Graph;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;
import org.w3id.hikb.RunningKnowledgeBase.RawResponse;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;

/**
 * Writing over HTTP: SPARQL Update at /sparql/update and the Graph Store Protocol at /data, with bearer
 * tokens, through the one write path (shapes, change log, search index).
 */
class WritesOverHttpTest {
    static final String IMPROVE = "https://w3id.org/hikb/id/project/improve";
    static final String IMPROVE_GRAPH = "https://w3id.org/hikb/graph/data/improve";
    static RunningKnowledgeBase kb;
    static TestTokens tokens;
    static String editor;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        tokens = TestTokens.create("editor", "admin");
        editor = tokens.editor();
        admin = tokens.admin();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() throws Exception {
        kb.close();
        Files.deleteIfExists(tokens.file());
    }

    static HttpResponse<String> update(String update, String... headers) {
        return kb.post("/sparql/update", "application/sparql-update", update, headers);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static long generation() {
        return kb.app().writes().generation();
    }

    static boolean ask(String pattern) {
        return kb.sparql("ASK { " + pattern + " }").path("boolean").asBoolean();
    }

    @Test
    void anUpdateWithoutATokenIs401AndChangesNothing() {
        long before = generation();
        HttpResponse<String> r = update("INSERT DATA { <" + IMPROVE + "> <http://purl.org/dc/terms/alternative> \"anonymous\" }");
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"hikb\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""));
        HttpResponse<String> wrong = update("INSERT DATA { <" + IMPROVE + "> <http://purl.org/dc/terms/alternative> \"guess\" }",
                "Authorization", "Bearer hikb_not-a-token");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"));
        assertEquals(before, generation());
        assertFalse(ask("?s <http://purl.org/dc/terms/alternative> ?a FILTER(?a IN (\"anonymous\", \"guess\"))"));
    }

    @Test
    void anAuthenticatedUpdateIsVisibleInSparqlAndInSearch() {
        HttpResponse<String> r = update("PREFIX dct: <http://purl.org/dc/terms/> INSERT DATA { GRAPH <" + IMPROVE_GRAPH + "> { <"
                + IMPROVE + "> dct:alternative \"Landsbygdstjänstlabbet\"@sv } }", "Authorization", bearer(editor));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode done = RunningKnowledgeBase.json(r.body());
        assertEquals(1, done.path("quadsAdded").asInt());
        assertEquals(IMPROVE, done.path("affected").get(0).asText());
        assertTrue(ask("<" + IMPROVE + "> <http://purl.org/dc/terms/alternative> \"Landsbygdstjänstlabbet\"@sv"));
        JsonNode found = RunningKnowledgeBase.json(kb.get("/api/search?q=" + URLEncoder.encode("landsbygdstjänstlabbet", StandardCharsets.UTF_8)).body());
        assertEquals("improve", found.path("results").get(0).path("slug").asText(), found.toString());
        // The change log names who wrote it.
        assertTrue(ask("GRAPH <https://w3id.org/hikb/graph/changes> { ?c <https://w3id.org/hikb/ontology#operation> \"sparql-update\" ; "
                + "<http://www.w3.org/ns/prov#wasAssociatedWith> <https://w3id.org/hikb/agent/token/editor> }"));
    }

    @Test
    void anUpdateAsAFormWorksToo() {
        String update = "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/curation> { <https://w3id.org/hikb/id/project/improve> "
                + "<http://www.w3.org/2000/01/rdf-schema#comment> \"Seen in a form.\"@en } }";
        HttpResponse<String> r = kb.post("/sparql/update", "application/x-www-form-urlencoded",
                "update=" + URLEncoder.encode(update, StandardCharsets.UTF_8), "Authorization", bearer(editor));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(ask("<" + IMPROVE + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"Seen in a form.\"@en"));
    }

    @Test
    void anUpdateThatBreaksTheShapesIsRefusedWithTheReportAndNothingOfItIsApplied() {
        long before = generation();
        String update = "PREFIX hikb: <https://w3id.org/hikb/ontology#> PREFIX dct: <http://purl.org/dc/terms/> "
                + "INSERT DATA { GRAPH <" + IMPROVE_GRAPH + "> { <" + IMPROVE + "> dct:alternative \"Half of a bad write\"@en ; hikb:startDate \"soon\" } }";
        HttpResponse<String> r = update(update, "Authorization", bearer(editor));
        assertEquals(422, r.statusCode(), r.body());
        JsonNode problem = RunningKnowledgeBase.json(r.body());
        assertEquals("hikb:startDate", problem.path("violations").get(0).path("property").asText(), r.body());
        assertEquals(before, generation());
        assertFalse(ask("?s <http://purl.org/dc/terms/alternative> \"Half of a bad write\"@en"), "the valid half was not applied either");
    }

    @Test
    void anEditorMayNotWriteTheOntologyNorTheChangeLog() {
        long before = generation();
        for (String graph : new String[] { "https://w3id.org/hikb/graph/ontology/hikb", "https://w3id.org/hikb/graph/changes" }) {
            HttpResponse<String> r = update("INSERT DATA { GRAPH <" + graph + "> { <urn:x> <urn:y> \"z\" } }", "Authorization", bearer(editor));
            assertEquals(403, r.statusCode(), r.body());
        }
        assertEquals(before, generation());
        HttpResponse<String> byAdmin = update("INSERT DATA { GRAPH <https://w3id.org/hikb/graph/changes> { <urn:x> <urn:y> \"z\" } }",
                "Authorization", bearer(admin));
        assertEquals(403, byAdmin.statusCode(), "no one writes the change log");
    }

    @Test
    void loadAndMalformedUpdatesAreRefused() {
        HttpResponse<String> load = update("LOAD <http://169.254.169.254/latest>", "Authorization", bearer(editor));
        assertEquals(400, load.statusCode());
        assertTrue(load.body().contains("LOAD is not available"), load.body());
        HttpResponse<String> broken = update("INSERT DATA { <urn:a> ", "Authorization", bearer(editor));
        assertEquals(400, broken.statusCode());
        assertTrue(broken.body().contains("does not parse"), broken.body());
        assertEquals(415, kb.post("/sparql/update", "text/plain", "INSERT DATA {}", "Authorization", bearer(editor)).statusCode());
        assertEquals(405, kb.get("/sparql/update").statusCode());
    }

    @Test
    void theGraphStoreProtocolPutsGetsAddsToAndDropsAGraph() {
        String graph = "https://w3id.org/hikb/graph/curation/notes";
        String target = "/data?graph=" + URLEncoder.encode(graph, StandardCharsets.UTF_8);
        String first = "<" + IMPROVE + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"First note.\"@en .";
        HttpResponse<String> put = send("PUT", target, "text/turtle", first, editor);
        assertEquals(201, put.statusCode(), put.body());

        HttpResponse<String> get = kb.get(target, "Accept", "application/n-triples");
        assertEquals(200, get.statusCode());
        assertTrue(get.body().contains("First note."), get.body());

        HttpResponse<String> post = send("POST", target, "application/n-triples",
                "<" + IMPROVE + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"Second note.\"@en .\n", editor);
        assertEquals(200, post.statusCode(), post.body());
        assertTrue(ask("GRAPH <" + graph + "> { ?s ?p \"First note.\"@en, \"Second note.\"@en }"));

        HttpResponse<String> replace = send("PUT", target, "text/turtle",
                "<" + IMPROVE + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"Only note.\"@en .", editor);
        assertEquals(200, replace.statusCode());
        assertFalse(ask("GRAPH <" + graph + "> { ?s ?p \"First note.\"@en }"), "PUT replaces");

        assertEquals(200, send("DELETE", target, null, null, editor).statusCode());
        assertEquals(404, kb.get(target).statusCode());
        assertEquals(404, send("DELETE", target, null, null, editor).statusCode());
    }

    @Test
    void graphStoreWritesNeedATokenAndValidData() {
        String target = "/data?graph=" + URLEncoder.encode(IMPROVE_GRAPH, StandardCharsets.UTF_8);
        long before = generation();
        assertEquals(401, send("PUT", target, "text/turtle", "<urn:a> <urn:b> <urn:c> .", null).statusCode());
        assertEquals(401, send("DELETE", target, null, null, null).statusCode());
        HttpResponse<String> malformed = send("POST", target, "text/turtle", "<urn:a> <urn:b> .", editor);
        assertEquals(400, malformed.statusCode(), malformed.body());
        assertEquals(415, send("POST", target, "application/pdf", "%PDF", editor).statusCode());
        HttpResponse<String> invalid = send("POST", target, "text/turtle",
                "<" + IMPROVE + "> <https://w3id.org/hikb/ontology#endDate> \"someday\" .", editor);
        assertEquals(422, invalid.statusCode(), invalid.body());
        assertEquals(400, kb.get("/data").statusCode());
        assertEquals(400, kb.get("/data?graph=not%20an%20iri").statusCode());
        assertEquals(before, generation());
        assertTrue(ask("<" + IMPROVE + "> a ?type"), "the record is still whole");
    }

    @Test
    void theDefaultGraphOfTheGraphStoreIsWhereWritesNamingNoGraphGoAndNewGraphsGetALocation() {
        String base = "https://w3id.org/hikb/graph/";
        assertEquals(200, send("PUT", "/data?default", "text/turtle", "<urn:hikb-test:s> <urn:hikb-test:p> <relative> .", editor).statusCode());
        HttpResponse<String> dflt = kb.get("/data?default", "Accept", "application/n-triples");
        assertEquals(200, dflt.statusCode());
        assertEquals("<urn:hikb-test:s> <urn:hikb-test:p> <" + base + "relative> .", dflt.body().trim(),
                "the default graph holds what was put there, relative IRIs resolved against the graph's, not the server's directory");
        assertTrue(ask("GRAPH <" + base + "updates> { <urn:hikb-test:s> <urn:hikb-test:p> ?o }"), "the same graph /sparql/update writes to");

        HttpResponse<String> created = send("POST", "/data", "text/turtle", "<urn:hikb-test:new> <urn:hikb-test:p> 1 .", editor);
        assertEquals(201, created.statusCode(), created.body());
        String location = created.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(base + "uploads/"), location);
        assertEquals(200, kb.get("/data?graph=" + URLEncoder.encode(location, StandardCharsets.UTF_8), "Accept", "text/turtle").statusCode());
        assertEquals(200, send("DELETE", "/data?graph=" + URLEncoder.encode(location, StandardCharsets.UTF_8), null, null, editor).statusCode());
        assertEquals(200, send("DELETE", "/data?default", null, null, editor).statusCode());
        assertEquals("", kb.get("/data?default", "Accept", "application/n-triples").body().trim());
    }

    @Test
    void tenWrongTokensFromOneClientAreFollowedBy429ButARightTokenStillWorks() {
        String body = "INSERT DATA { <urn:a> <urn:b> <urn:c> }";
        RawResponse last = null;
        for (int i = 0; i < 11; i++)
            last = kb.rawFrom("127.0.0.9", "POST", "/sparql/update", body, "Content-Type: application/sparql-update",
                    "Content-Length: " + body.length(), "Authorization: Bearer guess-" + i);
        assertEquals(429, last.status(), last.body());
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        RawResponse guess = kb.rawFrom("127.0.0.9", "POST", "/sparql/update", body, "Content-Type: application/sparql-update",
                "Content-Length: " + body.length(), "Authorization: Bearer guess-again");
        assertEquals(429, guess.status(), "guesses wait out the window");
        // The right token is not shut out with the guesser: every client behind one proxy shares an address.
        String nothing = "DELETE DATA { <urn:nothing> <urn:nothing> <urn:nothing> }";
        RawResponse right = kb.rawFrom("127.0.0.9", "POST", "/sparql/update", nothing, "Content-Type: application/sparql-update",
                "Content-Length: " + nothing.length(), "Authorization: Bearer " + editor);
        assertEquals(200, right.status(), right.body());
    }

    @Test
    void tokensAreReadAgainWhenTheFileChanges() throws Exception {
        String fresh = Tokens.newToken();
        String line = Tokens.line(fresh, Role.EDITOR, "newcomer");
        Files.writeString(tokens.file(), Files.readString(tokens.file()) + line + "\n");
        touch();
        String update = "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/curation> { <urn:hikb:test> <urn:hikb:by> \"newcomer\" } }";
        assertEquals(200, update(update, "Authorization", bearer(fresh)).statusCode());
        Files.writeString(tokens.file(), Files.readString(tokens.file()).replace(line + "\n", ""));
        touch();
        assertEquals(401, update(update, "Authorization", bearer(fresh)).statusCode(), "revoked by deleting its line");
        assertFalse(Files.readString(tokens.file()).contains(fresh), "the file holds hashes, never tokens");
    }

    private static void touch() throws Exception {
        // File times may be coarse: make sure the change is seen as one.
        Files.setLastModifiedTime(tokens.file(), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + (long) (Math.random() * 100_000)));
    }

    static HttpResponse<String> send(String method, String target, String contentType, String body, String token) {
        return kb.send(method, target, contentType, body, token);
    }
}
