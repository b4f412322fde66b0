package org.w3id.hikb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/**
 * A reader who asks for Italian, German or Swedish gets every page in it: the SPARQL editor, the error pages,
 * the counts with their plural forms and the durations in words.
 */
class PagesInEveryLanguageTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @ParameterizedTest(name = "the SPARQL editor in {0}")
    @CsvSource(delimiter = '|', value = { "it | Interrogazione SPARQL | Esegui | Ricerca testuale in qualsiasi lingua",
            "de | SPARQL-Abfrage | Abfrage ausführen | Volltextsuche in jeder Sprache",
            "sv | SPARQL-fråga | Kör frågan | Fritextsökning på alla språk",
            "en | SPARQL query | Run query | Full-text search in any language" })
    void theSparqlEditorSpeaksTheReadersLanguage(String lang, String title, String button, String example) {
        HttpResponse<String> byHeader = kb.get("/sparql", "Accept", "text/html", "Accept-Language", lang);
        HttpResponse<String> byParameter = kb.get("/sparql?lang=" + lang, "Accept", "text/html", "Accept-Language", "en");
        for (HttpResponse<String> r : java.util.List.of(byHeader, byParameter)) {
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("<html lang=\"" + lang + "\">"), r.body().substring(0, 200));
            assertTrue(r.body().contains("<h1>" + title + "</h1>"), title);
            assertTrue(r.body().contains(">" + button + "</button>"), button);
            assertTrue(r.body().contains(example), example);
        }
        assertTrue(byHeader.headers().firstValue("Vary").orElse("").contains("Accept-Language"), byHeader.headers().toString());
        // The markup of the texts is kept, the origin it names is not taken as markup.
        assertTrue(byHeader.body().contains("<code>" + kb.url("/sparql") + "</code>"), "the endpoint is named");
    }

    @Test
    void theResultsOfAQueryAreCountedInTheReadersLanguage() {
        String one = URLEncoder.encode("SELECT ?p WHERE { VALUES ?p { 1 } }", StandardCharsets.UTF_8);
        String three = URLEncoder.encode("SELECT ?p WHERE { VALUES ?p { 1 2 3 } }", StandardCharsets.UTF_8);
        assertTrue(kb.get("/sparql?format=html&lang=it&query=" + one).body().contains("1 riga."));
        assertTrue(kb.get("/sparql?format=html&lang=it&query=" + three).body().contains("3 righe."));
        assertTrue(kb.get("/sparql?format=html&lang=sv&query=" + three).body().contains("3 rader."));
        HttpResponse<String> failed = kb.get("/sparql?format=html&lang=de&query=" + URLEncoder.encode("SELEKT", StandardCharsets.UTF_8));
        assertEquals(400, failed.statusCode());
        assertTrue(failed.body().contains("<html lang=\"de\">"), "a failed query keeps the page's language");
        assertTrue(failed.body().contains("<span lang=\"en\">"), "and marks the parser's English reason as English");
    }

    @ParameterizedTest(name = "a missing page in {0}")
    @CsvSource(delimiter = '|', value = { "it | Non trovato", "de | Nicht gefunden", "sv | Hittades inte" })
    void aMissingPageSaysSoInTheReadersLanguage(String lang, String words) {
        for (String path : new String[] { "/doc/id/project/nope", "/no/such/page", "/catalog/nope" }) {
            HttpResponse<String> r = kb.get(path, "Accept", "text/html", "Accept-Language", lang);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.body().contains("<html lang=\"" + lang + "\""), path + ": " + r.body());
            assertTrue(r.body().contains(words), path + ": " + r.body());
        }
    }

    @ParameterizedTest(name = "one result in {0}")
    @CsvSource(delimiter = '|', value = { "it | 1 risultato | 1 risultati", "de | 1 Ergebnis | 1 Ergebnisse", "en | 1 result | 1 results" })
    void oneResultIsOneResult(String lang, String singular, String wrong) {
        String q = "DHEAL-COM";
        int total = RunningKnowledgeBase.json(kb.get("/api/search?lang=" + lang + "&q=" + q).body()).path("total").asInt();
        assertEquals(1, total, "the search this test needs finds exactly one record");
        String page = kb.get("/?lang=" + lang + "&q=" + q).body();
        assertTrue(page.contains(singular), singular);
        assertFalse(page.contains(wrong), wrong);
    }

    @ParameterizedTest(name = "a duration in {0}")
    @CsvSource(delimiter = '|', value = { "it | dal 2015-05, per 3 anni", "de | ab 2015-05, für 3 Jahre", "sv | från 2015-05, i 3 år",
            "en | from 2015-05, for 3 years" })
    void aPeriodWithoutAnEndIsGivenInWords(String lang, String period) {
        String page = kb.get("/doc/id/project/improve?lang=" + lang, "Accept", "text/html").body();
        assertTrue(page.contains(period), period);
        assertFalse(page.contains("(P3Y)"), "not as the ISO code");
    }

    @Test
    void durationsAndCountsFollowEachLanguagesWords() {
        assertEquals("2 Jahre, 6 Monate", Messages.of(Lang.DE).duration("P2Y6M"));
        assertEquals("1 anno, 1 mese", Messages.of(Lang.IT).duration("P1Y1M"));
        assertEquals("30 months", Messages.of(Lang.EN).duration("P30M"));
        assertEquals("PT36H", Messages.of(Lang.EN).duration("PT36H"), "hours are not a project's duration: left as they are");
        assertEquals("12.400 risultati", Messages.of(Lang.IT).count("search.results", 12_400));
        assertEquals("12,400 results", Messages.of(Lang.EN).count("search.results", 12_400));
    }
}
