package org.w3id.hikb.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.w3id.hikb.App;
import org.w3id.hikb.importer.ImportRun;
import org.w3id.hikb.importer.Mapping;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The import benchmark: every bundled mapping imported from the real files into a fresh store (validated,
 * classified, logged and indexed as in production), then the same statements, written as N-Quads, loaded by
 * Jena's own TDB2 bulk loader into another fresh store. Also the time to rebuild the search index alone.
 */
final class ImportBench {
    private ImportBench() {}

    /** Imports into {@code work/real} (kept: the other benchmarks start from it) and prints the figures. */
    static void run(Path fromDir, org.w3id.hikb.config.Config.Scope scope, Path work, PrintStream out) {
        Path real = Workspace.fresh(work.resolve("real"));
        HeapWatch.reset();
        long records = 0, quads;
        long importNanos;
        long indexNanos;
        Path nquads = work.resolve("real-imports.nq");
        try (App app = Workspace.open(real)) {
            app.loadBundle("bench");
            app.index(); // opened before the clock starts
            org.w3id.hikb.importer.SourceFiles from = org.w3id.hikb.importer.SourceFiles.in(fromDir == null ? app.bundle().sources() : fromDir);
            long t0 = System.nanoTime();
            for (Path m : app.bundle().importMappings()) {
                ImportRun.Report r = app.importSource(Mapping.read(m), from, scope, null);
                out.println("  " + r.summary());
                records += r.imported();
            }
            importNanos = System.nanoTime() - t0;
            long peak = HeapWatch.peakMiB();
            quads = export(app, nquads);
            long t1 = System.nanoTime();
            app.index().rebuild();
            indexNanos = System.nanoTime() - t1;
            out.println();
            out.println(String.format("| step | records | quads | seconds | records/s | quads/s | peak heap (MiB) |%n| --- | --- | --- | --- | --- | --- | --- |"));
            out.println(String.format("| HIKB import (validate, classify, log, index) | %,d | %,d | %.1f | %,.0f | %,.0f | %,d |",
                    records, quads, importNanos / 1e9, records / (importNanos / 1e9), quads / (importNanos / 1e9), peak));
            out.println(String.format("| HIKB search index rebuild, alone | %,d | | %.1f | %,.0f | | |",
                    app.index().indexedIds().size(), indexNanos / 1e9, app.index().indexedIds().size() / (indexNanos / 1e9)));
        }
        HeapWatch.reset();
        long loaderNanos = Workspace.bulkLoad(work.resolve("tdb2-loader"), nquads);
        out.println(String.format("| Jena TDB2 bulk loader, same quads as N-Quads | %,d | %,d | %.1f | %,.0f | %,.0f | %,d |",
                records, quads, loaderNanos / 1e9, records / (loaderNanos / 1e9), quads / (loaderNanos / 1e9), HeapWatch.peakMiB()));
        out.println();
        out.println(String.format("Ratio HIKB import / TDB2 bulk loader: %.1f", (double) importNanos / loaderNanos));
    }

    /** Writes the imported graphs as N-Quads; returns how many quads. */
    private static long export(App app, Path file) {
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF writer = StreamRDFWriter.getWriterStream(os, Lang.NQUADS);
            long[] n = { 0 };
            writer.start();
            app.store().read(dsg -> {
                dsg.listGraphNodes().forEachRemaining(g -> {
                    if (isImport(g)) dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> { writer.quad(q); n[0]++; });
                });
                return null;
            });
            writer.finish();
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isImport(Node g) {
        return g.isURI() && g.getURI().startsWith(Namespaces.GRAPH + "import/");
    }
}
