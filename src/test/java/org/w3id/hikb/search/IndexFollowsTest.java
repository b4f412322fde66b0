package org.w3id.hikb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * Writes only commit; the search index follows the change log in its own thread. A writer over the API still
 * reads its own write (its request answers once the index has it), a bulk write's batches do not wait for the
 * index one by one, and any reader can ask to see at least a generation.
 */
class IndexFollowsTest {
    @Test
    void aReaderCanAskForTheGenerationAWriteAnswered() {
        TestTokens tokens = TestTokens.create("follow-editor", "follow-admin");
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()))) {
            HttpResponse<String> written = kb.send(HttpRequest.newBuilder(URI.create(kb.url("/api/records"))).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.editor()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\": \"project\", \"slug\": \"followed\", \"title\": {\"en\": \"Qzxfollowed record\"},"
                            + " \"language\": [\"en\"], \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}")).build());
            assertEquals(201, written.statusCode(), written.body());
            long generation = RunningKnowledgeBase.json(written.body()).path("generation").asLong();
            assertTrue(generation > 0);

            HttpResponse<String> found = kb.get("/api/search?lang=en&q=qzxfollowed&min-generation=" + generation);
            assertEquals(200, found.statusCode(), found.body());
            assertTrue(Long.parseLong(found.headers().firstValue("HIKB-Index-Generation").orElseThrow()) >= generation);
            JsonNode results = RunningKnowledgeBase.json(found.body()).path("results");
            assertEquals("followed", results.get(0).path("slug").asText(), "the writer reads its own write");

            assertEquals(200, kb.get("/api/search?lang=en&q=qzxfollowed", "HIKB-Min-Generation", Long.toString(generation)).statusCode());
            assertEquals(400, kb.get("/api/search?lang=en&q=x&min-generation=soon").statusCode());
            long t = System.nanoTime();
            HttpResponse<String> future = kb.get("/api/search?lang=en&q=x&min-generation=" + (generation + 1000));
            assertEquals(503, future.statusCode(), "a generation that never comes: " + future.body());
            assertTrue(future.headers().firstValue("Retry-After").isPresent());
            assertTrue((System.nanoTime() - t) / 1e9 < 15, "the wait is bounded");
        }
    }

    @Test
    void theIndexCatchesUpAtStartWithWritesItWasNotToldAbout(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        java.nio.file.Path data = tmp.resolve("data");
        RunningKnowledgeBase.start(data, null).stop();
        // Written with no index open (as a crash between the store's commit and the index's would leave it).
        Map<String, String> settings = Map.of("data", data.toString(), "port", "0", "scope", "curated");
        try (org.w3id.hikb.App app = org.w3id.hikb.App.open(org.w3id.hikb.config.Config.resolve(Map.of(), settings))) {
            String line = "{\"type\": \"project\", \"slug\": \"unseen\", \"title\": {\"en\": \"Qzxunseen record\"}, \"language\": [\"en\"],"
                    + " \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
            org.w3id.hikb.recordjson.RecordLines.importLines(app.writes(), new java.io.BufferedReader(new java.io.StringReader(line)), "test", null);
        }
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, null)) {
            assertEquals(kb.app().writes().generation(), kb.app().index().generation(), "at start the index is at the store's generation");
            assertTrue(kb.get("/api/search?lang=en&q=qzxunseen").body().contains("\"unseen\""), "and holds what it was not told about");
        }
    }
}
