package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** Every bad request to the JSON API is a 4xx problem+json that says what to change; none is a 500. */
class BadRequestsTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/search?q=                                   | 400 | empty",
            "/api/search?q=%20%20%20                          | 400 | empty",
            "/api/search?q=((((%5D%5D%5D%3A%3A%3A%22~*%5E     | 400 | no words",
            "/api/search?q=x&page=-1                          | 400 | page",
            "/api/search?q=x&page=abc                         | 400 | whole number",
            "/api/search?q=x&size=0                           | 400 | size",
            "/api/search?q=x&size=100000                      | 400 | size",
            "/api/search?q=x&page=9000&size=100               | 400 | between 1 and 100,",
            "/api/search?q=x&page=1001                        | 400 | between 1 and 1000,",
            "/api/search?q=x&country=XXX                      | 400 | country",
            "/api/search?q=x&country=italy                    | 400 | country",
            "/api/search?q=x&theme=no-such-theme              | 400 | theme",
            "/api/search?q=x&programme=../../etc/passwd       | 400 | programme",
            "/api/search?q=x&status=sleeping                  | 400 | status",
            "/api/search?q=x&type=place                       | 400 | type",
            "/api/search?q=x&sort=random                      | 400 | sort",
            "/api/search?q=x&lang=fr                          | 400 | language",
            "/api/search?q=x&contry=ITA                       | 400 | Unknown parameter",
            "/api/search?q=x&from=2020&to=2010                | 400 | after",
            "/api/search?q=x&from=twenty                      | 400 | whole number",
            "/api/search?q=a%00b                              | 400 | control character",
            "/api/search?q=a%01b                              | 400 | control character",
            "/api/suggest                                     | 400 | beginning",
            "/api/records/no-such-record                      | 404 | no record",
            "/api/records/..%2F..%2Fetc%2Fpasswd              | 400 | ambiguous",
            "/api/search?q=%ZZ                                | 400 | percent-escape",
            "/api/search?q=%C3%28                             | 400 | UTF-8",
            "/api/search?q=%ED%A0%80                          | 400 | UTF-8",
            "/sparql?query=%ZZ                                | 400 | percent-escape",
            "/api/records/HACK-IT-NET                         | 404 | no record",
            "/api/records/hack-it-net?lang=xx                 | 400 | language",
            "/api/records/no-such-record/related              | 404 | no record",
            "/api/concepts/no-such-scheme                     | 404 | no concept scheme",
            "/api/records?page=0                              | 400 | page",
    })
    void aBadRequestIsAClearProblem(String path, int status, String words) {
        RunningKnowledgeBase.RawResponse r = kb.raw("GET", path.strip());
        assertEquals(status, r.status(), r.body());
        assertTrue(r.header("Content-Type").startsWith("application/problem+json"), r.headers());
        JsonNode p = RunningKnowledgeBase.json(r.body());
        assertEquals(status, p.path("status").asInt());
        assertTrue(p.path("detail").asText().toLowerCase().contains(words.strip().toLowerCase()), p.toString());
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
    }

    @ParameterizedTest
    @CsvSource({ "501", "5000" })
    void anOverLongQueryIsRefused(int length) {
        HttpResponse<String> r = kb.get("/api/search?q=" + "a".repeat(length));
        assertEquals(400, r.statusCode());
        assertTrue(RunningKnowledgeBase.json(r.body()).path("detail").asText().contains("too long"));
    }
}
