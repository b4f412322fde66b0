package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.config.Config;

/**
 * A handler that fails in a way nobody foresaw: the one error producer answers 500, problem+json to a program
 * and a page to a browser, and tells the client nothing of the internals (no message, class or stack trace).
 * The server is the real one, on a free port, with one route of the test's that throws.
 */
class UnexpectedErrorTest {
    static final String SECRET = "index at /var/lib/hikb/secret-path broke at RecordSearcher.java:42";
    static WebServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Config config = Config.resolve(Map.of(), Map.of("port", "0"));
        server = WebServer.start(config, fuseki -> {}, List.of(routes -> {
            routes.get("/api/broken", ctx -> { throw new IllegalStateException(SECRET); });
            routes.get("/broken", ctx -> { throw new NullPointerException(SECRET); });
        }));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path)).header("Accept", accept).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aProgramGetsA500ProblemThatRevealsNothing() throws Exception {
        HttpResponse<String> r = get("/api/broken", "application/json");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        JsonNode problem = RunningKnowledgeBase.json(r.body());
        assertEquals(500, problem.path("status").asInt());
        assertEquals("https://w3id.org/hikb/problem/internal", problem.path("type").asText(), r.body());
        assertEquals("/api/broken", problem.path("instance").asText());
        assertTrue(problem.path("detail").asText().contains("has been logged"), r.body());
        assertFalse(r.body().contains("secret-path") || r.body().contains("IllegalStateException") || r.body().contains(".java"), r.body());
    }

    @Test
    void aBrowserGetsAPageThatRevealsNothing() throws Exception {
        HttpResponse<String> r = get("/broken", "text/html");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        assertTrue(r.body().contains("<html"), r.body());
        assertFalse(r.body().contains("secret-path") || r.body().contains("NullPointerException") || r.body().contains(".java"), r.body());
    }
}
