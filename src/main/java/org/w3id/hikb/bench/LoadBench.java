package org.w3id.hikb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.w3id.hikb.App;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.sparql.ExampleQueries;

/**
 * The load benchmark: a realistic mix of requests (searches in four languages, the search page, records,
 * linked-data documents, light SPARQL, revalidated dumps, the catalogue and the feed) replayed on loopback
 * by rising numbers of clients, each step for a fixed time, stopping by itself. Per step: throughput,
 * p50 and p99 of answered requests, requests shed (503 or 429 with Retry-After), errors (anything else),
 * and the heap. Then the load stops, and a single client checks the server has recovered.
 */
public final class LoadBench {
    private LoadBench() {}

    /** One step: how many clients, what they got, how fast, and the most heap in use meanwhile. */
    public record Step(int clients, long answered, long shed, long errors, double p50Millis, double p99Millis, double perSecond, long heapMiB) {
        String row() {
            return String.format("| %7d | %9d | %6d | %6d | %9.1f | %9.1f | %10.1f | %9d |", clients, answered, shed, errors, p50Millis, p99Millis, perSecond, heapMiB);
        }
    }

    /** Every step, where throughput stopped growing, and whether the server answered normally afterwards. */
    public record Report(List<Step> steps, int saturationClients, boolean recovered) {}

    /** Runs on an open knowledge base (the benchmark command opens one over a bench store; the test, the bundle). */
    public static Report run(App app, WebServer server, int[] steps, int seconds, PrintStream out) {
        String base = "http://localhost:" + server.port();
        List<String> mix = mix(app);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Step> results = new ArrayList<>();
        out.println(String.format("Load: %d request kinds, %d s per step, loopback, %d cores.", mix.size(), seconds, Runtime.getRuntime().availableProcessors()));
        out.println("| clients | answered | shed | errors | p50 (ms) | p99 (ms) | answered/s | heap (MiB) |\n| --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int clients : steps) {
            Step s = step(http, base, mix, clients, seconds);
            results.add(s);
            out.println(s.row());
        }
        int saturation = steps[steps.length - 1];
        for (int i = 1; i < results.size(); i++)
            if (results.get(i).perSecond() < results.get(i - 1).perSecond() * 1.10) {
                saturation = results.get(i - 1).clients();
                break;
            }
        boolean recovered = recovered(http, base, mix);
        out.println(String.format("Saturation at about %d clients (beyond it throughput grows by less than 10%% a step). "
                + "After the load stopped: %s.", saturation, recovered ? "recovered, every request answered" : "NOT recovered"));
        return new Report(results, saturation, recovered);
    }

    private static Step step(HttpClient http, String base, List<String> mix, int clients, int seconds) {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong shed = new AtomicLong(), errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong heap = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                heap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try { Thread.sleep(200); } catch (InterruptedException e) { return; }
            }
        });
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String[] request = mix.get(random.nextInt(mix.size())).split(" ", 2);
                    long t = System.nanoTime();
                    int status = send(http, base + request[1], request[0]);
                    long d = System.nanoTime() - t;
                    if (status == 200 || status == 303 || status == 304) latencies.add(d);
                    else if (status == 503 || status == 429) {
                        shed.incrementAndGet();
                        try { Thread.sleep(1000); } catch (InterruptedException e) { return; }  // as Retry-After says
                    } else errors.incrementAndGet();
                }
            });
        }
        pool.shutdown();
        try {
            pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Stats stats = Stats.of(new ArrayList<>(latencies), TimeUnit.SECONDS.toNanos(seconds));
        return new Step(clients, latencies.size(), shed.get(), errors.get(), stats.p50Millis(), stats.p99Millis(), stats.throughputPerSecond(), heap.get() >> 20);
    }

    private static boolean recovered(HttpClient http, String base, List<String> mix) {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String r : mix) {
            String[] request = r.split(" ", 2);
            int status = send(http, base + request[1], request[0]);
            if (status != 200 && status != 303 && status != 304) return false;
        }
        return true;
    }

    /** Sends one request and reads the whole answer; its status, or -1 if none came. */
    static int send(HttpClient http, String url, String accept) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Accept", accept);
            if (url.contains("/dumps/")) b.header("If-None-Match", "\"g" + DUMP_GENERATION.get() + "-nq\"");
            return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static final AtomicLong DUMP_GENERATION = new AtomicLong();

    /** The kinds of request, as "accept path"; repeated kinds are more frequent. */
    static List<String> mix(App app) {
        DUMP_GENERATION.set(app.writes().generation());
        List<String> mix = new ArrayList<>();
        List<String> queries = SearchBench.queries();
        String[] langs = { "it", "de", "en", "sv" };
        for (int i = 0; i < queries.size(); i++) {
            mix.add("application/json /api/search?lang=" + langs[i % 4] + "&q=" + Runs.encode(queries.get(i)));
            if (i % 2 == 0) mix.add("text/html /?lang=" + langs[i % 4] + "&q=" + Runs.encode(queries.get(i)));
        }
        List<String> records = app.store().read(dsg -> {
            List<String> out = new ArrayList<>();
            new RecordReader(dsg).forEachSearchable(id -> { if (out.size() < 200) out.add(id.type().segment() + "/" + id.slug()); });
            return out;
        });
        for (int i = 0; i < Math.min(20, records.size()); i++) {
            String r = records.get(i * records.size() / Math.min(20, records.size()));
            mix.add("application/json /api/records/" + r.substring(r.indexOf('/') + 1));
            mix.add((i % 2 == 0 ? "text/turtle" : "text/html") + " /doc/id/" + r);
        }
        for (ExampleQueries.Example e : ExampleQueries.all())
            if (e.id().equals("themes-across-languages") || e.id().equals("latest-changes") || e.id().equals("text-search"))
                mix.add("application/sparql-results+json /sparql?query=" + Runs.encode(e.text()));
        mix.add("application/gzip /dumps/hikb.nq.gz");
        mix.add("text/turtle /catalog");
        mix.add("text/turtle /feed/0");
        return mix;
    }
}
