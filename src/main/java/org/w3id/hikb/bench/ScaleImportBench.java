package org.w3id.hikb.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.w3id.hikb.App;
import org.w3id.hikb.recordjson.RecordLines;
import org.w3id.hikb.store.GraphNames;

/**
 * The import benchmark at scale: {@code N} synthetic records (variants of the real ones: new slugs, titles
 * marked "(synthetic k)", tagged with the keyword "synthetic variant") put through the write path as a bulk
 * record import (JSON lines, 2,000 per transaction: shapes, change log, history, search index) on top of a copy
 * of the real store; then the same statements loaded by Jena's TDB2 bulk loader into a fresh store.
 */
final class ScaleImportBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleImportBench() {}

    static void run(Path work, long records, PrintStream out) {
        Path real = work.resolve("real");
        Path target = work.resolve("i" + records);
        Path lines = work.resolve("synthetic-" + records + ".jsonl");
        Workspace.copy(real, Workspace.fresh(target));
        long generated = generate(real, lines, records);
        HeapWatch.reset();
        RecordLines.Report report;
        long importNanos;
        long quads;
        Path nquads = work.resolve("synthetic-" + records + ".nq");
        try (App app = Workspace.open(target)) {
            app.index(); // opened before the clock starts
            long t0 = System.nanoTime();
            try (BufferedReader in = Files.newBufferedReader(lines, StandardCharsets.UTF_8)) {
                report = RecordLines.importLines(app.writes(), in, "bench", null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            importNanos = System.nanoTime() - t0;
            quads = export(app, nquads);
        }
        long importBytes = Workspace.size(target.resolve("store"));
        long heap = HeapWatch.peakMiB();
        Path baseline = work.resolve("tdb2-loader-" + records);
        long loaderNanos = Workspace.bulkLoad(baseline, nquads);
        long loaderBytes = Workspace.size(baseline);
        out.println(String.format("Scale import of %,d synthetic records (%s) on top of the real store:", generated, report.summary()));
        out.println("| step | records | quads | seconds | records/s | quads/s | peak heap (MiB) | store on disk (MiB) |\n| --- | --- | --- | --- | --- | --- | --- | --- |");
        out.println(String.format("| HIKB bulk record import (validate, log, history, index) | %,d | %,d | %.1f | %,.0f | %,.0f | %,d | %,d |",
                report.imported(), quads, importNanos / 1e9, report.imported() / (importNanos / 1e9), quads / (importNanos / 1e9), heap, importBytes >> 20));
        out.println(String.format("| Jena TDB2 bulk loader, same quads, fresh store | %,d | %,d | %.1f | %,.0f | %,.0f | | %,d |",
                report.imported(), quads, loaderNanos / 1e9, report.imported() / (loaderNanos / 1e9), quads / (loaderNanos / 1e9), loaderBytes >> 20));
        out.println(String.format("Ratio HIKB import / TDB2 bulk loader: %.1f", (double) importNanos / loaderNanos));
    }

    /** Writes {@code n} variants of the real store's records as JSON lines; returns how many. */
    private static long generate(Path real, Path file, long n) {
        Path realLines = real.resolveSibling("real-records.jsonl");
        if (!Files.exists(realLines)) {
            try (App app = Workspace.open(real); BufferedWriter w = Files.newBufferedWriter(realLines, StandardCharsets.UTF_8)) {
                RecordLines.export(app.store(), w, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long written = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int round = 1; written < n; round++) {
                try (BufferedReader in = Files.newBufferedReader(realLines, StandardCharsets.UTF_8)) {
                    for (String line; (line = in.readLine()) != null && written < n; ) {
                        ObjectNode r = (ObjectNode) JSON.readTree(line);
                        if (!List.of("project", "programme", "event", "brief", "hub", "network", "partnership").contains(r.path("type").asText())) continue;
                        w.write(variant(r, round).toString());
                        w.write('\n');
                        written++;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static ObjectNode variant(ObjectNode r, int round) {
        String slug = r.path("slug").asText();
        String suffix = "-synthetic-" + round;
        r.put("slug", (slug.length() + suffix.length() > 120 ? slug.substring(0, 120 - suffix.length()).replaceAll("-+$", "") : slug) + suffix);
        for (String f : List.of("id", "display", "etag", "modified")) r.remove(f);
        JsonNode title = r.path("title");
        if (title.isObject()) title.fieldNames().forEachRemaining(l -> ((ObjectNode) title).put(l, title.path(l).asText() + " (synthetic " + round + ")"));
        ((ObjectNode) r.withObject("/keywords")).putArray("en").add("synthetic variant");
        for (String parts : List.of("funding", "workPackages", "pilots", "outcomes"))
            r.path(parts).forEach(p -> ((ObjectNode) p).remove("id"));
        return r;
    }

    private static long export(App app, Path file) {
        try (OutputStream os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(os, Lang.NQUADS);
            long[] n = { 0 };
            writer.start();
            app.store().read(dsg -> {
                dsg.find(GraphNames.CURATION, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> { writer.quad(q); n[0]++; });
                return null;
            });
            writer.finish();
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
