package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a newcomer runs it (see {@link HealthKnowledgeBase}): a knowledge base of
 * thousands of real health-and-care records, with their sources, in every language, and no "null" anywhere.
 */
class FirstStartTest {
    private final HealthKnowledgeBase kb = HealthKnowledgeBase.shared();

    @Test
    void theFirstStartServesThousandsOfRealHealthAndCareRecords() throws Exception {
        long projects = kb.json("/api/search?scope=health&type=project&size=1").path("total").asLong();
        assertTrue(projects >= 3000, "real health-and-care projects: " + projects);
        List<String> programmes = new ArrayList<>();
        kb.json("/api/search?scope=health&size=1").path("facets").path("programme").forEach(p -> programmes.add(p.path("value").asText()));
        assertTrue(programmes.containsAll(List.of("horizon-2020", "fp7")), "programmes: " + programmes);
    }

    @Test
    void theCatalogueNamesTheImportedSources() throws Exception {
        HttpResponse<String> catalog = kb.get("/catalog", "text/turtle");
        assertEquals(200, catalog.statusCode());
        for (String source : List.of("cordis-h2020", "cordis-fp7", "se-erdf-2014-2020"))
            assertTrue(catalog.body().contains("id/source/" + source), source + " is not in the catalogue");
    }

    @Test
    void theItalianLandingPageListsOnlyHealthAndCareRecords() throws Exception {
        HttpResponse<String> page = kb.get("/?lang=it", "text/html");
        assertEquals(200, page.statusCode());
        Matcher m = Pattern.compile("href=\"/doc/id/(\\w+)/([a-z0-9-]+)\\?lang=it\"").matcher(page.body());
        List<String> listed = new ArrayList<>();
        while (m.find()) listed.add(m.group(2));
        assertFalse(listed.isEmpty(), "the landing page lists records");
        for (String slug : listed) {
            JsonNode r = kb.json("/api/records/" + slug + "?lang=it");
            boolean aboutHealth = r.toString().contains("/theme/") || r.path("sources").toString().contains("/source/seed-");
            assertTrue(aboutHealth, slug + " is listed on the landing page but is not about health or care: " + r.path("title"));
        }
    }

    @Test
    void noPageOrAnswerShowsTheWordNull() throws Exception {
        String record = kb.json("/api/search?q=cancer&lang=de&size=1").path("results").get(0).path("slug").asText();
        for (String[] call : List.of(new String[] { "/?lang=it", "text/html" }, new String[] { "/?lang=de&q=Krebs", "text/html" },
                new String[] { "/doc/id/project/" + record + "?lang=it", "text/html" },
                new String[] { "/api/search?q=cancer&lang=sv", "application/json" },
                new String[] { "/api/search?scope=health&type=project&lang=it&size=50", "application/json" },
                new String[] { "/api/export?q=health&format=csv", "text/csv" })) {
            HttpResponse<String> r = kb.get(call[0], call[1]);
            assertEquals(200, r.statusCode(), call[0]);
            // "null" as a value: a JSON null, an HTML element or attribute holding only it, a CSV cell of it
            // (the word inside a real title, "null mutant mice", is the title's).
            Matcher nulls = Pattern.compile(":null[,}]|>\\s*null\\s*<|=\"null\"|(^|,)\"?null\"?(,|\r?$)", Pattern.MULTILINE).matcher(r.body());
            assertFalse(nulls.find(), call[0] + " shows the word null: ..." + (nulls.hitEnd() ? "" : r.body().substring(Math.max(0, nulls.start() - 80), Math.min(r.body().length(), nulls.end() + 80))));
        }
    }

    @Test
    void aRecordWithoutASummaryShowsWhatItHas() throws Exception {
        boolean checked = false;
        for (JsonNode r : kb.json("/api/search?scope=health&type=project&lang=it&size=20").path("results"))
            if (!r.has("summary")) {
                assertTrue(r.path("facts").size() > 0, "a browsed record without a summary has its facts: " + r);
                checked = true;
            }
        assertTrue(checked, "the store has records without a summary, and they were checked");
        // The landing page opens on the curated records (all described); the imported ones follow, newest first.
        String first = kb.get("/?lang=it", "text/html").body();
        assertTrue(first.contains("HACK-IT-NET"), "the landing page opens on the curated initiatives");
        boolean facts = false;
        for (int page = 1; page <= 6 && !facts; page++)
            facts = kb.get("/?lang=it&page=" + page, "text/html").body().contains("class=\"snippet facts\"");
        assertTrue(facts, "the landing page's records without a summary show their facts");
    }

    @Test
    void anEuContributionIsWrittenInEurosTheReadersWay() throws Exception {
        // CORDIS funding lines are in euros: 1 622 001,85 € in Swedish (not "SVC", El Salvador's colón, which a
        // sv-SV locale gives), 1.622.001,85 € in German and Italian, €1,622,001.85 in English.
        java.util.Map<String, String> money = java.util.Map.of("sv", "^[0-9\u00a0 ]+,[0-9]{2}\u00a0€$",
                "de", "^[0-9.]+,[0-9]{2}\u00a0€$", "it", "^[0-9.]+,[0-9]{2}\u00a0€$", "en", "^€[0-9,]+\\.[0-9]{2}$");
        for (java.util.Map.Entry<String, String> m : money.entrySet()) {
            int seen = 0;
            for (JsonNode r : kb.json("/api/search?q=cancer&type=project&size=20&lang=" + m.getKey()).path("results"))
                for (JsonNode f : r.path("facts"))
                    // An amount: digits, separators, and a currency sign or code (a call topic has words too).
                    if (f.path("value").asText().replaceAll("EUR|SEK|SVC|kr", "").matches("[^\\p{L}]*[0-9]{3}[^\\p{L}]*")) {
                        assertTrue(f.path("value").asText().matches(m.getValue()), m.getKey() + ": " + f);
                        seen++;
                    }
            assertTrue(seen > 0, "some " + m.getKey() + " results show an EU contribution");
        }
    }

    @Test
    void snippetsAndSummariesComeInTheReadersLanguageWhereTheyExist() throws Exception {
        // The curated records have summaries in all four languages: each reader gets hers, for a search in her
        // language as for a browse.
        java.util.Map<String, String> words = java.util.Map.of("it", "innovazione salute", "de", "Innovation Gesundheit",
                "en", "innovation health", "sv", "innovation hälsa");
        int checked = 0;
        for (var e : words.entrySet()) {
            String lang = e.getKey();
            for (JsonNode item : kb.json("/api/search?lang=" + lang + "&q=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                    + "&size=50").path("results")) {
                if (!List.of("hack-it-net", "ecosistema-innovativo-della-salute", "improve", "smarthealth", "s3-4alpclusters").contains(item.path("slug").asText()))
                    continue;
                assertEquals(lang, item.path("summaryLanguage").asText(), item.path("slug") + " summary for a reader of " + lang);
                if (item.has("snippetLanguage")) assertEquals(lang, item.path("snippetLanguage").asText(), item.path("slug") + " snippet for " + lang);
                checked++;
            }
            for (JsonNode item : kb.json("/api/search?lang=" + lang + "&type=project&scope=health&size=100").path("results"))
                if (List.of("hack-it-net", "improve").contains(item.path("slug").asText()))
                    assertEquals(lang, item.path("summaryLanguage").asText(), item.path("slug") + " summary in a browse for " + lang);
        }
        assertTrue(checked >= 8, "curated records were found in each language: " + checked);
    }
}
