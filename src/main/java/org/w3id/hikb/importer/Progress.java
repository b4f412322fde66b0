package org.w3id.hikb.importer;

import java.io.PrintStream;
import java.time.Duration;

/**
 * How far an import has got: on a terminal, one line redrawn in place with a bar, the rate and the time
 * left; in a log (no terminal), a line every ten per cent.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean terminal;
    private final String name;
    private final long total;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastTenth = -1;

    private Progress(PrintStream out, boolean terminal, String name, long total) {
        this.out = out;
        this.terminal = terminal;
        this.name = name;
        this.total = total;
    }

    public static Progress to(PrintStream out, String name, long totalBytes) {
        return new Progress(out, System.console() != null, name, totalBytes);
    }

    public static Progress silent() {
        return new Progress(null, false, "", 1);
    }

    void update(long records, long bytes) {
        if (out == null) return;
        long now = System.nanoTime();
        double fraction = total <= 0 ? 0 : Math.min(1.0, (double) bytes / total);
        if (terminal) {
            if (now - lastDraw < 200_000_000L) return;
            lastDraw = now;
            out.print("\r" + line(records, fraction, now));
        } else {
            int tenth = (int) (fraction * 10);
            if (tenth == lastTenth) return;
            lastTenth = tenth;
            out.println(line(records, fraction, now));
        }
        out.flush();
    }

    void done(long records) {
        if (out == null) return;
        String line = line(records, 1.0, System.nanoTime());
        out.println(terminal ? "\r" + line : line);
    }

    private String line(long records, double fraction, long now) {
        double seconds = Math.max(0.001, (now - started) / 1e9);
        long rate = Math.round(records / seconds);
        int width = 24;
        int filled = (int) Math.round(fraction * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" : "") + " ".repeat(Math.max(0, width - filled - 1));
        String eta = fraction <= 0.001 ? "--:--" : clock(Duration.ofMillis((long) (seconds * (1 - fraction) / fraction * 1000)));
        return String.format("%-22s [%s] %3d%%  %,9d records  %,7d rec/s  ETA %s", name, bar, Math.round(fraction * 100), records, rate, eta);
    }

    private static String clock(Duration d) {
        return String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
