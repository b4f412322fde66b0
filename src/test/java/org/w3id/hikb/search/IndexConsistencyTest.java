package org.w3id.hikb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.App;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestBundle;
import org.w3id.hikb.cli.Main;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.records.RecordReader;

/** The search index never disagrees with the store: rebuilt when missing, caught up when behind, updated with every write. */
class IndexConsistencyTest {
    @TempDir Path tmp;

    private static List<String> found(RunningKnowledgeBase kb, String q) {
        var json = RunningKnowledgeBase.json(kb.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).body());
        List<String> out = new ArrayList<>();
        json.path("results").forEach(r -> out.add(r.path("slug").asText()));
        return out;
    }

    /** The searchable records of the store and of the index, compared. */
    private static void assertIndexAgreesWithStore(App app) {
        TreeSet<String> inStore = new TreeSet<>();
        app.store().read(dsg -> { new RecordReader(dsg).forEachSearchable(id -> inStore.add(id.uri())); return null; });
        assertEquals(inStore, new TreeSet<>(app.index().indexedIds()));
        assertEquals(app.writes().generation(), app.index().generation());
    }

    @Test
    void aMissingIndexIsRebuiltFromTheStoreAtStart() {
        Path data = tmp.resolve("data");
        RunningKnowledgeBase.start(data, null).stop();
        RunningKnowledgeBase.deleteRecursively(data.resolve("index"));
        RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, null);
        try {
            assertEquals("improve", found(kb, "telemedicina aree rurali").get(0));
            assertIndexAgreesWithStore(kb.app());
        } finally {
            kb.stop();
        }
    }

    @Test
    void anIndexOlderThanTheStoreCatchesUpAtStart() {
        Path data = tmp.resolve("data");
        Path bundle = TestBundle.copyTo(tmp.resolve("bundle"));
        RunningKnowledgeBase.start(data, bundle).stop();
        TestBundle.edit(bundle, "data/improve.ttl", "Joensuu\"@en", "Joensuu and Kuopio\"@en");
        assertEquals(0, Main.run("load", "--data", data.toString(), "--bundle", bundle.toString()), "loaded while no server runs");
        RunningKnowledgeBase kb = RunningKnowledgeBase.start(data, bundle);
        try {
            assertEquals(List.of("improve-projektmote-joensuu-2016"), found(kb, "Kuopio"), "the change made while no server ran");
            assertIndexAgreesWithStore(kb.app());
        } finally {
            kb.stop();
        }
    }

    @Test
    void everyWriteReachesTheIndexBeforeTheWriterReturns() {
        Path data = tmp.resolve("data");
        Path bundle = TestBundle.copyTo(tmp.resolve("bundle"));
        try (App app = App.open(Config.resolve(Map.of(), Map.of("data", data.toString(), "bundle", bundle.toString())))) {
            app.loadBundle("test");
            RecordSearcher searcher = new RecordSearcher(app.index());
            assertTrue(searcher.textSearch("Kuopio", 10).isEmpty());
            TestBundle.edit(bundle, "data/improve.ttl", "Joensuu\"@en", "Joensuu and Kuopio\"@en");
            app.loadBundle("test");
            assertEquals("https://w3id.org/hikb/id/event/improve-projektmote-joensuu-2016",
                    searcher.textSearch("Kuopio", 10).get(0).id(), "the place's new name reaches the event that links to it");
            assertIndexAgreesWithStore(app);
        }
    }

    @Test
    void reindexRebuildsFromTheStore() {
        Path data = tmp.resolve("data");
        RunningKnowledgeBase.start(data, null).stop();
        assertEquals(0, Main.run("reindex", "--data", data.toString()));
        try (App app = App.open(Config.resolve(Map.of(), Map.of("data", data.toString())))) {
            assertIndexAgreesWithStore(app);
        }
    }
}
