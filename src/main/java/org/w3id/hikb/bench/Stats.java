package org.w3id.hikb.bench;

import java.util.Arrays;
import java.util.List;

/** Latencies of repeated runs, summarised as a benchmark reports them: medians and tails, never means alone. */
record Stats(int count, double p50Millis, double p99Millis, double throughputPerSecond) {

    static Stats of(List<Long> nanos, long wallNanos) {
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return new Stats(sorted.length, percentile(sorted, 0.50) / 1e6, percentile(sorted, 0.99) / 1e6,
                sorted.length / (wallNanos / 1e9));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    String row(String name) {
        return String.format("| %-38s | %8d | %10.2f | %10.2f | %10.1f |", name, count, p50Millis, p99Millis, throughputPerSecond);
    }

    static String header() {
        return "| path | requests | p50 (ms) | p99 (ms) | per second |\n| --- | --- | --- | --- | --- |";
    }
}
