package org.w3id.hikb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * A name, a phone number and an e-mail address written into a summary by mistake, then removed, then the record
 * deleted: until a purge they stay public in the record's history, in SPARQL over the history graph and in the
 * dump; after it, nowhere the server serves, and the change log says a purge happened (never what it removed).
 */
class PurgeTest {
    static final String SECRET = "Jane Roe, +39 02 1234 5678, jane.roe@example.org";

    @Test
    void aPurgedTextIsGoneFromTheHistoryTheSparqlEndpointAndTheDump() throws Exception {
        TestTokens tokens = TestTokens.create("purge-editor", "purge-admin");
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()))) {
            String slug = "purge-me";
            assertEquals(201, send(kb, "POST", "/api/records", record(slug, "Contact: " + SECRET + "."), tokens.editor(), null).statusCode());
            HttpResponse<String> r = send(kb, "PUT", "/api/records/" + slug, record(slug, "Contact: the project office."), tokens.editor(), etag(kb, slug));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(200, send(kb, "DELETE", "/api/records/" + slug, null, tokens.admin(), etag(kb, slug)).statusCode());
            assertTrue(everywhere(kb, slug).contains(SECRET), "before the purge the text is public");

            HttpResponse<String> refused = send(kb, "POST", "/api/admin/purge", "{\"text\": \"HACK-IT-NET\"}", tokens.admin(), null);
            assertEquals(409, refused.statusCode(), "a text the current data holds is changed there first: " + refused.body());
            assertEquals(403, send(kb, "POST", "/api/admin/purge", "{\"text\": \"jane.roe@example.org\"}", tokens.editor(), null).statusCode());

            for (String part : new String[] { "Jane Roe", "+39 02 1234 5678", "jane.roe@example.org" }) {
                HttpResponse<String> purged = send(kb, "POST", "/api/admin/purge", "{\"text\": \"" + part + "\"}", tokens.admin(), null);
                assertEquals(200, purged.statusCode(), purged.body());
                assertTrue(purged.body().contains("/id/project/" + slug), purged.body());
            }
            String after = everywhere(kb, slug);
            for (String part : new String[] { "Jane Roe", "1234 5678", "jane.roe@example.org" })
                assertFalse(after.contains(part), part + " is still served somewhere");
            assertTrue(after.contains("[purged]"), "where it was, it says so");
            String log = kb.sparql("SELECT ?op WHERE { GRAPH <https://w3id.org/hikb/graph/changes> { ?c <https://w3id.org/hikb/ontology#operation> ?op } }").toString();
            assertTrue(log.contains("\"purge\""), "the purge is in the change log: " + log);
            assertEquals(200, kb.get("/api/records/improve").statusCode(), "other records are untouched");
        }
    }

    /** Everything the server serves about the record's past: its versions, the history graph over SPARQL, the dump. */
    static String everywhere(RunningKnowledgeBase kb, String slug) throws IOException, InterruptedException {
        StringBuilder all = new StringBuilder();
        HttpResponse<String> history = kb.get("/api/records/" + slug + "/history");
        all.append(history.body());
        for (var v : RunningKnowledgeBase.json(history.body()).path("versions"))
            all.append(kb.get(v.path("href").asText()).body());
        all.append(kb.sparql("SELECT ?o WHERE { GRAPH <https://w3id.org/hikb/graph/history> { ?s ?p ?o } }"));
        HttpResponse<byte[]> dump = kb.http().send(HttpRequest.newBuilder(URI.create(kb.url("/dumps/hikb.nq.gz"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        all.append(new String(new GZIPInputStream(new ByteArrayInputStream(dump.body())).readAllBytes(), StandardCharsets.UTF_8));
        return all.toString().replace("\\\"", "\"");
    }

    static String record(String slug, String summary) {
        return "{\"type\": \"project\", \"slug\": \"" + slug + "\", \"title\": {\"en\": \"Record " + slug + "\"}, \"summary\": {\"en\": \"" + summary
                + "\"}, \"language\": [\"en\"], \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
    }

    static String etag(RunningKnowledgeBase kb, String slug) {
        return kb.get("/api/records/" + slug).headers().firstValue("ETag").orElseThrow();
    }

    static HttpResponse<String> send(RunningKnowledgeBase kb, String method, String path, String body, String token, String ifMatch) {
        return kb.send(method, path, body == null ? null : "application/json", body, token, RunningKnowledgeBase.ifMatch(ifMatch));
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
