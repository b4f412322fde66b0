package org.w3id.hikb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            RecordSearcher searcher = new RecordSearcher(app.index());
            int records = app.index().indexedIds().size();
            Consumer<String> api = q -> get(http, base + "/api/search?size=10&q=" + encode(q));
            Consumer<String> lucene = q -> searcher.textSearch(q, 10);
            Consumer<String> sparql = q -> get(http, base + "/sparql?query=" + encode(naiveSparql(q)));

            for (int i = 0; i < 3; i++) queries.forEach(q -> { api.accept(q); lucene.accept(q); });
            Stats apiOne = serial(queries, rounds, api);
            Stats apiTwo = parallel(queries, rounds, api, 2);
            Stats luceneOne = serial(queries, rounds, lucene);
            Stats sparqlOne = serial(queries, sparqlRounds, sparql);

            out.println(String.format("Search benchmark on %,d records, %d queries in 4 languages (%d rounds; SPARQL %d):",
                    records, queries.size(), rounds, sparqlRounds));
            out.println(Stats.header());
            out.println(apiOne.row("/api/search over HTTP, 1 client"));
            out.println(apiTwo.row("/api/search over HTTP, 2 clients"));
            out.println(luceneOne.row("Lucene IndexSearcher, in process"));
            out.println(sparqlOne.row("SPARQL FILTER(CONTAINS(LCASE())), HTTP"));
            out.println(String.format("Ratios (p50): /api/search / Lucene = %.1f; SPARQL CONTAINS / /api/search = %.1f",
                    apiOne.p50Millis() / luceneOne.p50Millis(), sparqlOne.p50Millis() / apiOne.p50Millis()));
        }
    }

    private static Stats serial(List<String> queries, int rounds, Consumer<String> run) {
        List<Long> lat = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++)
            for (String q : queries) {
                long t = System.nanoTime();
                run.accept(q);
                lat.add(System.nanoTime() - t);
            }
        return Stats.of(lat, System.nanoTime() - t0);
    }

    private static Stats parallel(List<String> queries, int rounds, Consumer<String> run, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++)
            done.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++)
                    for (String q : queries) {
                        long t = System.nanoTime();
                        run.accept(q);
                        lat.add(System.nanoTime() - t);
                    }
            }));
        try {
            for (Future<?> f : done) f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
        return Stats.of(lat, System.nanoTime() - t0);
    }

    /** The plain-SPARQL way to look for words in titles, summaries and descriptions. */
    static String naiveSparql(String q) {
        List<String> tests = new ArrayList<>();
        for (String w : q.toLowerCase(Locale.ROOT).split("\\s+"))
            if (!w.isBlank()) tests.add("CONTAINS(LCASE(STR(?text)), \"" + w.replace("\"", "") + "\")");
        return "PREFIX dct: <http://purl.org/dc/terms/>\nSELECT DISTINCT ?record WHERE { ?record dct:title|dct:abstract|dct:description ?text . FILTER("
                + String.join(" || ", tests) + ") } LIMIT 10";
    }

    private static void get(HttpClient http, String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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
