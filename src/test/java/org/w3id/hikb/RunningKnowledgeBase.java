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

    private static RunningKnowledgeBase shared;

    /**
     * One knowledge base for the test classes that only read: started once per test run, stopped when the
     * JVM ends. Tests that write start their own with {@link #start()}.
     */
    public static synchronized RunningKnowledgeBase shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public static RunningKnowledgeBase start() {
        return start(Map.of());
    }

    /** A knowledge base of its own, in a fresh directory, with some settings changed ({@code query-timeout}, ...). */
    public static RunningKnowledgeBase start(Map<String, String> settings) {
        try {
            return start(Files.createTempDirectory("hikb-test-"), null, settings);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The knowledge base over a given data directory (kept when stopped) and bundle (null: this checkout). */
    public static RunningKnowledgeBase start(Path dataDir, Path bundle) {
        return start(dataDir, bundle, Map.of());
    }

    /** The knowledge base over a given data directory, with some settings changed. */
    public static RunningKnowledgeBase start(Path dataDir, Path bundle, Map<String, String> more) {
        // The curated records alone: the tests of the health scope start their own (FirstStartTest).
        Map<String, String> settings = new java.util.HashMap<>(Map.of("port", "0", "data", dataDir.toString(), "scope", "curated"));
        if (bundle != null) settings.put("bundle", bundle.toString());
        settings.putAll(more);
        App app = App.open(Config.resolve(Map.of(), settings));
        try {
            return new RunningKnowledgeBase(dataDir, app, app.serve());
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    /** Stops the server and closes the store, leaving the data directory for the next start. */
    public void stop() {
        try {
            server.close();
        } finally {
            app.close();
        }
    }

    public App app() { return app; }
    public WebServer server() { return server; }
    public Path dataDir() { return dataDir; }
    public HttpClient http() { return http; }
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

    /**
     * Any method, with a body of {@code contentType} (or none: {@code null}), as the holder of {@code token}
     * (or anonymously: {@code null}), with more headers as name, value pairs.
     */
    public HttpResponse<String> send(String method, String path, String contentType, String body, String token, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) b.header("Content-Type", contentType);
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (headers.length > 0) b.headers(headers);
        return send(b.build());
    }

    /** Only the If-Match header, when there is one: what a conditional write sends. */
    public static String[] ifMatch(String etag) {
        return etag == null ? new String[0] : new String[] { "If-Match", etag };
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

    /** A response read off the wire. */
    public record RawResponse(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n"))
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith(name.toLowerCase(java.util.Locale.ROOT) + ":"))
                    return line.substring(name.length() + 1).trim();
            return null;
        }
    }

    /**
     * Sends a request line exactly as given (Java's HTTP client refuses to send a malformed URI, which is
     * exactly what a hostile client does send). One request per connection.
     */
    public RawResponse raw(String method, String target, String... headerLines) {
        return rawFrom("127.0.0.1", method, target, "", headerLines);
    }

    /**
     * A raw request with a body, sent from a given loopback address ({@code 127.0.0.2}, ...), so a test can be
     * several clients. The body is sent as given: add a Content-Length header, or do not.
     */
    public RawResponse rawFrom(String localAddress, String method, String target, String body, String... headerLines) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            for (String h : headerLines) req.append(h).append("\r\n");
            req.append("\r\n");
            socket.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                socket.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            } catch (java.net.SocketException e) {
                // The server answered (413, say) and closed before the whole body was sent: read its answer.
            }
            socket.getOutputStream().flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A response as bytes off the wire: the head is ASCII; the body is un-chunked as bytes (chunk sizes count
     * bytes, and a chunk may end inside a UTF-8 character), then decoded.
     */
    static RawResponse parse(byte[] all) {
        int split = indexOf(all, CRLF_CRLF, 0);
        String head = new String(all, 0, split < 0 ? all.length : split, StandardCharsets.ISO_8859_1);
        byte[] content = split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(all, split + 4, all.length);
        if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) content = unchunk(content);
        return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, new String(content, StandardCharsets.UTF_8));
    }

    private static final byte[] CRLF = { '\r', '\n' };
    private static final byte[] CRLF_CRLF = { '\r', '\n', '\r', '\n' };

    private static byte[] unchunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = indexOf(body, CRLF, i);
            if (eol < 0) break;
            int size = Integer.parseInt(new String(body, i, eol - i, StandardCharsets.ISO_8859_1).trim().split(";")[0], 16);
            if (size == 0) break;
            out.write(body, eol + 2, Math.min(size, body.length - eol - 2));
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++)
                if (in[i + j] != what[j]) continue outer;
            return i;
        }
        return -1;
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
            stop();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is not a test failure.
        }
    }
}
