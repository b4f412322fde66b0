package org.w3id.hikb.bench;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The replication benchmark, on a running replicated set (scripts/scale-out.sh): how far behind the writer the
 * replicas are at a steady write rate (the time from the writer's answer to a replica's {@code /health} naming
 * the write's generation; 0 when the replica had it first), and how fast a replica applies a burst of commits
 * against how fast the writer makes them. Reads: search throughput at an address (a node, or HAProxy).
 */
final class ReplicationBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern GENERATION = Pattern.compile("\"generation\":(\\d+)");
    private static final String[] WORDS = { "health", "care", "telemedicine", "ageing", "cancer", "diabetes", "rural", "innovation",
            "salute", "Pflege", "vård", "dementia" };

    private ReplicationBench() {}

    /**
     * @param held the process id of the last replica (on this machine), held with SIGSTOP during the burst and let go
     *             after it, so that its apply rate is measured on a backlog rather than at the writer's pace; or null
     */
    static void lag(String writer, List<String> replicas, String token, int rate, int seconds, int burst, Long held, PrintStream out) throws Exception {
        List<Map<Long, Long>> seen = new ArrayList<>();
        AtomicBoolean polling = new AtomicBoolean(true);
        List<Thread> pollers = new ArrayList<>();
        for (String r : replicas) {
            Map<Long, Long> at = new ConcurrentHashMap<>();
            seen.add(at);
            Thread t = new Thread(() -> poll(r, at, polling), "poll " + r);
            t.setDaemon(true);
            t.start();
            pollers.add(t);
        }
        out.printf("Writer %s, %d replica(s); one write = a SPARQL Update of one triple.%n%n", writer, replicas.size());

        // Steady rate: a write every 1/rate s for `seconds`, each from its own thread, so a slow answer does not slow the rate.
        Map<Long, Long> acked = new ConcurrentHashMap<>();
        List<Long> writeNanos = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.ScheduledExecutorService clock = java.util.concurrent.Executors.newScheduledThreadPool(16);
        long period = 1_000_000_000L / rate;
        List<java.util.concurrent.ScheduledFuture<?>> planned = new ArrayList<>();
        long steadyStart = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            int n = i;
            planned.add(clock.schedule(() -> {
                long t0 = System.nanoTime();
                long g = write(writer, token, "steady " + n + " " + t0);
                long t1 = System.nanoTime();
                acked.put(g, t1);
                writeNanos.add(t1 - t0);
                return null;
            }, i * period, java.util.concurrent.TimeUnit.NANOSECONDS));
        }
        for (var f : planned) f.get();
        double achieved = acked.size() / ((System.nanoTime() - steadyStart) / 1e9);
        clock.shutdown();
        long last = Collections.max(acked.keySet());
        awaitAll(seen, last);
        out.printf("| %d writes/s asked for %d s (%.1f/s done) | writes | p50 (ms) | p99 (ms) |%n", rate, seconds, achieved);
        out.println("| --- | --- | --- | --- |");
        Stats w = Stats.of(writeNanos, 1);
        out.printf("| the write, at the writer (baseline) | %d | %.1f | %.1f |%n", w.count(), w.p50Millis(), w.p99Millis());
        for (int r = 0; r < replicas.size(); r++) {
            List<Long> lags = new ArrayList<>();
            for (Map.Entry<Long, Long> e : acked.entrySet()) {
                Long s = seen.get(r).get(e.getKey());
                if (s != null) lags.add(Math.max(0, s - e.getValue()));
            }
            Stats l = Stats.of(lags, 1);
            out.printf("| replication lag, replica %d | %d | %.1f | %.1f |%n", r + 1, l.count(), l.p50Millis(), l.p99Millis());
        }

        // A burst: writes one after the other, as fast as one client makes them.
        if (held != null) signal("STOP", held);
        long first = -1, b0 = System.nanoTime();
        for (int i = 0; i < burst; i++) {
            long g = write(writer, token, "burst " + i + " " + System.nanoTime());
            if (first < 0) first = g;
            last = g;
        }
        double commitRate = (burst - 1) / ((System.nanoTime() - b0) / 1e9);
        long released = System.nanoTime();
        if (held != null) signal("CONT", held);
        awaitAll(seen, last);
        out.println();
        out.println("| a burst of " + burst + " writes | commits or patches per second | ratio to the writer |");
        out.println("| --- | --- | --- |");
        out.printf("| the writer commits (baseline) | %.1f | 1.00 |%n", commitRate);
        for (int r = 0; r < replicas.size(); r++) {
            Map<Long, Long> at = seen.get(r);
            boolean backlog = held != null && r == replicas.size() - 1;
            // A held replica applies the whole burst after it is let go; the others follow the writer as it commits.
            double applyRate = backlog ? (last - first + 1) / ((at.get(last) - released) / 1e9)
                    : (last - first) / ((at.get(last) - at.get(first)) / 1e9);
            out.printf("| replica %d applies%s | %.1f | %.2f |%n", r + 1, backlog ? " the burst as a backlog (held during it)" : " as the writer commits",
                    applyRate, applyRate / commitRate);
        }
        polling.set(false);
        for (Thread t : pollers) t.join(2000);
    }

    static void reads(String base, String label, int clients, int seconds, boolean header, PrintStream out) throws Exception {
        reading(base, clients, Math.max(5, seconds / 2)); // warm-up (the nodes' JIT and caches), not counted
        long started = System.nanoTime();
        Reading r = reading(base, clients, seconds);
        Stats s = Stats.of(r.nanos(), System.nanoTime() - started);
        if (header) out.println(Stats.header());
        out.println(s.row(label + " (" + clients + " clients" + (r.failures() > 0 ? ", " + r.failures() + " failed" : "") + ")"));
    }

    private record Reading(List<Long> nanos, int failures) {}

    /** {@code clients} readers searching at {@code base} for {@code seconds}: each answer's time, and the failures. */
    private static Reading reading(String base, int clients, int seconds) throws InterruptedException {
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c;
            Thread t = new Thread(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    String q = java.net.URLEncoder.encode(WORDS[i % WORDS.length], java.nio.charset.StandardCharsets.UTF_8);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/search?q=" + q))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() == 200) nanos.add(System.nanoTime() - t0);
                        else failures.incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) t.join();
        return new Reading(nanos, failures.get());
    }

    private static void signal(String signal, long pid) throws Exception {
        Process p = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (p.waitFor() != 0) throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
    }

    private static long write(String writer, String token, String text) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(writer + "/sparql/update"))
                .header("Content-Type", "application/sparql-update").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <https://w3id.org/hikb/graph/updates> { "
                        + "<https://w3id.org/hikb/id/source/seed-004-improve> <http://purl.org/dc/terms/alternative> \"bench " + text + "\" } }"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("The write was answered " + r.statusCode() + ": " + r.body());
        return generation(r.body());
    }

    private static void poll(String replica, Map<Long, Long> at, AtomicBoolean polling) {
        long known = -1;
        while (polling.get()) {
            try {
                long g = generation(HTTP.send(HttpRequest.newBuilder(URI.create(replica + "/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                long now = System.nanoTime();
                for (long k = Math.max(known + 1, g - 10_000); k <= g; k++) at.putIfAbsent(k, now);
                known = Math.max(known, g);
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // a replica restarting: keep asking
            }
        }
    }

    private static void awaitAll(List<Map<Long, Long>> seen, long generation) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (Map<Long, Long> at : seen)
            while (!at.containsKey(generation)) {
                if (System.nanoTime() > deadline) throw new IllegalStateException("A replica did not reach generation " + generation + " within 120 s.");
                Thread.sleep(5);
            }
    }

    private static long generation(String json) {
        Matcher m = GENERATION.matcher(json);
        if (!m.find()) throw new IllegalStateException("No generation in " + json);
        return Long.parseLong(m.group(1));
    }
}
