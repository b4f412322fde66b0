package org.w3id.hikb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.HealthKnowledgeBase;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * A policy maker searches in her own language and finds the records written in another, on the real
 * health-and-care records the first start imports (almost all of them titled in English only).
 */
class CrossLingualSearchTest {
    private final HealthKnowledgeBase kb = HealthKnowledgeBase.shared();

    private JsonNode search(String q, String lang, String more) throws Exception {
        return kb.json("/api/search?lang=" + lang + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + more);
    }

    private List<String> top(String q, String lang, int n) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : search(q, lang, "&size=" + n).path("results")) out.add(r.path("slug").asText() + "  " + r.path("title").asText());
        return out;
    }

    private void inTop3(String q, String lang, String slug) throws Exception {
        List<String> top = top(q, lang, 3);
        assertTrue(top.stream().anyMatch(t -> t.startsWith(slug + "  ")), q + " (" + lang + ") should find " + slug + " in the top 3: " + top);
    }

    @Test
    void italianRareDiseasesFindTheEnglishRareDiseasesProject() throws Exception {
        inTop3("malattie rare", "it", "fp7-305690");
    }

    @Test
    void aGermanHealthClusterQueryFindsTheAlpineHealthNetworks() throws Exception {
        List<String> top = top("Gesundheitscluster Alpenraum", "de", 3);
        assertTrue(top.stream().anyMatch(t -> t.startsWith("hack-it-net  ") || t.startsWith("s3-4alpclusters  ")), top.toString());
    }

    @Test
    void germanTelemedicineInRuralAreasFindsRuralEHealthNotEquityFunds() throws Exception {
        List<String> top = top("Telemedizin ländliche Gebiete", "de", 3);
        assertTrue(top.stream().anyMatch(t -> t.startsWith("improve  ")), top.toString());
        assertTrue(top.stream().noneMatch(t -> t.contains("Eigenkapital")), top.toString());
    }

    @Test
    void aGermanCompoundIsSplitThenTranslated() throws Exception {
        JsonNode answer = search("Pflegeroboter", "de", "&size=3&explain=true");
        assertTrue(answer.path("total").asLong() > 0, "Pflegeroboter finds records");
        List<String> top = new ArrayList<>();
        answer.path("results").forEach(r -> top.add(r.path("title").asText().toLowerCase(java.util.Locale.ROOT)));
        assertTrue(top.stream().anyMatch(t -> t.contains("robot") && t.contains("car")), "a care robot in the top 3: " + top);
        String via = answer.path("explain").path("units").get(0).path("translations").toString();
        assertTrue(via.contains("pflege + roboter"), "the explanation says the compound was split: " + via);
    }

    @Test
    void aSwedishCompoundOfThreeWordsIsCutFiner() throws Exception {
        // beta + cell + terapi: no dictionary has "betacell", so the modifier is a compound itself.
        inTop3("Betacellsterapi vid diabetes", "sv", "fp7-241883");
        String via = search("Betacellsterapi", "sv", "&size=1&explain=true").path("explain").path("units").get(0).path("translations").toString();
        assertTrue(via.contains("beta cell therapy"), via);
    }

    @Test
    void aCompoundPartMayBeACognateAndMayDropItsFinalLetter() throws Exception {
        // "Hjärtomik": hjärt(a) + omik, omics by the rule -ik to -ics.
        inTop3("Hjärtomik vid åldrande", "sv", "fp7-305507");
    }

    @Test
    void cognateSpellingChangesCombine() throws Exception {
        // "koagulopati" is "coagulopathy" only with k to c and -pati to -pathy together.
        inTop3("Riktade insatser för att bota traumainducerad koagulopati", "sv", "fp7-602771");
        assertEquals(List.of("koagulopati", "koagulopathy", "coagulopati", "coagulopathy"), Translations.spellings("koagulopati", org.w3id.hikb.records.Lang.EN));
    }

    @Test
    void aWordADictionaryTranslatesIsNoMisspeltConceptLabel() throws Exception {
        // Swedish "oklar" (unclear) is stemmed "okl", one letter from the stems of "öl" (beer) and "öken" (desert):
        // it was read as a misspelling of both concepts.
        TestTokens tokens = TestTokens.create("oklar-editor", "oklar-admin");
        try (RunningKnowledgeBase curated = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()))) {
            HttpResponse<String> written = curated.post("/api/records", "application/json",
                    "{\"type\": \"project\", \"slug\": \"desert-beer\", \"title\": {\"en\": \"Craft beer brewed in the desert\"},"
                            + " \"language\": [\"en\"], \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}",
                    "Authorization", "Bearer " + tokens.editor());
            assertEquals(201, written.statusCode(), written.body());
            assertTrue(curated.get("/api/search?lang=en&q=beer").body().contains("desert-beer"), "the record is found by its words");
            String oklar = curated.get("/api/search?lang=sv&q=oklar&size=50").body();
            assertFalse(oklar.contains("desert-beer"), oklar);
        }
    }

    @Test
    void explainSaysHowTheQueryWasReadAndWhatMatched() throws Exception {
        JsonNode answer = search("Demenz Pflege zu Hause", "de", "&size=5&explain=true");
        JsonNode explain = answer.path("explain");
        assertEquals("de", explain.path("queryLanguage").asText());
        List<String> units = new ArrayList<>();
        explain.path("units").forEach(u -> units.add(u.path("text").asText()));
        assertTrue(units.contains("Demenz"), units.toString());
        assertTrue(explain.path("units").get(0).path("translations").toString().contains("dementia"), explain.toString());
        JsonNode first = answer.path("results").get(0);
        assertTrue(first.path("matched").size() > 0, "each result says which fields and terms matched: " + first);
        assertTrue(first.path("matched").get(0).asText().matches("[a-z_]+:.+"), first.path("matched").toString());
    }

    @Test
    void aPastedParagraphOfFortyFiveWordsGivesResultsNotAnError() throws Exception {
        String paragraph = "Il progetto sviluppa servizi di telemedicina per i pazienti anziani con malattie croniche che vivono "
                + "nelle aree rurali e montane, collegando ospedali, medici di famiglia e infermieri con piattaforme digitali, "
                + "sensori indossabili e teleconsulto, per ridurre i ricoveri, migliorare la qualità della vita e sostenere "
                + "l'assistenza domiciliare integrata nelle regioni alpine";
        assertTrue(paragraph.split("\\s+").length >= 45);
        JsonNode answer = search(paragraph, "it", "&size=5");
        assertTrue(answer.path("total").asLong() > 0, "a paragraph finds records");
        var page = kb.get("/?lang=it&q=" + URLEncoder.encode(paragraph, StandardCharsets.UTF_8), "text/html");
        assertEquals(200, page.statusCode());
        var sparql = kb.get("/sparql?query=" + URLEncoder.encode("PREFIX text: <https://w3id.org/hikb/text#> SELECT ?r WHERE { (?r ?score) text:query (\""
                + paragraph.replace("'", " ") + "\"@it 5) }", StandardCharsets.UTF_8), "application/sparql-results+json");
        assertEquals(200, sparql.statusCode(), sparql.body());
    }
}
