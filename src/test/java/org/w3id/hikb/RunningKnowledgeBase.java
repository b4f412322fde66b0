package org.w3id.hikb;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.w3id.hikb.config.Config;
import org.w3id.hikb.http.WebServer;

/**
 * The real knowledge base for a test: the bundled ontology and data in a TDB2 store in a fresh temporary
 * directory, served on a free port, spoken to over HTTP.
 */
public final class RunningKnowledgeBase implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dataDir;
    private final App app;
    private final WebServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningKnowledgeBase(Path dataDir, App app, WebServer server) {
        this.dataDir = dataDir;
        this.app = app;
        this.server = server;
    }

    public static RunningKnowledgeBase start() {
        try {
            Path dir = Files.createTempDirectory("hikb-test-");
            Config config = Config.resolve(Map.of(), Map.of("port", "0", "data", dir.toString()));
            App app = App.open(config);
            return new RunningKnowledgeBase(dir, app, app.serve());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public App app() { return app; }
    public Path dataDir() { return dataDir; }
    public String url(String path) { return "http://localhost:" + server.port() + path; }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60)).GET();
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    public HttpResponse<String> post(String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a SELECT or ASK on /sparql and returns the SPARQL JSON results. */
    public JsonNode sparql(String query) {
        HttpResponse<String> r = get("/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "Accept", "application/sparql-results+json");
        if (r.statusCode() != 200)
            throw new AssertionError("SPARQL answered " + r.statusCode() + ": " + r.body());
        return json(r.body());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            app.close();
            deleteRecursively(dataDir);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is not a test failure.
        }
    }
}
