package org.w3id.hikb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.w3id.hikb.App;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.search.RecordSearcher;

/**
 * The search benchmark: the same query mix run (1) on {@code /api/search} over HTTP, one client and two
 * clients at once, (2) directly on the Lucene index in the same process (the multilingual query built and
 * searched, no facets, snippets or store reads), and (3) as the plain-SPARQL alternative on {@code /sparql},
 * {@code FILTER(CONTAINS(LCASE(?text), ...))} over the same store. Figures are medians and 99th percentiles.
 */
final class SearchBench {
    private SearchBench() {}

    static void run(Path dataDir, int rounds, int sparqlRounds, PrintStream out) {
        List<String> queries = queries();
        try (App app = Workspace.open(dataDir); WebServer server = app.serve()) {
            String base = "http://localhost:" + server.port();
            RecordSearcher searcher = new RecordSearcher(app.index());
            int records = app.index().indexedIds().size();
            Consumer<String> api = q -> Runs.get(base + "/api/search?size=10&q=" + Runs.encode(q), null);
            Consumer<String> lucene = q -> searcher.textSearch(q, org.w3id.hikb.records.Lang.EN, 10);
            int[] stopped = { 0 };
            Consumer<String> sparql = q -> {
                try {
                    Runs.get(base + "/sparql?query=" + Runs.encode(naiveSparql(q)), null);
                } catch (IllegalStateException e) {
                    // At a million records the plain-SPARQL baseline runs into the query timeout: count it.
                    if (!e.getMessage().startsWith("503")) throw e;
                    stopped[0]++;
                }
            };

            for (int i = 0; i < 3; i++) queries.forEach(q -> { api.accept(q); lucene.accept(q); });
            Stats apiOne = Runs.serial(queries, rounds, api);
            Stats apiTwo = Runs.parallel(queries, rounds, api, 2);
            Stats luceneOne = Runs.serial(queries, rounds, lucene);
            Stats sparqlOne = Runs.serial(queries, sparqlRounds, sparql);

            out.println(String.format("Search benchmark on %,d records, %d queries in 4 languages (%d rounds; SPARQL %d):",
                    records, queries.size(), rounds, sparqlRounds));
            out.println(Stats.header());
            out.println(apiOne.row("/api/search over HTTP, 1 client"));
            out.println(apiTwo.row("/api/search over HTTP, 2 clients"));
            out.println(luceneOne.row("Lucene IndexSearcher, in process"));
            out.println(sparqlOne.row("SPARQL FILTER(CONTAINS(LCASE())), HTTP"));
            if (stopped[0] > 0)
                out.println(String.format("SPARQL CONTAINS: %d of %d queries were stopped by the query timeout (%d s); their latency is the timeout.",
                        stopped[0], sparqlOne.count(), app.config().sparql().timeout().toSeconds()));
            out.println(String.format("Ratios (p50): /api/search / Lucene = %.1f; SPARQL CONTAINS / /api/search = %.1f",
                    apiOne.p50Millis() / luceneOne.p50Millis(), sparqlOne.p50Millis() / apiOne.p50Millis()));
        }
    }

    /** The plain-SPARQL way to look for words in titles, summaries and descriptions. */
    static String naiveSparql(String q) {
        List<String> tests = new ArrayList<>();
        for (String w : q.toLowerCase(Locale.ROOT).split("\\s+"))
            if (!w.isBlank()) tests.add("CONTAINS(LCASE(STR(?text)), \"" + w.replace("\"", "") + "\")");
        return "PREFIX dct: <http://purl.org/dc/terms/>\nSELECT DISTINCT ?record WHERE { ?record dct:title|dct:abstract|dct:description ?text . FILTER("
                + String.join(" || ", tests) + ") } LIMIT 10";
    }

    static List<String> queries() {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                SearchBench.class.getResourceAsStream("queries.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; )
                if (!line.isBlank() && !line.startsWith("#")) out.add(line.strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
