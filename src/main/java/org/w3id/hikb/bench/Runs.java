package org.w3id.hikb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Running a mix of requests, one client or several at once, and timing each. */
final class Runs {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Runs() {}

    /** Each item of the mix, {@code rounds} times, one after the other. */
    static <T> Stats serial(List<T> mix, int rounds, Consumer<T> run) {
        List<Long> lat = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++)
            for (T item : mix) {
                long t = System.nanoTime();
                run.accept(item);
                lat.add(System.nanoTime() - t);
            }
        return Stats.of(lat, System.nanoTime() - t0);
    }

    /** The same, by {@code clients} clients at once. */
    static <T> Stats parallel(List<T> mix, int rounds, Consumer<T> run, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Long> lat = Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++)
            done.add(pool.submit(() -> {
                for (int r = 0; r < rounds; r++)
                    for (T item : mix) {
                        long t = System.nanoTime();
                        run.accept(item);
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

    /** GETs a URL, reading the whole body; anything but 200 ends the benchmark. Returns the body's length. */
    static int get(String url, String accept) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).GET();
            if (accept != null) b.header("Accept", accept);
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException(r.statusCode() + " " + r.body());
            return r.body().length();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
