package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;

/** Records, vocabularies and the API's own documentation, over HTTP. */
class RecordsApiTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    private static JsonNode get(String path) {
        HttpResponse<String> r = kb.get(path);
        assertEquals(200, r.statusCode(), r.body());
        return RunningKnowledgeBase.json(r.body());
    }

    @Test
    void aRecordComesInFullWithLinksNamedInTheReadersLanguage() {
        JsonNode r = get("/api/records/hack-it-net?lang=it");
        assertEquals("https://w3id.org/hikb/id/project/hack-it-net", r.path("id").asText());
        assertEquals(4, r.path("title").size());
        assertEquals("it", r.path("display").path("titleLanguage").asText());
        assertEquals("Interreg Spazio Alpino", r.path("programmes").get(0).path("label").asText());
        JsonNode funding = r.path("funding").get(0);
        assertEquals(2512137.88, funding.path("totalBudget").asDouble(), 0.001);
        assertEquals(0.75, funding.path("cofinancingRate").asDouble(), 0.0001);
        assertEquals("EUR", funding.path("currency").asText());
        assertEquals(3, r.path("pilots").size());
        assertTrue(r.path("themes").toString().contains("Trasferimento tecnologico"), r.path("themes").toString());
        assertEquals(List.of("it", "de", "sv"), texts(r.path("translatedLanguages")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        out.sort((a, b) -> List.of("it", "de", "en", "sv").indexOf(a) - List.of("it", "de", "en", "sv").indexOf(b));
        return out;
    }

    @Test
    void aTextMissingInTheReadersLanguageFallsBackToEnglishThenTheOthers() {
        JsonNode source = get("/api/records/seed-002-ecosistema-innovativo-della-salute?lang=sv");
        assertEquals("it", source.path("display").path("titleLanguage").asText(), "only an Italian title exists");
        JsonNode wp = get("/api/records/hack-it-net?lang=de").path("workPackages").get(0);
        assertTrue(wp.path("title").has("en") && !wp.path("title").has("de"));
    }

    @Test
    void aRecordHasAnEtagAndRevalidatesWith304() {
        HttpResponse<String> first = kb.get("/api/records/improve");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = kb.get("/api/records/improve", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
    }

    @Test
    void theListOfRecordsIsPagedAndFilteredByFacets() {
        JsonNode page1 = get("/api/records?type=project&size=3&page=1&lang=en");
        JsonNode page2 = get("/api/records?type=project&size=3&page=2&lang=en");
        assertEquals(page1.path("total").asLong(), page2.path("total").asLong());
        assertEquals(3, page1.path("results").size());
        List<String> seen = new ArrayList<>();
        page1.path("results").forEach(x -> seen.add(x.path("slug").asText()));
        page2.path("results").forEach(x -> assertFalse(seen.contains(x.path("slug").asText()), "pages do not overlap"));
        page1.path("results").forEach(x -> assertEquals("project", x.path("type").asText()));
    }

    @Test
    void relatedRecordsAreTheMostAlikeAndNeverTheRecordItself() {
        JsonNode related = get("/api/records/hack-it-net/related");
        assertTrue(related.path("related").size() > 0);
        related.path("related").forEach(x -> assertFalse(x.path("slug").asText().equals("hack-it-net")));
    }

    @Test
    void aVocabularyListsItsConceptsInFourLanguages() {
        JsonNode themes = get("/api/concepts/theme?lang=de");
        JsonNode telemedicine = null;
        for (JsonNode c : themes.path("concepts"))
            if (c.path("notation").asText().equals("telemedicine")) telemedicine = c;
        assertTrue(telemedicine != null);
        assertEquals(4, telemedicine.path("prefLabel").size());
        assertEquals("Telemedizin und Telepflege", telemedicine.path("label").asText());
        assertTrue(get("/api/concepts").path("schemes").size() >= 6);
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() {
        JsonNode doc = get("/api/openapi.json");
        assertEquals("3.1.0", doc.path("openapi").asText());
        for (String path : List.of("/api/search", "/api/suggest", "/api/records", "/api/records/{slug}",
                "/api/records/{slug}/related", "/api/concepts", "/api/concepts/{scheme}", "/health", "/sparql"))
            assertTrue(doc.path("paths").has(path), path);
        HttpResponse<String> page = kb.get("/api/docs");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("swagger-ui-bundle.js"));
        assertEquals(200, kb.get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js").statusCode(), "served from the jar, not a CDN");
    }

    @Test
    void sparqlCanCombineTextSearchWithGraphPatterns() {
        JsonNode rows = kb.sparql("""
                PREFIX text: <https://w3id.org/hikb/text#>
                PREFIX hikb: <https://w3id.org/hikb/ontology#>
                SELECT ?record ?score ?programme WHERE {
                  (?record ?score) text:query ("telemedicina aree rurali" 5) .
                  ?record hikb:programme ?programme .
                } ORDER BY DESC(?score)""").path("results").path("bindings");
        assertEquals("https://w3id.org/hikb/id/project/improve", rows.get(0).path("record").path("value").asText());
        assertEquals("https://w3id.org/hikb/id/programme/northern-periphery-and-arctic", rows.get(0).path("programme").path("value").asText());
    }
}
