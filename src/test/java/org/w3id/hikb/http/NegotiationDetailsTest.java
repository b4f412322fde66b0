package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.format.DateTimeFormatter;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** The small print of HTTP that caches, harvesters and link checkers rely on. */
class NegotiationDetailsTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @ParameterizedTest(name = "Accept in capitals on {0}")
    @ValueSource(strings = { "/doc/id/project/improve", "/catalog", "/ontology", "/feed", "/sparql?query=CONSTRUCT%7B?s%20?p%20?o%7DWHERE%7B?s%20?p%20?o%7DLIMIT%201",
            "/data?graph=https%3A%2F%2Fw3id.org%2Fhikb%2Fgraph%2Fdata%2Fimprove" })
    void mediaTypesAreCaseInsensitive(String path) {
        HttpResponse<String> r = kb.get(path, "Accept", "TEXT/Turtle");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/turtle"), r.headers().toString());
    }

    @Test
    void pagesInTheReadersLanguageSayTheyVaryByIt() {
        for (String path : new String[] { "/", "/doc/id/project/improve", "/api/records/improve" }) {
            String vary = kb.get(path, "Accept-Language", "it").headers().firstValue("Vary").orElse("");
            assertTrue(vary.toLowerCase().contains("accept-language"), path + ": Vary: " + vary);
        }
        String vary = kb.get("/doc/id/project/improve", "Accept-Language", "it").headers().firstValue("Vary").orElse("");
        assertTrue(java.util.Arrays.stream(vary.split(",")).map(String::trim).anyMatch("Accept"::equalsIgnoreCase), "a document varies by Accept too: " + vary);
    }

    @ParameterizedTest(name = "Accept-Language: {0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = { "en;q=0, it;q=0.1 | it", "de-CH, fr;q=0.9 | de", "sv-SE | sv",
            "fr, *;q=0.1 | en", "de;q=0 | en", "; | en", "x-klingon;q=abc | en" })
    void thePageLanguageIsTheBestTheReaderAcceptsAndQZeroMeansNot(String header, String lang) {
        HttpResponse<String> r = kb.get("/", "Accept-Language", header);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<html lang=\"" + lang + "\""), header + " -> " + r.body().substring(0, 120));
    }

    @Test
    void aTrailingSlashIsAPermanentRedirectNotASecondCopy() {
        HttpResponse<String> r = kb.get("/doc/id/project/improve/?lang=it");
        assertEquals(301, r.statusCode());
        assertEquals("/doc/id/project/improve?lang=it", r.headers().firstValue("Location").orElse(""));
        assertEquals(301, kb.get("/api/records/improve/").statusCode());
    }

    @Test
    void aRedirectNeverLeadsToAnotherHost() {
        for (String path : new String[] { "//evil.example/", "///evil.example/", "/%2F%2Fevil.example/" }) {
            RunningKnowledgeBase.RawResponse r = kb.raw("GET", path);
            String location = r.header("Location");
            assertTrue(location == null || (location.startsWith("/") && !location.startsWith("//") && !location.startsWith("/\\")),
                    path + " -> " + r.status() + " " + location);
        }
    }

    @Test
    void everyAnswerAllowsAnyOriginWhetherAskedWithOneOrNot() {
        for (String path : new String[] { "/feed/0", "/api/records/improve", "/sparql?query=ASK%7B%7D" })
            assertEquals("*", kb.get(path).headers().firstValue("Access-Control-Allow-Origin").orElse(""), path + ": one answer for caches to keep");
    }

    @Test
    void lastModifiedIsAnImfFixdate() {
        String lastModified = kb.get("/doc/id/project/improve").headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(lastModified.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), lastModified);
        DateTimeFormatter.RFC_1123_DATE_TIME.parse(lastModified);
    }
}
