package org.w3id.hikb.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * The short, bounded version of {@code hikb bench load} that CI runs: below saturation every request is
 * answered; far above it the server sheds what it cannot take with 503/429 and Retry-After, never an error,
 * and answers normally again once the load stops.
 */
class LoadSheddingTest {
    @Test
    void underLoadTheServerShedsWithRetryAfterAndRecovers() {
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("max-requests", "8", "query-concurrency", "4"))) {
            LoadBench.Report report = LoadBench.run(kb.app(), kb.server(), new int[] { 2, 48 }, 4, new PrintStream(System.out, true));
            LoadBench.Step light = report.steps().get(0), heavy = report.steps().get(1);
            assertTrue(light.answered() > 20, "the light step answered " + light.answered());
            assertEquals(0, light.errors());
            assertEquals(0, light.shed(), "two clients are below saturation");
            assertEquals(0, heavy.errors(), "overload is shed, never an error");
            assertTrue(heavy.shed() > 0, "48 clients against 8 slots are shed");
            assertTrue(report.recovered(), "answers normally once the load stops");
        }
    }
}
