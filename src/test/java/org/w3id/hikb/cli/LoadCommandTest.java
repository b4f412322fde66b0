package org.w3id.hikb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.App;
import org.w3id.hikb.TestBundle;
import org.w3id.hikb.config.Config;

/** {@code hikb load}: idempotent, replaces changed files, refuses bad ones and then changes nothing. */
class LoadCommandTest {
    @TempDir Path tmp;
    Path bundle;
    Path data;

    @BeforeEach
    void copyTheBundle() {
        bundle = TestBundle.copyTo(tmp.resolve("bundle"));
        data = tmp.resolve("store");
    }

    private CommandLineRun load(String... files) {
        String[] args = Stream.concat(Stream.of("load", "--data", data.toString(), "--bundle", bundle.toString()), Stream.of(files))
                .toArray(String[]::new);
        return CommandLineRun.of(args);
    }

    /** The store's generation and its number of quads, read after the command has released the store. */
    private long[] state() {
        try (App app = App.open(Config.resolve(Map.of(), Map.of("data", data.toString(), "bundle", bundle.toString())))) {
            long quads = app.store().read(dsg -> {
                long n = 0;
                for (var it = dsg.find(); it.hasNext(); it.next()) n++;
                return n;
            });
            return new long[] { app.writes().generation(), quads };
        }
    }

    private boolean storeHas(String subject, String predicate, String literal, String lang) {
        try (App app = App.open(Config.resolve(Map.of(), Map.of("data", data.toString(), "bundle", bundle.toString())))) {
            Node o = NodeFactory.createLiteralLang(literal, lang);
            return app.store().read(dsg -> dsg.find(Node.ANY, NodeFactory.createURI(subject), NodeFactory.createURI(predicate), o).hasNext());
        }
    }

    @Test
    void loadingTwiceChangesNothing() {
        CommandLineRun first = load();
        assertEquals(0, first.exitCode(), first.err());
        long[] after1 = state();
        CommandLineRun second = load();
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("Nothing to load"), second.out());
        long[] after2 = state();
        assertEquals(after1[0], after2[0], "generation");
        assertEquals(after1[1], after2[1], "quads");
        assertTrue(after1[1] > 1000, "the bundle was loaded: " + after1[1] + " quads");
    }

    @Test
    void reloadingAChangedFileReplacesItsGraph() throws IOException {
        assertEquals(0, load().exitCode());
        Path improve = bundle.resolve("data/improve.ttl");
        Files.writeString(improve, Files.readString(improve).replace(
                "\"IMPROVE: new quality public services in rural areas\"@en", "\"IMPROVE: better public services in rural areas\"@en"));
        CommandLineRun run = load();
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("loaded    data/improve.ttl") && run.out().contains("unchanged data/hack-it-net.ttl"), run.out());
        String title = "http://purl.org/dc/terms/title";
        assertTrue(storeHas("https://w3id.org/hikb/id/project/improve", title, "IMPROVE: better public services in rural areas", "en"));
        assertTrue(!storeHas("https://w3id.org/hikb/id/project/improve", title, "IMPROVE: new quality public services in rural areas", "en"));
        assertEquals(2, state()[0], "one more generation");
    }

    @Test
    void aFileThatViolatesTheShapesIsRefusedNamingTheRecordAndThePropertyAndTheStoreIsUnchanged() throws IOException {
        assertEquals(0, load().exitCode());
        long[] before = state();
        Path hack = bundle.resolve("data/hack-it-net.ttl");
        Files.writeString(hack, Files.readString(hack).replace("hikb:cofinancingRate 0.75", "hikb:cofinancingRate 75"));
        CommandLineRun run = load();
        assertEquals(4, run.exitCode());
        assertTrue(run.err().contains("<https://w3id.org/hikb/id/project/hack-it-net>"), run.err());
        assertTrue(run.err().contains("hikb:cofinancingRate"), run.err());
        assertTrue(run.err().contains("nothing was written"), run.err());
        long[] after = state();
        assertEquals(before[0], after[0]);
        assertEquals(before[1], after[1]);
    }

    @Test
    void aMalformedTurtleFileIsRefusedWithItsNameAndLine() throws IOException {
        Path bad = bundle.resolve("data/broken.ttl");
        Files.writeString(bad, "@prefix dct: <http://purl.org/dc/terms/> .\n<https://w3id.org/hikb/id/project/x> dct:title \"unclosed .\n");
        CommandLineRun run = load();
        assertEquals(4, run.exitCode());
        assertTrue(run.err().contains("data/broken.ttl"), run.err());
        assertTrue(run.err().contains("[line: 3, col: 1 ]"), run.err());
        assertEquals(0, state()[1], "nothing of the bundle was written either");
    }

    @Test
    void aMissingFileIsAClearErrorWithExitCode3() {
        CommandLineRun run = load(tmp.resolve("no-such.ttl").toString());
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("No such file"), run.err());
    }
}
