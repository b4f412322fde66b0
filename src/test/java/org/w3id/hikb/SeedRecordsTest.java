package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The key facts of each seed document, asked of the running server over SPARQL, as a developer would. */
class SeedRecordsTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    private static JsonNode onlyRow(String query) {
        JsonNode rows = kb.sparql(Prefixes.SPARQL + query).path("results").path("bindings");
        assertEquals(1, rows.size(), "expected one row, got " + rows);
        return rows.get(0);
    }

    private static String value(JsonNode row, String var) { return row.path(var).path("value").asText(); }
    private static String datatype(JsonNode row, String var) { return row.path(var).path("datatype").asText(); }

    @Test
    void everySeedRecordHasItsTitleInItalianGermanEnglishAndSwedish() {
        JsonNode rows = kb.sparql(Prefixes.SPARQL + """
                SELECT ?record ?lang WHERE {
                  VALUES ?record { project:hack-it-net project:s3-4alpclusters project:dheal-com project:improve
                                   programme:ecosistema-innovativo-della-salute
                                   <https://w3id.org/hikb/id/partnership/smarthealth> }
                  ?record dct:title ?title ; dct:abstract ?summary .
                  FILTER(LANG(?title) = LANG(?summary))
                  BIND(LANG(?title) AS ?lang)
                }""").path("results").path("bindings");
        Map<String, Set<String>> langs = new HashMap<>();
        rows.forEach(r -> langs.computeIfAbsent(value(r, "record"), k -> new TreeSet<>()).add(value(r, "lang")));
        assertEquals(6, langs.size(), "all six seed records: " + langs.keySet());
        langs.forEach((record, l) -> assertEquals(Set.of("de", "en", "it", "sv"), l, record));
    }

    @Test
    void hackItNetRunsFromJune2024ToJune2027WithTwoAndAHalfMillionEurosAt75PercentErdf() {
        JsonNode row = onlyRow("""
                SELECT ?start ?end ?total ?rate ?fund ?programme WHERE {
                  project:hack-it-net hikb:startDate ?start ; hikb:endDate ?end ; hikb:programme ?programme ;
                      hikb:funding [ hikb:totalBudget ?total ; hikb:cofinancingRate ?rate ; hikb:fund ?fund ] .
                }""");
        assertEquals("2024-06", value(row, "start"));
        assertEquals("http://www.w3.org/2001/XMLSchema#gYearMonth", datatype(row, "start"));
        assertEquals("2027-06", value(row, "end"));
        assertEquals(0, new BigDecimal("2512137.88").compareTo(new BigDecimal(value(row, "total"))));
        assertEquals(0, new BigDecimal("0.75").compareTo(new BigDecimal(value(row, "rate"))));
        assertEquals("https://w3id.org/hikb/concept/funding-source/erdf", value(row, "fund"));
        assertEquals("https://w3id.org/hikb/id/programme/interreg-alpine-space", value(row, "programme"));
    }

    @Test
    void s3AlpClustersRanFromNovember2016ToApril2019WithItsErdfShare() {
        JsonNode row = onlyRow("""
                SELECT ?start ?end ?duration ?total ?erdf WHERE {
                  project:s3-4alpclusters hikb:startDate ?start ; hikb:endDate ?end ; hikb:duration ?duration ;
                      hikb:funding [ hikb:totalBudget ?total ; hikb:euContribution ?erdf ; hikb:fund fund:erdf ] .
                }""");
        assertEquals("2016-11-01", value(row, "start"));
        assertEquals("2019-04-30", value(row, "end"));
        assertEquals("P30M", value(row, "duration"));
        assertEquals(0, new BigDecimal("2521964").compareTo(new BigDecimal(value(row, "total"))));
        assertEquals(0, new BigDecimal("1929500").compareTo(new BigDecimal(value(row, "erdf"))));
    }

    @Test
    void improveIsANorthernPeripheryAndArcticProjectStartedInMay2015ForThreeYears() {
        JsonNode row = onlyRow("""
                SELECT ?start ?duration ?programmeTitle WHERE {
                  project:improve hikb:startDate ?start ; hikb:duration ?duration ; hikb:programme ?p .
                  ?p dct:title ?programmeTitle FILTER(LANG(?programmeTitle) = "en")
                }""");
        assertEquals("2015-05", value(row, "start"));
        assertEquals("P3Y", value(row, "duration"));
        assertEquals("Northern Periphery and Arctic", value(row, "programmeTitle"));
    }

    @Test
    void theMilanWorkshopOf5July2018BelongsToS3AlpClusters() {
        JsonNode row = onlyRow("""
                SELECT ?date ?host WHERE {
                  ?event a hikb:Workshop ; hikb:eventOf project:s3-4alpclusters ; hikb:startDate ?date ; hikb:host ?host .
                }""");
        assertEquals("2018-07-05", value(row, "date"));
        assertEquals("https://w3id.org/hikb/id/organisation/regione-lombardia", value(row, "host"));
    }

    @Test
    void everyRecordCitesItsSeedDocumentAndSaysWhichLanguagesAreTranslations() {
        JsonNode rows = kb.sparql(Prefixes.SPARQL + """
                SELECT ?record WHERE {
                  ?record dct:title ?t .
                  FILTER(STRSTARTS(STR(?record), "https://w3id.org/hikb/id/") && !STRSTARTS(STR(?record), "https://w3id.org/hikb/id/source/"))
                  FILTER(!CONTAINS(STR(?record), "#"))
                  FILTER NOT EXISTS { ?record dct:source ?s . ?s hikb:seedFile ?file }
                }""").path("results").path("bindings");
        assertEquals(0, rows.size(), "records without a seed file as source: " + rows);
        JsonNode translated = kb.sparql(Prefixes.SPARQL + """
                SELECT (COUNT(DISTINCT ?record) AS ?n) WHERE { ?record hikb:translatedLanguage ?l }""");
        assertTrue(translated.at("/results/bindings/0/n/value").asInt() >= 6);
    }

    @Test
    void everySeedRecordIsTaggedWithThemesOfTheThemeScheme() {
        for (String record : List.of("project:hack-it-net", "project:s3-4alpclusters", "project:dheal-com", "project:improve",
                "programme:ecosistema-innovativo-della-salute", "<https://w3id.org/hikb/id/partnership/smarthealth>")) {
            JsonNode row = onlyRow("SELECT (COUNT(?theme) AS ?n) WHERE { " + record + " hikb:theme ?theme . "
                    + "?theme skos:inScheme <https://w3id.org/hikb/concept/theme> }");
            assertTrue(Integer.parseInt(value(row, "n")) >= 2, record + " has themes");
        }
    }
}
