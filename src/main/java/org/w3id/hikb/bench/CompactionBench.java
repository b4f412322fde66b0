package org.w3id.hikb.bench;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.http.HttpClient;
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
import org.w3id.hikb.recordjson.RecordLines;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.ops.Compactions;

/**
 * What a compaction costs the others: readers replaying the load benchmark's request mix over HTTP (without the
 * dump), one client downloading the whole dump again and again (a slow reader that spans each compaction), and
 * one writer putting a record through the write path every 100 ms; first, after a warm-up, for a while with no
 * compaction, then for as long again with compactions back to back. Per phase: read and write latency (p50,
 * p99), requests shed and failed, dumps downloaded, and the ratio of the two phases' p99s, in the same run.
 */
final class CompactionBench {
    private CompactionBench() {}

    record Phase(String name, Stats reads, Stats writes, long shed, long errors, int compactions, long dumps) {
        String row() {
            return String.format("| %s | %d | %.1f | %.1f | %d | %.1f | %.1f | %d | %d | %d | %d |", name, reads.count(), reads.p50Millis(), reads.p99Millis(),
                    writes.count(), writes.p50Millis(), writes.p99Millis(), shed, errors, dumps, compactions);
        }
    }

    static List<Phase> run(App app, WebServer server, int readers, int seconds, PrintStream out) {
        String base = "http://localhost:" + server.port();
        List<String> mix = new ArrayList<>(LoadBench.mix(app));
        mix.removeIf(r -> r.contains("/dumps/"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        out.printf("Compaction under load: %d readers over HTTP, 1 writer (a record every 100 ms through the write path), %d s per phase; store %,d MiB.%n",
                readers, seconds, app.store().bytesOnDisk() >> 20);
        out.println("| phase | reads | read p50 (ms) | read p99 (ms) | writes | write p50 (ms) | write p99 (ms) | shed | errors | dumps | compactions |");
        out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        List<Phase> phases = new ArrayList<>();
        AtomicLong slug = new AtomicLong();
        phase(app, http, base, mix, readers, Math.min(seconds, 15), false, slug);  // warm-up, not reported
        for (boolean compacting : new boolean[] { false, true }) {
            Phase p = phase(app, http, base, mix, readers, seconds, compacting, slug);
            phases.add(p);
            out.println(p.row());
        }
        Phase quiet = phases.get(0), busy = phases.get(1);
        out.printf("While compacting, read p99 is %.2f times and write p99 %.2f times what they are without.%n",
                busy.reads().p99Millis() / quiet.reads().p99Millis(), busy.writes().p99Millis() / quiet.writes().p99Millis());
        return phases;
    }

    private static Phase phase(App app, HttpClient http, String base, List<String> mix, int readers, int seconds, boolean compacting, AtomicLong slug) {
        List<Long> reads = Collections.synchronizedList(new ArrayList<>()), writes = Collections.synchronizedList(new ArrayList<>());
        AtomicLong shed = new AtomicLong(), errors = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(readers + 2);
        AtomicLong dumps = new AtomicLong();
        pool.submit(() -> {
            while (System.nanoTime() < end)
                if (LoadBench.send(http, base + "/dumps/hikb.nq.gz", "application/gzip") == 200) dumps.incrementAndGet();
        });
        for (int c = 0; c < readers; c++) {
            Random random = new Random(c);
            pool.submit(() -> {
                while (System.nanoTime() < end) {
                    String[] request = mix.get(random.nextInt(mix.size())).split(" ", 2);
                    long t = System.nanoTime();
                    int status = LoadBench.send(http, base + request[1], request[0]);
                    if (status == 200 || status == 303 || status == 304) reads.add(System.nanoTime() - t);
                    else if (status == 503 || status == 429) shed.incrementAndGet();
                    else errors.incrementAndGet();
                }
            });
        }
        pool.submit(() -> {
            while (System.nanoTime() < end) {
                String s = "compaction-bench-" + slug.incrementAndGet();
                String line = "{\"type\": \"project\", \"slug\": \"" + s + "\", \"title\": {\"en\": \"Written while " + (compacting ? "compacting" : "quiet")
                        + "\"}, \"language\": [\"en\"], \"sources\": [{\"id\": \"https://w3id.org/hikb/id/source/seed-004-improve\"}]}";
                long t = System.nanoTime();
                try {
                    RecordLines.Report r = RecordLines.importLines(app.writes(), new BufferedReader(new StringReader(line)), "bench", null);
                    if (r.imported() == 1) writes.add(System.nanoTime() - t);
                    else errors.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
                try { Thread.sleep(100); } catch (InterruptedException e) { return; }
            }
        });
        int compactions = 0;
        while (compacting && System.nanoTime() < end) {
            Compactions.Job job = app.compactions().request("bench");
            while (!app.compactions().job(job.id()).over()) sleepQuietly(50);
            compactions++;
        }
        pool.shutdown();
        try {
            pool.awaitTermination(seconds + 300L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long nanos = TimeUnit.SECONDS.toNanos(seconds);
        return new Phase(compacting ? "compactions back to back" : "no compaction", Stats.of(new ArrayList<>(reads), nanos),
                Stats.of(new ArrayList<>(writes), nanos), shed.get(), errors.get(), compactions, dumps.get());
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
