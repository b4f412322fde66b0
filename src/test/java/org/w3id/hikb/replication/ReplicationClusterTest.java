package org.w3id.hikb.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.w3id.hikb.ServerProcess;
import org.w3id.hikb.TestTokens;

/**
 * A writer and two read replicas, each its own process, fed through Kafka on loopback (KRaft, one node, or three
 * with {@code -Dhikb.kafka.nodes=3}; each node its own process so it can be killed and started again on the same
 * port): what docs/scale-out.md
 * promises, checked from outside as an operator would, by the nodes' store digests ({@code /api/admin/digest}),
 * their search answers and the log itself. The scenarios run in order on the same set of nodes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicationClusterTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "hikb-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SOURCE = "https://w3id.org/hikb/id/source/seed-004-improve";
    private static final Duration CATCH_UP = Duration.ofSeconds(90);

    private Path work;
    private TestTokens tokens;
    private KafkaBroker broker;
    private ServerProcess writer, replicaA, replicaB;

    @BeforeAll
    void startTheSet() throws Exception {
        work = Files.createTempDirectory("hikb-replication-");
        tokens = TestTokens.create("cluster-editor", "cluster-admin");
        broker = KafkaBroker.start(work.resolve("kafka"), KafkaBroker.nodesWanted());
        writer = startWriter(work.resolve("writer"));
        replicaA = startReplica(work.resolve("replica-a"));
        replicaB = startReplica(work.resolve("replica-b"));
    }

    @AfterAll
    void stopTheSet() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] { replicaB, replicaA, writer, broker })
            if (c != null) c.close();
    }

    @Test
    @Order(1)
    void curationSparqlUpdatesAndABulkImportThroughTheWriterReachEveryReplica() throws Exception {
        HttpResponse<String> created = send(writer, "POST", "/api/records", "application/json", tokens.editor(),
                "{\"type\": \"project\", \"slug\": \"qzxcluster\", \"title\": {\"en\": \"Qzxcluster telecare for islands\"},"
                        + " \"language\": [\"en\"], \"sources\": [{\"id\": \"" + SOURCE + "\"}]}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(200, update("Qzxcluster renamed").statusCode());
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 3; i++)
            lines.append("{\"type\": \"project\", \"slug\": \"qzxbulk-").append(i).append("\", \"title\": {\"en\": \"Qzxbulk remote care ")
                    .append(i).append("\"}, \"language\": [\"en\"], \"sources\": [{\"id\": \"").append(SOURCE).append("\"}]}\n");
        HttpResponse<String> imported = send(writer, "POST", "/api/admin/records", "application/x-ndjson", tokens.admin(), lines.toString());
        assertTrue(imported.statusCode() < 300, imported.statusCode() + " " + imported.body());

        long generation = generation(writer);
        String digest = sameDigestEverywhere(generation, writer, replicaA, replicaB);
        assertEquals(64, digest.length());
        String q = "/api/search?lang=en&q=qzxbulk+qzxcluster&min-generation=" + generation;
        String answer = get(writer, q).body();
        assertTrue(answer.contains("qzxbulk-3") && answer.contains("qzxcluster"), answer);
        assertEquals(withoutScores(answer), withoutScores(get(replicaA, q).body()), "a replica's search index follows its store");
        assertEquals(withoutScores(answer), withoutScores(get(replicaB, q).body()));

        // Read-your-writes on another node: the write's generation, asked of a replica at once, waits for it there.
        HttpResponse<String> written = update("Qzxreadyourwrites");
        long mine = JSON.readTree(written.body()).path("generation").asLong();
        String seen = get(replicaB, "/api/records/qzxcluster?min-generation=" + mine).body();
        assertTrue(seen.contains("Qzxcluster"), seen);
        String ask = get(replicaB, "/sparql?format=json&min-generation=" + mine + "&query=" + java.net.URLEncoder.encode(
                "ASK { GRAPH ?g { ?s ?p \"Qzxreadyourwrites\" } }", java.nio.charset.StandardCharsets.UTF_8)).body();
        assertTrue(ask.contains("true"), "a replica read with the write's generation sees the write: " + ask);

        HttpResponse<String> redirected = send(replicaA, "POST", "/api/records", "application/json", tokens.editor(), "{}");
        assertEquals(307, redirected.statusCode(), "a write sent to a replica goes to the writer");
        assertEquals(writer.url("/api/records"), redirected.headers().firstValue("Location").orElse(""));
        JsonNode health = health(replicaA, "?max-lag=0");
        assertEquals("replica", health.path("replication").path("role").asText(), health.toString());
        assertEquals(0, health.path("replication").path("lag").asLong(), health.toString());
    }

    @Test
    @Order(2)
    void aReplicaKilledDuringWritesCatchesUpToTheSameStore() throws Exception {
        Path data = work.resolve("replica-a");
        for (int i = 0; i < 12; i++) {
            assertEquals(200, update("during the kill " + i).statusCode());
            if (i == 4) replicaA.kill();
        }
        replicaA = startReplica(data);
        sameDigestEverywhere(generation(writer), writer, replicaA, replicaB);
    }

    @Test
    @Order(3)
    void aNewReplicaMadeFromAReplicasBackupFollowsFromTheBackupsOffset() throws Exception {
        HttpResponse<String> backup = send(replicaA, "POST", "/api/admin/backup", "application/json", tokens.admin(), "");
        assertEquals(201, backup.statusCode(), "a replica makes its own backups: " + backup.body());
        JsonNode made = JSON.readTree(backup.body());
        assertTrue(made.path("logOffset").asLong() > 0, "a replica's backup is stamped with its log offset: " + made);
        Path file;
        try (var files = Files.walk(work.resolve("replica-a"))) {
            file = files.filter(f -> f.getFileName().toString().equals(made.path("name").asText())).findFirst().orElseThrow();
        }
        Path data = work.resolve("replica-c");
        assertEquals(0, org.w3id.hikb.cli.Main.run("restore", "--data", data.toString(), "--exact", file.toString()));
        assertEquals(200, update("after the backup").statusCode());
        try (ServerProcess replicaC = startReplica(data)) {
            sameDigestEverywhere(generation(writer), writer, replicaA, replicaC);
            String log = Files.readString(work.resolve("replica-c.log"));
            assertTrue(log.contains("from offset " + (made.path("logOffset").asLong() + 1)), "it read the log from after the backup's offset");
        }
    }

    @Test
    @Order(4)
    void aBrokerRestartLosesNoAcknowledgedWriteAndAppliesNoneTwice() throws Exception {
        if (broker.nodes() >= 3) {
            // One broker of three away: the log is still written (two replicas in sync) and read.
            broker.kill(0);
            assertEquals(200, update("with one broker of three down").statusCode());
            sameDigestEverywhere(generation(writer), writer, replicaA, replicaB);
            broker.startAgain();
        }
        broker.kill();
        List<Long> acknowledged = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = update("while the broker is down " + i);
            assertEquals(200, r.statusCode(), "the writer takes writes without the log: " + r.body());
            acknowledged.add(JSON.readTree(r.body()).path("generation").asLong());
        }
        JsonNode waiting = health(writer, "");
        assertTrue(waiting.path("replication").path("unpublished").asLong() >= 1 || !waiting.path("replication").path("problem").isNull(), waiting.toString());
        broker.startAgain();
        long generation = generation(writer);
        assertEquals(acknowledged.get(2), generation);
        sameDigestEverywhere(generation, writer, replicaA, replicaB);
        assertTheLogHoldsEachGenerationOnce(generation);
    }

    @Test
    @Order(5)
    void aWriterKilledBetweenCommitAndPublishPublishesAtItsNextStart() throws Exception {
        broker.kill(); // so the commit below cannot be published before the writer dies
        HttpResponse<String> r = update("Qzxbetween commit and publish");
        assertEquals(200, r.statusCode(), r.body());
        long committed = JSON.readTree(r.body()).path("generation").asLong();
        writer.kill();
        broker.startAgain();
        writer = startWriter(work.resolve("writer"));
        assertEquals(committed, generation(writer), "the acknowledged write survived the crash");
        sameDigestEverywhere(committed, writer, replicaA, replicaB);
        assertTheLogHoldsEachGenerationOnce(committed);
    }

    @Test
    @Order(6)
    void aSecondWriterOfTheLogFencesTheFirst() throws Exception {
        // Replica B is promoted: started as the writer on its own store, which is the log's latest state.
        long before = generation(writer);
        replicaB.close();
        ServerProcess promoted = startWriter(work.resolve("replica-b"));
        replicaB = promoted;
        awaitTrue(() -> health(promoted, "").path("replication").path("publishedGeneration").asLong() == before, "the new writer reads the log");

        // The old writer still commits locally, then finds it is fenced and closes its writes.
        assertEquals(200, update("Qzxstale writer").statusCode());
        awaitTrue(() -> health(writer, "").path("replication").path("fenced").asBoolean(), "the old writer is fenced");
        assertEquals(503, get(writer, "/health?ready").statusCode(), "a load balancer sends the fenced writer nothing");
        HttpResponse<String> refused = update("after the fence");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("writes-closed"), refused.body());

        HttpResponse<String> r = send(promoted, "POST", "/sparql/update", "application/sparql-update", tokens.editor(), insert("from the new writer"));
        assertEquals(200, r.statusCode(), r.body());
        long generation = generation(promoted);
        String digest = sameDigestEverywhere(generation, promoted, replicaA);
        assertNotEquals(digest, digest(writer), "the stale writer's own commit reached no replica");
        String ask = get(replicaA, "/sparql?query=" + java.net.URLEncoder.encode("ASK { GRAPH ?g { ?s ?p \"Qzxstale writer\" } }",
                java.nio.charset.StandardCharsets.UTF_8) + "&format=json").body();
        assertTrue(ask.contains("false"), ask);

        // The stale writer started again: the log's last patch is the new writer's, at a generation the stale one also
        // committed itself, so it fences itself before it takes the log, and the new writer goes on.
        writer.close();
        writer = startWriter(work.resolve("writer"));
        awaitTrue(() -> health(writer, "").path("replication").path("fenced").asBoolean(), "the stale writer, restarted, fences itself");
        assertEquals(503, update("from the stale writer, restarted").statusCode());
        HttpResponse<String> still = send(promoted, "POST", "/sparql/update", "application/sparql-update", tokens.editor(), insert("the new writer goes on"));
        assertEquals(200, still.statusCode(), still.body());
        sameDigestEverywhere(generation(promoted), promoted, replicaA);
    }

    // --- the nodes

    private ServerProcess startWriter(Path data) throws Exception {
        return ServerProcess.start(data, work.resolve(data.getFileName() + ".log"), "--tokens-file", tokens.path(),
                "--primary", "--log", broker.bootstrap(), "--topic", TOPIC);
    }

    private ServerProcess startReplica(Path data) throws Exception {
        return ServerProcess.start(data, work.resolve(data.getFileName() + ".log"), "--tokens-file", tokens.path(),
                "--replicate-from", broker.bootstrap(), "--topic", TOPIC, "--writer-url", writer.url(""));
    }

    // --- what the test asks

    /** Waits until every node is at {@code generation}, then checks that their stores' digests are equal. */
    private String sameDigestEverywhere(long generation, ServerProcess... nodes) throws Exception {
        for (ServerProcess n : nodes)
            awaitTrue(() -> generation(n) >= generation, "a node reaches generation " + generation);
        String first = digest(nodes[0]);
        for (ServerProcess n : nodes) {
            assertEquals(generation, generation(n));
            assertEquals(first, digest(n), "every node holds the same quads at generation " + generation);
        }
        return first;
    }

    private void assertTheLogHoldsEachGenerationOnce(long upTo) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<Long> generations = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(TOPIC, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (c.position(tp) < end && System.nanoTime() < deadline)
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    long g = PatchMessages.generation(r);
                    if (generations.isEmpty() || generations.get(generations.size() - 1) != g) generations.add(g);
                }
        }
        List<Long> expected = new ArrayList<>();
        for (long g = 1; g <= upTo; g++) expected.add(g);
        assertEquals(expected, generations, "the log holds generations 1.." + upTo + ", each once, in order");
    }

    /**
     * A search answer without its scores: the same records in the same order, with the same snippets and facets.
     * The scores themselves differ in their last digits between nodes, as between Solr or Elasticsearch replicas:
     * BM25 counts a replaced document's old version until its segment is merged, and each node merges on its own.
     */
    private static String withoutScores(String answer) {
        return answer.replaceAll("\"score\":[0-9.eE+-]+", "\"score\":_");
    }

    private HttpResponse<String> update(String text) throws Exception {
        return send(writer, "POST", "/sparql/update", "application/sparql-update", tokens.editor(), insert(text));
    }

    private static String insert(String text) {
        return "INSERT DATA { GRAPH <https://w3id.org/hikb/graph/updates> { <" + SOURCE + "> <http://purl.org/dc/terms/alternative> \"" + text + "\" } }";
    }

    private long generation(ServerProcess node) throws Exception {
        return health(node, "").path("generation").asLong();
    }

    private String digest(ServerProcess node) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.url("/api/admin/digest")))
                .header("Authorization", "Bearer " + tokens.admin()).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("sha256").asText();
    }

    private static JsonNode health(ServerProcess node, String query) throws Exception {
        return JSON.readTree(get(node, "/health" + query).body());
    }

    private static HttpResponse<String> get(ServerProcess node, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path))).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> send(ServerProcess node, String method, String path, String type, String token, String body)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url(path))).header("Content-Type", type)
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) return;
            Thread.sleep(200);
        }
        throw new AssertionError("Not within " + CATCH_UP.toSeconds() + " s: " + what);
    }
}
