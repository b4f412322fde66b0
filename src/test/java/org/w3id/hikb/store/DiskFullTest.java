package org.w3id.hikb.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;

/**
 * A disk that fills up while the knowledge base writes: the writes that do not fit are refused with a clear
 * error, what was stored before stays, and once there is room again writes go on. The test mounts a small
 * tmpfs, which needs root; elsewhere it is skipped, except with {@code CI=true}, where it fails unless
 * {@code HIKB_TESTS_WITHOUT_ROOT} is set.
 */
class DiskFullTest {
    @TempDir Path tmp;
    Path mount;

    /**
     * TDB2's files stay mapped into memory until the collector frees their buffers, and a mapped file keeps the
     * tmpfs busy: collect, and try again, for up to ten seconds.
     */
    @AfterEach
    void unmount() throws Exception {
        if (mount == null) return;
        for (int i = 0; i < 20; i++) {
            System.gc();
            if (new ProcessBuilder("umount", mount.toString()).start().waitFor() == 0) return;
            Thread.sleep(500);
        }
        new ProcessBuilder("umount", "-l", mount.toString()).start().waitFor();
    }

    @Test
    void aFullDiskRefusesTheWriteClearlyAndLosesNothing() throws Exception {
        mount = tmp.resolve("small");
        Files.createDirectories(mount);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes()).trim();
        boolean mounted = p.waitFor() == 0;
        if (!mounted) mount = null;
        // In CI the test must run: a CI that cannot mount fails here, saying why, rather than passing by skipping.
        // Elsewhere (a developer without root) it is skipped, and the report says so.
        if (!mounted && "true".equals(System.getenv("CI")) && System.getenv("HIKB_TESTS_WITHOUT_ROOT") == null)
            throw new AssertionError("CI=true, but a tmpfs cannot be mounted here (" + said + "): run the suite as root, "
                    + "or set HIKB_TESTS_WITHOUT_ROOT=1 to skip the disk-full test knowingly");
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): skipped (" + said + ")");

        Path tokens = tmp.resolve("tokens");
        String token = Tokens.newToken();
        Files.writeString(tokens, Tokens.line(token, Role.EDITOR, "disk") + "\n");
        Path data = mount.resolve("data");
        RunningKnowledgeBase kb0 = RunningKnowledgeBase.start(data, null, Map.of("tokens-file", tokens.toString(), "min-free-mb", "8"));
        try {
            RunningKnowledgeBase kb = kb0;
            assertEquals(201, post(kb, token, "before-full", "x").statusCode());
            Path filler = mount.resolve("filler");
            fill(filler);
            int refused = 0;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = post(kb, token, "while-full-" + i, "y".repeat(200_000));
                if (r.statusCode() == 201) continue;
                refused++;
                assertEquals(507, r.statusCode(), r.body());
                assertTrue(r.body().contains("space"), r.body());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            }
            assertTrue(refused > 0, "the disk never filled up");
            assertEquals(200, kb.get("/api/records/before-full").statusCode(), "what was there is still there");
            Files.delete(filler);
            assertEquals(201, post(kb, token, "after-full", "z").statusCode(), "with room again, writes go on");
        } finally {
            kb0.stop();  // keeps the data directory
        }
        // And the store opens again afterwards, whole.
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, null, Map.of("tokens-file", tokens.toString(), "min-free-mb", "8"))) {
            assertEquals(200, kb.get("/api/records/before-full").statusCode());
            assertEquals(200, kb.get("/api/records/after-full").statusCode());
            assertEquals(1, RunningKnowledgeBase.json(kb.get("/api/search?lang=en&q=after-full").body()).path("total").asInt());
        }
    }

    static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) out.write(block);
        } catch (IOException e) {
            // full
        }
        // Leave a little room, less than a write needs.
        try (var ch = java.nio.channels.FileChannel.open(filler, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(Math.max(0, ch.size() - 512 * 1024));
        }
    }

    static HttpResponse<String> post(RunningKnowledgeBase kb, String token, String slug, String text) {
        String body = "{\"type\": \"project\", \"slug\": \"" + slug + "\", \"title\": {\"en\": \"Disk " + slug + "\"}, \"summary\": {\"en\": \"" + text + "\"},"
                + " \"language\": [\"en\"], \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
        return kb.send(HttpRequest.newBuilder(URI.create(kb.url("/api/records"))).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
