package org.w3id.hikb.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/** Backup, restore, compaction and record export and import, over HTTP while the server serves. */
class OperationsTest {
    static RunningKnowledgeBase kb;
    static TestTokens tokens;
    static String editor;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        tokens = TestTokens.create("ops-editor", "ops-admin");
        editor = tokens.editor();
        admin = tokens.admin();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() { kb.close(); }

    static HttpResponse<String> send(RunningKnowledgeBase on, String method, String path, String type, String body, String token) {
        return on.send(method, path, type, body, token);
    }

    static String record(String slug) {
        return "{\"type\": \"project\", \"slug\": \"" + slug + "\", \"title\": {\"en\": \"Record " + slug + "\"}, \"language\": [\"en\"],"
                + " \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
    }

    static java.util.Set<String> ids(JsonNode refs) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        refs.forEach(r -> out.add(r.path("id").asText()));
        return out;
    }

    static long quads(RunningKnowledgeBase on) {
        DatasetGraph dsg = on.app().store().readOnly();
        return Txn.calculateRead(dsg, () -> Iter.count(dsg.find()));
    }

    @Test
    void aBackupTakenWhileServingHoldsTheWholeStoreAndARestoreBringsItBack() throws Exception {
        assertEquals(403, send(kb, "POST", "/api/admin/backup", null, null, editor).statusCode());
        long before = quads(kb);
        HttpResponse<String> r = send(kb, "POST", "/api/admin/backup", null, null, admin);
        assertEquals(201, r.statusCode(), r.body());
        JsonNode backup = RunningKnowledgeBase.json(r.body());
        assertEquals(before, backup.path("quads").asLong());
        DatasetGraph read = DatasetGraphFactory.createTxnMem();
        Path file = kb.dataDir().resolve("backups").resolve(backup.path("name").asText());
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            RDFParser.source(in).lang(Lang.NQUADS).parse(read);
        }
        assertEquals(before, Iter.count(read.find()));
        assertTrue(Files.readString(kb.dataDir().resolve("backups").resolve(backup.path("name").asText() + ".sha256")).startsWith(backup.path("sha256").asText()));

        assertEquals(201, send(kb, "POST", "/api/records", "application/json", record("after-the-backup"), editor).statusCode());
        assertEquals(200, kb.get("/api/records/after-the-backup").statusCode());
        JsonNode list = RunningKnowledgeBase.json(send(kb, "GET", "/api/admin/backups", null, null, admin).body());
        assertEquals(backup.path("name").asText(), list.path("backups").get(0).asText());
        assertEquals(404, send(kb, "POST", "/api/admin/restore?backup=../../etc/passwd", null, null, admin).statusCode());
        HttpResponse<String> restored = send(kb, "POST", "/api/admin/restore?backup=" + backup.path("name").asText(), null, null, admin);
        assertEquals(200, restored.statusCode(), restored.body());
        assertEquals(404, kb.get("/api/records/after-the-backup").statusCode(), "the record written after the backup is gone");
        for (JsonNode hit : RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=after+the+backup").body()).path("results"))
            assertFalse(hit.path("slug").asText().equals("after-the-backup"), "and gone from the index");
        assertEquals(200, kb.get("/api/records/hack-it-net").statusCode());
        JsonNode history = RunningKnowledgeBase.json(kb.get("/api/records/after-the-backup/history").body());
        assertEquals("restore-backup", history.path("versions").get(0).path("operation").asText());
    }

    /**
     * The restored statements (data graphs and what the system graph says of loaded files), as a set of lines;
     * a blank node is written as {@code _:b} (a restore gives it a new identity, as any parser does).
     */
    static java.util.Set<String> restorable(RunningKnowledgeBase on) {
        return on.app().store().read(dsg -> {
            java.util.Set<String> out = new java.util.HashSet<>();
            java.util.Map<String, Integer> blank = new java.util.TreeMap<>();
            dsg.find().forEachRemaining(q -> {
                if (org.apache.jena.sparql.core.Quad.isDefaultGraph(q.getGraph()) || !org.w3id.hikb.write.Change.RestoreData.restored(q)) return;
                String line = org.apache.jena.riot.out.NodeFmtLib.strNQ(q).replaceAll("_:[A-Za-z0-9]+", "_:b");
                if (!out.add(line)) blank.merge(line, 1, Integer::sum);
            });
            blank.forEach((line, n) -> out.add(line + " x" + (n + 1)));
            return out;
        });
    }

    static List<String> slugs(RunningKnowledgeBase on, String q) {
        List<String> out = new java.util.ArrayList<>();
        RunningKnowledgeBase.json(on.get("/api/search?lang=en&q=" + q).body()).path("results").forEach(r -> out.add(r.path("slug").asText()));
        return out;
    }

    static String first(java.util.Set<String> s) {
        return s.isEmpty() ? "" : s.iterator().next();
    }

    @Test
    void aRestoreIsWrittenInBatchesAndLeavesTheDataExactlyAsTheBackup() throws Exception {
        try (RunningKnowledgeBase own = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()))) {
            assertEquals(201, send(own, "POST", "/api/records", "application/json", record("batch-zero"), editor).statusCode());
            Backups.Backup backup = Backups.backup(own.app().store(), null);
            java.util.Set<String> before = restorable(own);
            for (String slug : List.of("batch-one", "batch-two"))
                assertEquals(201, send(own, "POST", "/api/records", "application/json", record(slug), editor).statusCode());
            HttpResponse<String> zero = own.get("/api/records/batch-zero");
            HttpResponse<String> deleted = own.send(java.net.http.HttpRequest.newBuilder(URI.create(own.url("/api/records/batch-zero"))).DELETE()
                    .header("Authorization", "Bearer " + admin).header("If-Match", zero.headers().firstValue("ETag").orElseThrow()).build());
            assertEquals(200, deleted.statusCode(), deleted.body());
            assertFalse(before.equals(restorable(own)));

            // 25 statements a write, so that the restore takes many.
            Backups.Restored r = Backups.restore(own.app().writes(), own.app().store(), backup.file(), "test", null, 25);
            assertTrue(r.writes() > 3, "written in batches: " + r);
            java.util.Set<String> after = restorable(own);
            java.util.Set<String> missing = new java.util.TreeSet<>(before), extra = new java.util.TreeSet<>(after);
            missing.removeAll(after);
            extra.removeAll(before);
            assertTrue(missing.isEmpty() && extra.isEmpty(), "the data is exactly as in the backup; missing " + missing.size() + " " + first(missing)
                    + ", extra " + extra.size() + " " + first(extra));
            assertEquals(200, own.get("/api/records/batch-zero").statusCode(), "the record deleted after the backup is back");
            assertEquals(404, own.get("/api/records/batch-one").statusCode(), "those written after it are gone");
            assertTrue(slugs(own, "batch-zero").contains("batch-zero"), "and the index follows");
            assertFalse(slugs(own, "batch-one").contains("batch-one"), "both ways");
            try (var left = Files.list(own.dataDir())) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("restore-")), "the restore's work files are gone");
            }
        }
    }

    @Test
    void aBackupThatCannotBeReadIsA422AndChangesNothing() throws Exception {
        Path dir = kb.dataDir().resolve("backups");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("hikb-1-20200101T000000Z.nq.gz"), "not gzip, not N-Quads");
        long generation = kb.app().writes().generation();
        HttpResponse<String> r = send(kb, "POST", "/api/admin/restore?backup=hikb-1-20200101T000000Z.nq.gz", null, null, admin);
        assertEquals(422, r.statusCode(), r.body());
        assertEquals(generation, kb.app().writes().generation());
        Files.delete(dir.resolve("hikb-1-20200101T000000Z.nq.gz"));
    }

    @Test
    void anAdminReloadsTheBundleFilesThatChanged() {
        assertEquals(403, send(kb, "POST", "/api/admin/reload", null, null, editor).statusCode());
        HttpResponse<String> r = send(kb, "POST", "/api/admin/reload", null, null, admin);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode report = RunningKnowledgeBase.json(r.body());
        assertEquals(0, report.path("loaded").size(), "nothing changed since the start");
        assertTrue(report.path("unchanged").size() > 10, r.body());
    }

    @Test
    void compactionWhileServingKeepsTheDataAndTheIndexRight() throws Exception {
        for (int i = 0; i < 5; i++)
            assertEquals(201, send(kb, "POST", "/api/records", "application/json", record("compact-" + i), editor).statusCode());
        long quads = quads(kb);
        long generation = kb.app().writes().generation();
        JsonNode job = compactAndWait(kb, admin);
        assertEquals("done", job.path("state").asText(), job.toString());
        assertTrue(job.path("bytesAfter").asLong() > 0 && job.path("bytesBefore").asLong() > 0, job.toString());

        assertEquals(quads, quads(kb));
        assertEquals(generation, kb.app().writes().generation());
        assertEquals(generation, kb.app().index().generation(), "the index is at the store's generation");
        assertTrue(Files.isDirectory(kb.dataDir().resolve("store").resolve("Data-0002")), "a new generation of TDB2 files");
        assertEquals("compact-3", RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=compact-3").body()).path("results").get(0).path("slug").asText());
        assertEquals(201, send(kb, "POST", "/api/records", "application/json", record("after-compaction"), editor).statusCode(), "writes go on");
        assertEquals(1, RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=after-compaction").body()).path("total").asInt());
    }

    /** Asks for a compaction (202, a job to follow) and follows it until it is over, at most two minutes. */
    static JsonNode compactAndWait(RunningKnowledgeBase kb, String admin) throws Exception {
        HttpResponse<String> r = send(kb, "POST", "/api/admin/compact", null, null, admin);
        assertEquals(202, r.statusCode(), r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < until) {
            HttpResponse<String> status = send(kb, "GET", location, null, null, admin);
            assertEquals(200, status.statusCode(), status.body());
            JsonNode job = RunningKnowledgeBase.json(status.body());
            if (job.path("state").asText().equals("done") || job.path("state").asText().equals("failed")) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("the compaction at " + location + " did not end within two minutes");
    }

    @Test
    void recordsExportedAsJsonLinesImportIntoAnotherKnowledgeBase() throws Exception {
        HttpResponse<String> export = kb.get("/api/records.jsonl");
        assertEquals(200, export.statusCode());
        String[] lines = export.body().split("\n");
        long records = kb.sparql("SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a ?t FILTER(STRSTARTS(STR(?r), \"https://w3id.org/hikb/id/\") && !CONTAINS(STR(?r), \"#\")) }")
                .path("results").path("bindings").get(0).path("n").path("value").asLong();
        assertEquals(records, lines.length);

        try (RunningKnowledgeBase other = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()))) {
            String body = export.body() + "{\"type\": \"project\", \"slug\": \"Not A Slug\"}\nnot json\n";
            HttpResponse<String> r = send(other, "POST", "/api/admin/records", "application/x-ndjson", body, admin);
            assertEquals(200, r.statusCode(), r.body());
            JsonNode report = RunningKnowledgeBase.json(r.body());
            assertEquals(lines.length, report.path("imported").asLong(), r.body());
            assertEquals(2, report.path("refused").size());
            assertTrue(report.path("refused").get(0).asText().startsWith("line " + (lines.length + 1)), report.toString());
            JsonNode original = RunningKnowledgeBase.json(kb.get("/api/records/improve").body());
            JsonNode copy = RunningKnowledgeBase.json(other.get("/api/records/improve").body());
            assertEquals(original.path("title"), copy.path("title"));
            assertEquals(ids(original.path("themes")), ids(copy.path("themes")));
            assertFalse(RunningKnowledgeBase.json(other.get("/api/search?lang=it&q=telemedicina").body()).path("results").isEmpty());
        }
    }
}
