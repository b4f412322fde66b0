package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * A curator's changes through the JSON API: create, replace, patch, delete, with ETags, validation that
 * points at the field, roles, history and restore.
 */
class CurationApiTest {
    static RunningKnowledgeBase kb;
    static String editor;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        TestTokens tokens = TestTokens.create("curator", "admin");
        editor = tokens.editor();
        admin = tokens.admin();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path(), "max-upload-mb", "1"));
    }

    @AfterAll
    static void stop() { kb.close(); }

    static HttpResponse<String> send(String method, String path, String contentType, String body, String token, String ifMatch) {
        return kb.send(method, path, contentType, body, token, RunningKnowledgeBase.ifMatch(ifMatch));
    }

    static String newRecord(String slug, String title) {
        return """
                {"type": "project", "slug": "%s",
                 "title": {"en": "%s", "it": "%s (titolo)"},
                 "summary": {"en": "A record made by the curation test."},
                 "language": ["en"],
                 "countries": [{"code": "ITA"}],
                 "themes": [{"id": "https://w3id.org/hikb/concept/theme/telemedicine"}],
                 "sources": [{"id": "https://w3id.org/hikb/id/source/seed-004-improve"}],
                 "funding": [{"totalBudget": 100000, "cofinancingRate": 0.8, "currency": "EUR"}]}
                """.formatted(slug, title, title);
    }

    static JsonNode json(HttpResponse<String> r) {
        return RunningKnowledgeBase.json(r.body());
    }

    static String etag(String slug) {
        return kb.get("/api/records/" + slug).headers().firstValue("ETag").orElseThrow();
    }

    static boolean searchFinds(String words, String slug) {
        JsonNode r = RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=" + URLEncoder.encode(words, StandardCharsets.UTF_8)).body());
        for (JsonNode hit : r.path("results")) if (hit.path("slug").asText().equals(slug)) return true;
        return false;
    }

    @Test
    void aCuratorCreatesARecordThatIsThenEverywhere() {
        HttpResponse<String> r = send("POST", "/api/records", "application/json", newRecord("curated-telecare-pilot", "Curated telecare pilot"), editor, null);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("/api/records/curated-telecare-pilot", r.headers().firstValue("Location").orElse(""));
        assertTrue(r.headers().firstValue("ETag").isPresent());
        JsonNode created = json(r);
        assertEquals("Curated telecare pilot", created.path("title").path("en").asText());
        assertEquals(0.8, created.path("funding").get(0).path("cofinancingRate").asDouble());
        assertTrue(created.has("modified"), "dct:modified is set");
        assertTrue(searchFinds("curated telecare pilot", "curated-telecare-pilot"));
        assertTrue(kb.sparql("ASK { GRAPH <https://w3id.org/hikb/graph/curation> { <https://w3id.org/hikb/id/project/curated-telecare-pilot> ?p ?o } }").path("boolean").asBoolean());
        HttpResponse<String> again = send("POST", "/api/records", "application/json", newRecord("curated-telecare-pilot", "Twice"), editor, null);
        assertEquals(409, again.statusCode());
    }

    @Test
    void aRecordCanBeCreatedFromTurtle() {
        String turtle = """
                @prefix hikb: <https://w3id.org/hikb/ontology#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                <https://w3id.org/hikb/id/project/turtle-born> a hikb:Project ;
                    dct:title "Born in Turtle"@en ;
                    dct:language <http://publications.europa.eu/resource/authority/language/ENG> ;
                    dct:source <https://w3id.org/hikb/id/source/seed-004-improve> .
                """;
        HttpResponse<String> r = send("POST", "/api/records", "text/turtle", turtle, editor, null);
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("Born in Turtle", json(kb.get("/api/records/turtle-born")).path("title").path("en").asText());
    }

    @Test
    void getEditPutBackNeedsTheETagAndAStaleOneIsRefused() {
        send("POST", "/api/records", "application/json", newRecord("round-trip", "Round trip"), editor, null);
        HttpResponse<String> got = kb.get("/api/records/round-trip");
        String etag = got.headers().firstValue("ETag").orElseThrow();
        ObjectNode record = (ObjectNode) json(got);
        ((ObjectNode) record.path("summary")).put("it", "Sintesi scritta dalla curatrice.");
        String body = record.toString();
        assertEquals(428, send("PUT", "/api/records/round-trip", "application/json", body, editor, null).statusCode(), "no If-Match");
        HttpResponse<String> put = send("PUT", "/api/records/round-trip", "application/json", body, editor, etag);
        assertEquals(200, put.statusCode(), put.body());
        assertEquals("Sintesi scritta dalla curatrice.", json(kb.get("/api/records/round-trip")).path("summary").path("it").asText());
        HttpResponse<String> stale = send("PUT", "/api/records/round-trip", "application/json", body, editor, etag);
        assertEquals(412, stale.statusCode(), "the first ETag is stale now");
        JsonNode history = json(kb.get("/api/records/round-trip/history"));
        assertEquals("update", history.path("versions").get(0).path("operation").asText());
        assertEquals("token/curator", history.path("versions").get(0).path("agent").asText());
    }

    @Test
    void aMergePatchChangesOneField() {
        send("POST", "/api/records", "application/json", newRecord("patched", "Patched record"), editor, null);
        String patch = "{\"summary\": {\"sv\": \"En sammanfattning på svenska.\"}, \"themes\": null}";
        assertEquals(415, send("PATCH", "/api/records/patched", "application/json", patch, editor, etag("patched")).statusCode());
        HttpResponse<String> r = send("PATCH", "/api/records/patched", "application/merge-patch+json", patch, editor, etag("patched"));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode after = json(r);
        assertEquals("En sammanfattning på svenska.", after.path("summary").path("sv").asText());
        assertEquals("A record made by the curation test.", after.path("summary").path("en").asText(), "the other languages stay");
        assertFalse(after.has("themes"), "null removes");
    }

    @Test
    void ifMatchTakesAnyVersionWithAStarAndAListOfTagsButNeverAWeakOne() {
        send("POST", "/api/records", "application/json", newRecord("matched", "Matched record"), editor, null);
        String patch = "{\"summary\": {\"sv\": \"Version %d.\"}}";
        String current = etag("matched");
        assertEquals(412, send("PATCH", "/api/records/matched", "application/merge-patch+json", patch.formatted(1), editor, "W/" + current).statusCode(),
                "If-Match compares strongly");
        assertEquals(200, send("PATCH", "/api/records/matched", "application/merge-patch+json", patch.formatted(1), editor,
                "\"0000\", " + current + ", \"1111\"").statusCode(), "one of a list matches");
        assertEquals(412, send("PATCH", "/api/records/matched", "application/merge-patch+json", patch.formatted(2), editor,
                "\"0000\", " + current).statusCode(), "the old tag no longer does");
        HttpResponse<String> any = send("PATCH", "/api/records/matched", "application/merge-patch+json", patch.formatted(3), editor, "*");
        assertEquals(200, any.statusCode(), any.body());
        assertEquals("Version 3.", json(kb.get("/api/records/matched")).path("summary").path("sv").asText());
        assertEquals(404, send("PATCH", "/api/records/never-made", "application/merge-patch+json", patch.formatted(4), editor, "*").statusCode(),
                "* needs a current version");
    }

    @Test
    void aPatchOrAJsonPutKeepsTheStatementsTheJsonFormCannotHold() {
        String nuts = "ASK { <https://w3id.org/hikb/id/place/vasternorrland> <http://www.w3.org/2004/02/skos/core#exactMatch> "
                + "<http://data.europa.eu/nuts/code/SE321> }";
        assertTrue(kb.sparql(nuts).path("boolean").asBoolean(), "the seed says which NUTS region it is");
        HttpResponse<String> patched = send("PATCH", "/api/records/vasternorrland", "application/merge-patch+json",
                "{\"summary\": {\"en\": \"A county in the north of Sweden.\"}}", editor, etag("vasternorrland"));
        assertEquals(200, patched.statusCode(), patched.body());
        assertTrue(kb.sparql(nuts).path("boolean").asBoolean(), "a patch of the summary keeps the NUTS match");
        HttpResponse<String> got = kb.get("/api/records/vasternorrland");
        HttpResponse<String> put = send("PUT", "/api/records/vasternorrland", "application/json", got.body(), editor,
                got.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, put.statusCode(), put.body());
        assertTrue(kb.sparql(nuts).path("boolean").asBoolean(), "putting back the JSON form keeps the NUTS match");
        assertEquals("A county in the north of Sweden.", json(kb.get("/api/records/vasternorrland")).path("summary").path("en").asText());
    }

    @Test
    void aRecordRunningForABillionYearsDoesNotStopTheIndexFromFollowingTheStore() {
        ObjectNode endless = (ObjectNode) RunningKnowledgeBase.json(newRecord("endless", "Endless pilot"));
        endless.put("startDate", "2020-01-01").put("duration", "P999999999Y");
        HttpResponse<String> r = send("POST", "/api/records", "application/json", endless.toString(), editor, null);
        assertEquals(201, r.statusCode(), r.body());
        assertTrue(searchFinds("Endless pilot", "endless"), "indexed, with its end left open");
        send("POST", "/api/records", "application/json", newRecord("after-endless", "Quinoa observatory"), editor, null);
        assertTrue(searchFinds("Quinoa observatory", "after-endless"), "the next write is indexed too");
    }

    @Test
    void aPageIsNotKeptAsUnmodifiedWhenARecordLinkingToItChanges() throws Exception {
        HttpResponse<String> before = kb.get("/doc/id/place/vasternorrland.ttl");
        String modified = before.headers().firstValue("Last-Modified").orElseThrow();
        Thread.sleep(1100); // HTTP dates count seconds
        HttpResponse<String> r = send("PATCH", "/api/records/improve", "application/merge-patch+json",
                "{\"title\": {\"en\": \"IMPROVE, retitled by the curation test\"}}", editor, etag("improve"));
        assertEquals(200, r.statusCode(), r.body());
        HttpResponse<String> after = kb.get("/doc/id/place/vasternorrland.ttl", "If-Modified-Since", modified);
        assertEquals(200, after.statusCode(), "its description names IMPROVE, whose title changed");
        assertTrue(after.body().contains("retitled by the curation test"), after.body());
    }

    @Test
    void badBodiesAreClear4xxThatNameTheField() {
        String slug = "bad-bodies";
        send("POST", "/api/records", "application/json", newRecord(slug, "Bad bodies"), editor, null);
        String etag = etag(slug);
        HttpResponse<String> malformed = send("PUT", "/api/records/" + slug, "application/json", "{\"title\": ", editor, etag);
        assertEquals(400, malformed.statusCode());
        assertTrue(malformed.body().contains("line 1"), malformed.body());
        assertEquals(415, send("PUT", "/api/records/" + slug, "application/pdf", "%PDF-1.4", editor, etag).statusCode());

        JsonNode unknown = json(send("PUT", "/api/records/" + slug, "application/json", "{\"title\": {\"en\": \"X\"}, \"colour\": \"blue\"}", editor, etag));
        assertEquals(400, unknown.path("status").asInt());
        assertEquals("/colour", unknown.path("violations").get(0).path("pointer").asText());

        JsonNode control = json(send("PUT", "/api/records/" + slug, "application/json", "{\"title\": {\"en\": \"Bell\\u0007 ringing\"}}", editor, etag));
        assertEquals("/title/en", control.path("violations").get(0).path("pointer").asText());
        assertTrue(control.path("violations").get(0).path("message").asText().contains("control character"));

        JsonNode date = json(send("PUT", "/api/records/" + slug, "application/json", "{\"title\": {\"en\": \"X\"}, \"startDate\": \"2024-13-45\"}", editor, etag));
        assertEquals("/startDate", date.path("violations").get(0).path("pointer").asText());

        String huge = "{\"title\": {\"en\": \"" + "x".repeat(1_100_000) + "\"}}";
        assertEquals(413, send("PUT", "/api/records/" + slug, "application/json", huge, editor, etag).statusCode());

        String remote = "{\"@context\": \"http://169.254.169.254/context.jsonld\", \"@id\": \"https://w3id.org/hikb/id/project/" + slug + "\"}";
        HttpResponse<String> ld = send("PUT", "/api/records/" + slug, "application/ld+json", remote, editor, etag);
        assertEquals(400, ld.statusCode());
        assertTrue(ld.body().contains("@context"), ld.body());
        assertEquals(etag, etag(slug), "nothing was written");
    }

    @Test
    void aRecordThatBreaksTheShapesIs422WithPointersAndNothingIsWritten() {
        String slug = "shapeless";
        send("POST", "/api/records", "application/json", newRecord(slug, "Shapeless"), editor, null);
        String etag = etag(slug);
        ObjectNode record = (ObjectNode) json(kb.get("/api/records/" + slug));
        record.remove("title");
        ((ObjectNode) record.path("funding").get(0)).put("cofinancingRate", 7.5);
        HttpResponse<String> r = send("PUT", "/api/records/" + slug, "application/json", record.toString(), editor, etag);
        assertEquals(422, r.statusCode(), r.body());
        JsonNode violations = json(r).path("violations");
        boolean title = false, rate = false;
        for (JsonNode v : violations) {
            if (v.path("pointer").asText().equals("/title") && v.path("rule").asText().equals("MinCount")) title = true;
            if (v.path("pointer").asText().equals("/funding/0/cofinancingRate")) rate = true;
        }
        assertTrue(title && rate, violations.toString());
        assertEquals(etag, etag(slug));
    }

    @Test
    void writesNeedATokenAndDeletingNeedsAnAdmin() {
        String slug = "to-be-deleted";
        assertEquals(401, send("POST", "/api/records", "application/json", newRecord(slug, "Anonymous"), null, null).statusCode());
        assertEquals(401, send("POST", "/api/records", "application/json", newRecord(slug, "Guess"), "hikb_guess", null).statusCode());
        assertEquals(201, send("POST", "/api/records", "application/json", newRecord(slug, "To be deleted"), editor, null).statusCode());
        String etag = etag(slug);
        assertEquals(403, send("DELETE", "/api/records/" + slug, null, null, editor, etag).statusCode());
        assertEquals(200, send("DELETE", "/api/records/" + slug, null, null, admin, etag).statusCode());
        assertEquals(404, kb.get("/api/records/" + slug).statusCode());
        assertFalse(searchFinds("to be deleted", slug), "gone from the index too");
        // The history remembers it: the version before the delete can be read and restored.
        JsonNode versions = json(kb.get("/api/records/" + slug + "/history")).path("versions");
        assertEquals("delete", versions.get(0).path("operation").asText());
        long created = versions.get(1).path("version").asLong();
        assertEquals("To be deleted", json(kb.get("/api/records/" + slug + "/history/" + created)).path("title").path("en").asText());
        assertEquals(403, send("POST", "/api/records/" + slug + "/history/" + created + "/restore", null, null, editor, null).statusCode());
        assertEquals(200, send("POST", "/api/records/" + slug + "/history/" + created + "/restore", null, null, admin, null).statusCode());
        assertTrue(searchFinds("to be deleted", slug), "restored, and indexed again");
    }

    @Test
    void anEarlierVersionIsReadAndRestored() {
        String slug = "versioned";
        send("POST", "/api/records", "application/json", newRecord(slug, "First title"), editor, null);
        long v1 = json(kb.get("/api/records/" + slug + "/history")).path("versions").get(0).path("version").asLong();
        String patch = "{\"title\": {\"en\": \"Second title\"}}";
        assertEquals(200, send("PATCH", "/api/records/" + slug, "application/merge-patch+json", patch, editor, etag(slug)).statusCode());
        assertEquals("First title", json(kb.get("/api/records/" + slug + "/history/" + v1)).path("title").path("en").asText());
        assertEquals(200, send("POST", "/api/records/" + slug + "/history/" + v1 + "/restore", null, null, admin, null).statusCode());
        assertEquals("First title", json(kb.get("/api/records/" + slug)).path("title").path("en").asText());
        assertTrue(searchFinds("first title", slug));
        assertEquals(404, kb.get("/api/records/" + slug + "/history/99999").statusCode());
    }
}
