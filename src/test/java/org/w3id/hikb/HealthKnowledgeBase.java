package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The knowledge base as the README's first command makes it: {@code serve} with its defaults, in a directory
 * that is no checkout and has no {@code ../shared} beside it, so the ontology, the records and the public source
 * files can only come from inside the application; the first start imports the health-and-care records of the
 * bundled sources. Started once per test run (it takes about a minute) and shared by the classes that read it.
 */
public final class HealthKnowledgeBase {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static HealthKnowledgeBase shared;

    private final ServerProcess server;
    private final Duration firstStart;

    private HealthKnowledgeBase(ServerProcess server, Duration firstStart) {
        this.server = server;
        this.firstStart = firstStart;
    }

    public static synchronized HealthKnowledgeBase shared() {
        if (shared == null) {
            try {
                Path work = Files.createTempDirectory("hikb-first-start-").resolve("somewhere");
                Files.createDirectories(work);
                assertFalse(Files.exists(work.resolve("../shared")), "the test directory must have no ../shared beside it");
                long t0 = System.nanoTime();
                ServerProcess server = ServerProcess.start(work, "2g", work.resolve("hikb-data"), work.resolve("serve.log"), Duration.ofMinutes(5));
                shared = new HealthKnowledgeBase(server, Duration.ofNanos(System.nanoTime() - t0));
                System.out.printf("First start to the first answer: %.1f s%n", shared.firstStart.toMillis() / 1000.0);
                Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    public Duration firstStart() { return firstStart; }

    public HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60));
        if (accept != null) b.header("Accept", accept);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path, "application/json");
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }
}
