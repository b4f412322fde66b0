package org.w3id.hikb.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * Queries a timeout cannot stop, because one step of them never returns or fills the heap: regular
 * expressions that backtrack, patterns built while the query runs, strings doubled until memory runs out. Each
 * is answered within seconds, with a reason where it is refused, and the server goes on answering.
 */
class QueryBudgetTest {
    static RunningKnowledgeBase kb;
    static String editor;
    /** A text of 45 a's and a '!': a backtracking engine needs about 2^45 steps to fail on it. */
    static final String LONG_A = "a".repeat(45) + "!";

    @BeforeAll
    static void start() {
        TestTokens tokens = TestTokens.create("budget-editor", "budget-admin");
        editor = tokens.editor();
        kb = RunningKnowledgeBase.start(Map.of("query-timeout", "10", "tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() { kb.close(); }

    private static HttpResponse<String> query(String q) {
        return kb.get("/sparql?query=" + URLEncoder.encode(q, StandardCharsets.UTF_8), "Accept", "application/sparql-results+json");
    }

    /** Runs the query and asserts it was answered with {@code status} within 5 s, and that the server is well after it. */
    private static HttpResponse<String> answeredQuickly(String q, int status) {
        long t = System.nanoTime();
        HttpResponse<String> r = query(q);
        double seconds = (System.nanoTime() - t) / 1e9;
        assertEquals(status, r.statusCode(), q + " -> " + r.body());
        assertTrue(seconds < 5, q + " took " + seconds + " s");
        t = System.nanoTime();
        assertEquals(200, kb.get("/health").statusCode());
        assertTrue((System.nanoTime() - t) / 1e9 < 1, "the server answers at once after it");
        assertCoresFree(q);
        return r;
    }

    /**
     * Nothing of the query runs on once it is answered: over the next 2 s the server's request threads (Jetty's
     * {@code qtp} pool, where queries run) use under one core-second between them, where a query left running
     * would use two. (The JVM's own threads, the compiler and the collector, are not counted: they tidy up.)
     */
    private static void assertCoresFree(String q) {
        double used = requestThreadSeconds();
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        used = requestThreadSeconds() - used;
        assertTrue(used < 1.0, q + ": " + used + " core-seconds used by request threads in the 2 s after the answer");
    }

    private static double requestThreadSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds()))
            if (t != null && t.getThreadName().startsWith("qtp")) nanos += Math.max(0, threads.getThreadCpuTime(t.getThreadId()));
        return nanos / 1e9;
    }

    @Test
    void aBackReferenceIsRefusedWithAReason() {
        HttpResponse<String> r = answeredQuickly("ASK { FILTER(REGEX(\"" + LONG_A + "\", \"^((a+))+\\\\1$\")) }", 400);
        assertTrue(r.body().contains("back-references"), r.body());
    }

    @Test
    void nestedRepetitionRunsInLinearTime() {
        assertTrue(answeredQuickly("ASK { FILTER(REGEX(\"" + LONG_A + "\", \"^(a+)+$\")) }", 200).body().contains("false"));
        assertTrue(answeredQuickly("SELECT (REPLACE(\"" + LONG_A + "\", \"(a*)*b\", \"x\") AS ?r) WHERE {}", 200).body().contains(LONG_A));
        assertTrue(answeredQuickly("PREFIX fn: <http://www.w3.org/2005/xpath-functions#> ASK { FILTER(fn:matches(\"" + LONG_A + "\", \"^(a|aa)+$\")) }", 200)
                .body().contains("false"));
    }

    @Test
    void patternsBuiltWhileTheQueryRunsRunInLinearTimeToo() {
        String q = "SELECT ?m WHERE { BIND(CONCAT(\"" + "a".repeat(40) + "\", \"!\") AS ?s) BIND(CONCAT(\"^((.*\", \"a)){12}$\") AS ?p) BIND(REGEX(?s, ?p) AS ?m) }";
        assertTrue(answeredQuickly(q, 200).body().contains("false"));
        String alternation = "SELECT ?m WHERE { VALUES ?p { \"^(a|aa)+$\" } BIND(REGEX(\"" + LONG_A + "\", ?p) AS ?m) }";
        assertTrue(answeredQuickly(alternation, 200).body().contains("false"));
    }

    @Test
    void regularExpressionsStillWorkWithTheirFlags() {
        HttpResponse<String> r = answeredQuickly("SELECT ?t WHERE { ?s <http://purl.org/dc/terms/title> ?t FILTER(REGEX(?t, \"^hack-it\", \"i\")) }", 200);
        assertTrue(r.body().contains("HACK-IT-NET"), r.body());
        r = answeredQuickly("SELECT (REPLACE(\"abc abc\", \"(b)(c)\", \"$2$1\") AS ?r) WHERE {}", 200);
        assertTrue(r.body().contains("acb acb"), r.body());
    }

    @Test
    void aStringDoubledUntilTheHeapIsFullIsStoppedWithAReason() {
        StringBuilder q = new StringBuilder("SELECT ?s30 WHERE { BIND(\"0123456789abcdef\" AS ?s0) ");
        for (int i = 0; i < 30; i++) q.append("BIND(CONCAT(?s").append(i).append(", ?s").append(i).append(") AS ?s").append(i + 1).append(") ");
        HttpResponse<String> r = answeredQuickly(q.append("}").toString(), 400);
        assertTrue(r.body().contains("characters"), r.body());
    }

    @Test
    void aGroupConcatOverACrossProductIsStoppedWithAReason() {
        HttpResponse<String> r = answeredQuickly("SELECT (GROUP_CONCAT(STR(?o)) AS ?all) WHERE { ?s ?p ?o . ?a ?b ?c }", 400);
        assertTrue(r.body().contains("GROUP_CONCAT"), r.body());
        assertTrue(answeredQuickly("SELECT (GROUP_CONCAT(DISTINCT ?t; separator=\"|\") AS ?all) WHERE { ?s <http://purl.org/dc/terms/title> ?t }", 200)
                .body().contains("HACK-IT-NET"));
    }

    @Test
    void javaFunctionUrisAreNotServed() {
        answeredQuickly("SELECT ?x WHERE { BIND(<java:org.apache.jena.sparql.function.library.sha1sum>(\"a\") AS ?x) }", 400);
    }

    @Test
    void anUpdateWhosePatternBacktracksIsAnsweredQuicklyToo() {
        long t = System.nanoTime();
        HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update",
                "INSERT { GRAPH <https://w3id.org/hikb/graph/curation> { <https://w3id.org/hikb/id/project/improve> <http://www.w3.org/2000/01/rdf-schema#comment> \"x\" } } "
                        + "WHERE { FILTER(REGEX(\"" + LONG_A + "\", \"^(a+)+$\")) }",
                "Authorization", "Bearer " + editor);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue((System.nanoTime() - t) / 1e9 < 5);
        assertTrue(r.body().contains("\"changed\":false"), r.body());
    }
}
