package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The home page, the health check and the clear errors of the foundation's server. */
class ServerErrorsTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @Test
    void theHomePageIsTheSearchAndListsTheRecords() {
        HttpResponse<String> r = kb.get("/", "Accept", "text/html", "Accept-Language", "en");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("Health Innovation Knowledge Base"));
        assertTrue(r.body().contains("<form id=\"search\" role=\"search\""));
        assertTrue(r.body().contains("href=\"/doc/id/"), "records are listed before any search");
        assertTrue(r.body().contains("/sparql"));
    }

    @Test
    void healthSaysUpAndTheGeneration() {
        JsonNode health = RunningKnowledgeBase.json(kb.get("/health").body());
        assertEquals("up", health.path("status").asText());
        assertTrue(health.path("generation").asLong() >= 1);
    }

    @Test
    void aSparqlSyntaxErrorIs400WithTheParserMessage() {
        HttpResponse<String> r = kb.get("/sparql?query=" + URLEncoder.encode("SELEC * WHERE { ?s ?p ?o }", StandardCharsets.UTF_8));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("Parse error") && r.body().contains("line 1"), r.body());
    }

    @Test
    void anUnknownRouteIs404ProblemJson() {
        HttpResponse<String> r = kb.get("/no/such/page");
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        JsonNode problem = RunningKnowledgeBase.json(r.body());
        assertEquals(404, problem.path("status").asInt());
        assertEquals("/no/such/page", problem.path("instance").asText());
    }

    @Test
    void anUnknownRouteAskedForByABrowserIsAn404Page() {
        HttpResponse<String> r = kb.get("/no/such/page", "Accept", "text/html,application/xhtml+xml");
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("<h1>404 Not found</h1>"), r.body());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({ "it, Non trovato, In inglese:", "de, Nicht gefunden, Auf Englisch:",
            "sv, Hittades inte, På engelska:", "en, Not found, " })
    void anErrorPageIsInTheReadersLanguageWithTheReasonMarkedAsEnglish(String lang, String words, String inEnglish) {
        HttpResponse<String> r = kb.get("/doc/id/project/no-such-project", "Accept", "text/html", "Accept-Language", lang);
        assertEquals(404, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"" + lang + "\">"), r.body());
        assertTrue(r.body().contains("<h1>404 " + words + "</h1>"), r.body());
        assertTrue(r.body().contains("<a href=\"/?lang=" + lang + "\">"), "the way home keeps the language: " + r.body());
        if (inEnglish != null)
            assertTrue(r.body().contains(inEnglish + " <span lang=\"en\">The knowledge base has nothing about"), r.body());
        // ?lang= wins over the header, as on every page.
        assertTrue(kb.get("/doc/id/project/no-such-project?lang=" + lang, "Accept", "text/html", "Accept-Language", "sv,de;q=0.5")
                .body().contains("<h1>404 " + words + "</h1>"));
    }

    @Test
    void theSparqlEndpointIsReadOnly() {
        HttpResponse<String> r = kb.post("/sparql", "application/sparql-update",
                "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }");
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, r.statusCode() + " " + r.body());
        assertEquals("false", kb.sparql("ASK { GRAPH <urn:x> { ?s ?p ?o } }").path("boolean").asText());
    }
}
