package org.w3id.hikb.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.hikb.App;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.sparql.ExampleQueries;

/**
 * The SPARQL benchmark: the editor's example queries (all but the one that needs our text search) on our
 * {@code /sparql} and on a plain embedded Fuseki (no gate, no row cap, no editor: {@code FusekiServer} with a
 * query endpoint and nothing else) over a copy of the same TDB2 store with the same union default graph.
 * One client and two clients at once; each query runs on both in turn, the order alternating round by round,
 * so that neither side always runs on a warmer cache. Per query medians, and their ratio.
 */
final class SparqlBench {
    private SparqlBench() {}

    static void run(Path dataDir, int rounds, PrintStream out) {
        List<ExampleQueries.Example> examples = new ArrayList<>();
        for (ExampleQueries.Example e : ExampleQueries.all())
            if (!e.text().contains("text:query")) examples.add(e);
        List<String> mix = examples.stream().map(ExampleQueries.Example::text).toList();
        Path copy = dataDir.resolveSibling(dataDir.getFileName() + "-fuseki-copy");
        Workspace.copy(dataDir.resolve("store"), Workspace.fresh(copy).resolve("store"));

        DatasetGraph plain = DatabaseMgr.connectDatasetGraph(copy.resolve("store").toString());
        plain.getContext().set(TDB2.symUnionDefaultGraph, true);
        // The same query timeout as ours (30 s by default), so neither side runs a query longer than the other.
        plain.getContext().set(org.apache.jena.query.ARQ.queryTimeout, "30000");
        FusekiServer fuseki = FusekiServer.create().port(0).loopback(true).add("/ds", plain, false).build().start();
        try (App app = Workspace.open(dataDir); WebServer server = app.serve()) {
            String ours = "http://localhost:" + server.port() + "/sparql?query=";
            String theirs = "http://localhost:" + fuseki.getHttpPort() + "/ds/query?query=";
            String accept = "application/sparql-results+json";
            int[] stopped = { 0, 0 };
            Consumer<String> onOurs = q -> get(ours + Runs.encode(q), accept, stopped, 0);
            Consumer<String> onTheirs = q -> get(theirs + Runs.encode(q), accept, stopped, 1);
            for (int i = 0; i < 2; i++) { mix.forEach(onOurs); mix.forEach(onTheirs); }

            // Per query, in the order ours, Fuseki, Fuseki, ours (round by round), so neither side always runs second.
            List<List<Long>> oursByQuery = new ArrayList<>(), theirsByQuery = new ArrayList<>();
            mix.forEach(q -> { oursByQuery.add(new ArrayList<>()); theirsByQuery.add(new ArrayList<>()); });
            long oursWall = 0, theirsWall = 0;
            for (int r = 0; r < rounds; r++)
                for (int i = 0; i < mix.size(); i++) {
                    boolean oursFirst = r % 2 == 0;
                    for (int side = 0; side < 2; side++) {
                        boolean isOurs = (side == 0) == oursFirst;
                        long t = System.nanoTime();
                        (isOurs ? onOurs : onTheirs).accept(mix.get(i));
                        long d = System.nanoTime() - t;
                        (isOurs ? oursByQuery : theirsByQuery).get(i).add(d);
                        if (isOurs) oursWall += d; else theirsWall += d;
                    }
                }
            List<Long> oursLat = new ArrayList<>(), theirsLat = new ArrayList<>();
            oursByQuery.forEach(oursLat::addAll);
            theirsByQuery.forEach(theirsLat::addAll);
            Stats oursTwo = Runs.parallel(mix, rounds, onOurs, 2);
            Stats theirsTwo = Runs.parallel(mix, rounds, onTheirs, 2);

            Stats a = Stats.of(oursLat, oursWall), b = Stats.of(theirsLat, theirsWall);
            out.println(String.format("SPARQL benchmark on %s: %d example queries, %d rounds:", dataDir, mix.size(), rounds));
            out.println(Stats.header());
            out.println(a.row("/sparql (ours), 1 client"));
            out.println(b.row("plain Fuseki, same store copy, 1 client"));
            out.println(oursTwo.row("/sparql (ours), 2 clients"));
            out.println(theirsTwo.row("plain Fuseki, 2 clients"));
            out.println();
            out.println("| query | ours p50 (ms) | plain Fuseki p50 (ms) | ratio |\n| --- | --- | --- | --- |");
            double logSum = 0;
            for (int i = 0; i < mix.size(); i++) {
                double ours50 = Stats.of(oursByQuery.get(i), 1).p50Millis(), theirs50 = Stats.of(theirsByQuery.get(i), 1).p50Millis();
                logSum += Math.log(ours50 / theirs50);
                out.println(String.format("| %s | %.2f | %.2f | %.2f |", examples.get(i).id(), ours50, theirs50, ours50 / theirs50));
            }
            if (stopped[0] + stopped[1] > 0)
                out.println(String.format("Stopped by the %d s query timeout (their latency is the time until the answer): ours %d, plain Fuseki %d.",
                        app.config().sparql().timeout().toSeconds(), stopped[0], stopped[1]));
            out.println(String.format("Ratios ours / plain Fuseki: per-query p50, geometric mean %.2f; time for the whole mix %.2f; "
                    + "throughput %.2f (1 client), %.2f (2 clients)",
                    Math.exp(logSum / mix.size()), (double) oursWall / theirsWall,
                    a.throughputPerSecond() / b.throughputPerSecond(), oursTwo.throughputPerSecond() / theirsTwo.throughputPerSecond()));
        } finally {
            fuseki.stop();
            TDBInternal.expel(plain);
        }
    }

    /** One query; a 503 (ours stops long queries at the timeout) is counted, not fatal. */
    private static void get(String url, String accept, int[] stopped, int side) {
        try {
            Runs.get(url, accept);
        } catch (IllegalStateException e) {
            if (!e.getMessage().startsWith("503")) throw e;
            stopped[side]++;
        }
    }
}
