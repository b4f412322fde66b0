package org.w3id.hikb.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.ServerProcess;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;

/**
 * The store and the search index stay one across crashes. The server process is killed with SIGKILL at a
 * random moment while it writes, {@value #DEFAULT_CYCLES} times by default ({@code -Dhikb.crash.cycles=N} for
 * more), in turn during a stream of record writes (JSON API), a stream of SPARQL Updates, a bulk record
 * import, a compaction and a backup; and the {@code import} and {@code reindex} commands are killed half-way
 * (3 times by default, {@code -Dhikb.crash.command-kills=N} for more). After each restart on the same data
 * directory: the store opens, every acknowledged write is there, no record is there by halves, and the search
 * index holds exactly the records the store holds. Each kill comes once the operation is seen under way (a write
 * acknowledged, the compaction's copy or the backup's file on disk) and says what it caught running.
 */
class CrashRecoveryTest {
    static final int DEFAULT_CYCLES = 20;
    static final String[] SCENARIOS = { "records", "sparql-update", "bulk-import", "compaction", "backup" };
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final String EDITOR = Tokens.newToken();
    static final String ADMIN = Tokens.newToken();
    @TempDir Path tmp;

    @Test
    void killedAtRandomWhileWritingItComesBackWithEveryAcknowledgedWrite() throws Exception {
        int cycles = Integer.getInteger("hikb.crash.cycles", DEFAULT_CYCLES);
        Path data = tmp.resolve("data"), log = tmp.resolve("server.log"), tokens = tmp.resolve("tokens");
        Files.writeString(tokens, Tokens.line(EDITOR, Role.EDITOR, "crash-editor") + "\n" + Tokens.line(ADMIN, Role.ADMIN, "crash-admin") + "\n");
        Random random = new Random(20261127);
        Set<String> acknowledged = new HashSet<>(), attempted = new HashSet<>();
        Map<String, Integer> caught = new TreeMap<>(), kills = new TreeMap<>();
        int[] next = { 0 };
        int bulkAcknowledged = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            String scenario = SCENARIOS[cycle % SCENARIOS.length];
            ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString());
            Cycle c = new Cycle();
            try {
                check(server, acknowledged, attempted);
                Thread background = switch (scenario) {
                    case "compaction" -> new Thread(() -> quietly(() -> admin(server, "/api/admin/compact")));
                    case "backup" -> new Thread(() -> quietly(() -> admin(server, "/api/admin/backup")));
                    default -> null;
                };
                Thread writer = scenario.equals("bulk-import") ? new Thread(() -> bulkUntilKilled(server, c, next, acknowledged, attempted))
                        : new Thread(() -> writeUntilKilled(server, scenario.equals("sparql-update"), c, next, acknowledged, attempted));
                writer.start();
                // Kill only once the operation is seen under way: a write acknowledged (so each cycle proves some),
                // then at a random moment; a compaction or backup the moment its files are seen being written.
                while (c.acknowledged.get() == 0 && !c.died.get()) Thread.sleep(5);
                if (background != null) background.start();
                String running = switch (scenario) {
                    case "compaction" -> waitFor(() -> copying(data.resolve("store")), "compaction copying the store");
                    case "backup" -> waitFor(() -> writingBackup(data.resolve("backups")), "backup being written");
                    case "bulk-import" -> { Thread.sleep(random.nextInt(400)); yield c.inFlight.get() ? "bulk import request in flight" : null; }
                    default -> { Thread.sleep(random.nextInt(400)); yield c.inFlight.get() ? (scenario.equals("sparql-update") ? "SPARQL Update in flight" : "record write in flight") : null; }
                };
                c.killed.set(true);
                server.kill();
                System.out.printf("Crash cycle %d (%s): killed with %s.%n", cycle, scenario, running == null ? "nothing caught running" : running);
                kills.merge(scenario, 1, Integer::sum);
                if (running != null) caught.merge(scenario, 1, Integer::sum);
                writer.join(TimeUnit.SECONDS.toMillis(30));
                if (background != null) background.join(TimeUnit.SECONDS.toMillis(30));
                bulkAcknowledged += c.bulks.get();
            } finally {
                server.close();
            }
        }
        try (ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString())) {
            check(server, acknowledged, attempted);
        }
        assertFalse(Files.readString(log).contains(EDITOR) || Files.readString(log).contains(ADMIN), "a token was logged");
        System.out.printf("Crash recovery: %d kills (%s), caught running: %s; %d writes acknowledged (%d bulk requests), %d sent; "
                + "none lost, none half there, index = store.%n", cycles, kills, caught, acknowledged.size(), bulkAcknowledged, attempted.size());
        assertTrue(acknowledged.size() >= cycles, "every cycle had a write acknowledged before its kill: " + acknowledged.size());
        if (cycles >= SCENARIOS.length)
            for (String scenario : SCENARIOS)
                assertTrue(caught.getOrDefault(scenario, 0) > 0, "no kill caught the " + scenario + " running: " + caught);
        assertTrue(bulkAcknowledged > 0, "bulk imports were acknowledged, and so covered by 'none lost'");
    }

    /** What one cycle's writers have done, and whether the server is gone. */
    static final class Cycle {
        final AtomicBoolean killed = new AtomicBoolean(), died = new AtomicBoolean(), inFlight = new AtomicBoolean();
        final java.util.concurrent.atomic.AtomicInteger acknowledged = new java.util.concurrent.atomic.AtomicInteger(), bulks = new java.util.concurrent.atomic.AtomicInteger();
    }

    interface Probe { boolean seen() throws IOException; }

    /** Waits (at most 10 s, polling every millisecond) until {@code probe} sees the operation; what was seen, or null. */
    static String waitFor(Probe probe, String what) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            if (probe.seen()) return what;
            Thread.sleep(1);
        }
        return null;
    }

    /** TDB2 compacts into a {@code Data-NNNN-tmp} directory beside the live one. */
    static boolean copying(Path store) throws IOException {
        if (!Files.isDirectory(store)) return false;
        try (var dirs = Files.list(store)) {
            return dirs.anyMatch(d -> d.getFileName().toString().endsWith("-tmp"));
        }
    }

    /** A backup is written to {@code .part} and moved into place when whole. */
    static boolean writingBackup(Path backups) throws IOException {
        if (!Files.isDirectory(backups)) return false;
        try (var files = Files.list(backups)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".part"));
        }
    }

    @Test
    void anImportOrAReindexKilledHalfWayIsRepairedAtTheNextStart() throws Exception {
        Path data = tmp.resolve("data"), log = tmp.resolve("server.log"), tokens = tmp.resolve("tokens");
        Files.writeString(tokens, Tokens.line(EDITOR, Role.EDITOR, "crash-editor") + "\n" + Tokens.line(ADMIN, Role.ADMIN, "crash-admin") + "\n");
        Set<String> acknowledged = new HashSet<>(), attempted = new HashSet<>();
        int[] next = { 0 };
        try (ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString())) {
            bulk(server, next, 2000, acknowledged, attempted);
        }
        Random random = new Random(7);
        List<List<String>> commands = List.of(
                List.of("import", "--from", "src/test/resources/imports", "data/imports/cordis-h2020.yaml", "data/imports/cordis-fp7.yaml"),
                List.of("reindex"), List.of("reindex"));
        int kills = Integer.getInteger("hikb.crash.command-kills", commands.size());
        for (int kill = 0; kill < kills; kill++) {
            List<String> command = commands.get(kill % commands.size());
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), "org.w3id.hikb.cli.Main"));
            cmd.addAll(command);
            cmd.addAll(List.of("--data", data.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Thread.sleep(1500 + random.nextInt(2500));
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            try (ServerProcess server = ServerProcess.start(data, log, "--tokens-file", tokens.toString())) {
                check(server, acknowledged, attempted);
                storeAndIndexAgree(server);
            }
        }
    }

    /** Every searchable record of the store is in the index, and the index holds nothing else. */
    static void storeAndIndexAgree(ServerProcess server) throws Exception {
        String query = "SELECT DISTINCT ?r WHERE { ?r a ?t FILTER(REGEX(STR(?r), \"^https://w3id.org/hikb/id/(project|programme|partnership|hub|network|event|organisation|brief)/[^#]+$\")) }";
        Set<String> stored = new HashSet<>();
        RunningKnowledgeBase.json(get(server, "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8), "application/sparql-results+json", EDITOR))
                .path("results").path("bindings").forEach(b -> stored.add(b.path("r").path("value").asText()));
        Set<String> indexed = new HashSet<>();
        RunningKnowledgeBase.json(get(server, "/api/export?format=json&lang=en", "application/json", null)).forEach(r -> indexed.add(r.path("id").asText()));
        assertEquals(stored, indexed, "only indexed " + minus(indexed, stored) + ", only stored " + minus(stored, indexed));
    }

    // ---- the writes

    static void writeUntilKilled(ServerProcess server, boolean sparql, Cycle c, int[] next, Set<String> acknowledged, Set<String> attempted) {
        while (!c.killed.get()) {
            String slug = "crash-" + next[0]++;
            synchronized (attempted) { attempted.add(slug); }
            try {
                c.inFlight.set(true);
                HttpResponse<String> r = sparql ? update(server, slug) : post(server, slug);
                c.inFlight.set(false);
                if (r.statusCode() / 100 == 2) {
                    synchronized (acknowledged) { acknowledged.add(slug); }
                    c.acknowledged.incrementAndGet();
                } else if (r.statusCode() != 503) {
                    throw new AssertionError(slug + ": " + r.statusCode() + " " + r.body());
                }
            } catch (IOException e) {
                c.died.set(true);
                return;  // the server died under this request: not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Bulk requests of 300 records, one after another until the kill; a request's records count only if it was acknowledged. */
    static void bulkUntilKilled(ServerProcess server, Cycle c, int[] next, Set<String> acknowledged, Set<String> attempted) {
        while (!c.killed.get()) {
            c.inFlight.set(true);
            boolean ok = bulk(server, next, 300, acknowledged, attempted);
            c.inFlight.set(false);
            if (!ok) {
                c.died.set(true);
                return;
            }
            c.acknowledged.incrementAndGet();
            c.bulks.incrementAndGet();
        }
    }

    /** One request with {@code size} records; they count as acknowledged only if the whole request was. */
    static boolean bulk(ServerProcess server, int[] next, int size, Set<String> acknowledged, Set<String> attempted) {
        StringBuilder lines = new StringBuilder();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String slug = "crash-" + next[0]++;
            slugs.add(slug);
            lines.append(json(slug).replace("\n", " ")).append('\n');
        }
        synchronized (attempted) { attempted.addAll(slugs); }
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/admin/records"))).timeout(Duration.ofSeconds(120))
                    .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(lines.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) return false;
            synchronized (acknowledged) { acknowledged.addAll(slugs); }
            return true;
        } catch (IOException | InterruptedException e) {
            return false;  // killed under it
        }
    }

    static String json(String slug) {
        return """
                {"type": "project", "slug": "%s", "title": {"en": "Crash %s"}, "summary": {"en": "Written before a crash, %s."},
                 "language": ["en"], "sources": [{"id": "https://w3id.org/hikb/id/source/seed-004-improve"}]}
                """.formatted(slug, word(slug), word(slug));
    }

    static HttpResponse<String> post(ServerProcess server, String slug) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/api/records"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + EDITOR).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(slug))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> update(ServerProcess server, String slug) throws IOException, InterruptedException {
        String update = """
                PREFIX hikb: <https://w3id.org/hikb/ontology#>
                PREFIX dct: <http://purl.org/dc/terms/>
                INSERT DATA { GRAPH <https://w3id.org/hikb/graph/curation> {
                  <https://w3id.org/hikb/id/project/%s> a hikb:Project ; dct:title "Crash %s"@en ; dct:abstract "Written before a crash, %s."@en ;
                    dct:language <http://publications.europa.eu/resource/authority/language/ENG> ;
                    dct:source <https://w3id.org/hikb/id/source/seed-004-improve> } }
                """.formatted(slug, word(slug), word(slug));
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/sparql/update"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + EDITOR).header("Content-Type", "application/sparql-update")
                .POST(HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void admin(ServerProcess server, String path) throws IOException, InterruptedException {
        Thread.sleep(100);
        HTTP.send(HttpRequest.newBuilder(URI.create(server.url(path))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + ADMIN).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Work { void run() throws Exception; }

    static void quietly(Work w) {
        try {
            w.run();
        } catch (Exception e) {
            // killed under it
        }
    }

    /** Letters only, different for every record, so the search finds exactly it. */
    static String word(String slug) {
        int n = Integer.parseInt(slug.substring(slug.indexOf('-') + 1));
        StringBuilder sb = new StringBuilder("qzx");
        for (int i = 0; i < 4; i++) {
            sb.append((char) ('a' + n % 26));
            n /= 26;
        }
        return sb.toString();
    }

    // ---- the check

    /** Every acknowledged record is whole in the store; none is there by halves; the index holds exactly the store's. */
    static void check(ServerProcess server, Set<String> acknowledged, Set<String> attempted) throws Exception {
        Set<String> inStore = new HashSet<>();
        String query = "SELECT ?r (COUNT(?t) AS ?titles) (COUNT(?s) AS ?summaries) WHERE { ?r <http://purl.org/dc/terms/title> ?t "
                + "OPTIONAL { ?r <http://purl.org/dc/terms/abstract> ?s } FILTER(STRSTARTS(STR(?r), \"https://w3id.org/hikb/id/project/crash-\")) } GROUP BY ?r";
        JsonNode rows = RunningKnowledgeBase.json(get(server, "/sparql?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8),
                "application/sparql-results+json", EDITOR));
        for (JsonNode row : rows.path("results").path("bindings")) {
            String slug = row.path("r").path("value").asText().substring("https://w3id.org/hikb/id/project/".length());
            assertEquals(1, row.path("titles").path("value").asInt(), slug + " is whole");
            assertEquals(1, row.path("summaries").path("value").asInt(), slug + " is whole");
            inStore.add(slug);
        }
        synchronized (acknowledged) {
            assertTrue(inStore.containsAll(acknowledged), "acknowledged but missing: " + minus(acknowledged, inStore));
        }
        synchronized (attempted) {
            assertTrue(attempted.containsAll(inStore), "present but never sent: " + minus(inStore, attempted));
        }
        // The index: a search for all of them finds exactly the stored ones.
        JsonNode all = RunningKnowledgeBase.json(get(server, "/api/export?format=json&lang=en&q=crash", "application/json", null));
        Set<String> indexed = new HashSet<>();
        all.forEach(r -> { if (r.path("slug").asText().startsWith("crash-")) indexed.add(r.path("slug").asText()); });
        assertEquals(inStore, indexed, "index and store differ: only indexed " + minus(indexed, inStore) + ", only stored " + minus(inStore, indexed));
    }

    static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.removeAll(b);
        return out;
    }

    static String get(ServerProcess server, String path, String accept, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", accept).timeout(Duration.ofSeconds(60));
        if (token != null) b.header("Authorization", "Bearer " + token);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return r.body();
    }
}
