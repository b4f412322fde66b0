package org.w3id.hikb.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.w3id.hikb.App;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * Builds a benchmark store of a given size from the real imported records: the bundle, then the real records
 * as they are, then, if more are wanted, variants of them. A variant is a copy of a real record under a new
 * URI, with its title marked "(synthetic variant n)", in the graph {@code graph/synthetic}, citing the source
 * {@code id/source/synthetic}: synthetic data is never mistaken for real data and is never loaded by default.
 * The records are bulk-loaded (they come from a validated store) and the search index is then rebuilt.
 */
final class BenchStore {
    static final Node SYNTHETIC_GRAPH = GraphNames.graph("synthetic");
    static final Node SYNTHETIC_SOURCE = new RecordId(RecordType.SOURCE, "synthetic").node();

    private BenchStore() {}

    static void prepare(Path realStore, Path target, long records, PrintStream out) {
        Workspace.fresh(target);
        try (App app = Workspace.open(target)) {
            app.loadBundle("bench");
        }
        Path nquads = target.resolveSibling(target.getFileName() + ".nq");
        long written;
        try (App real = Workspace.open(realStore)) {
            written = real.store().read(dsg -> write(dsg, nquads, records));
        }
        long t0 = System.nanoTime();
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(target.resolve("store").toString());
        DataLoader loader = LoaderFactory.createLoader(dsg, (fmt, args) -> { });
        loader.startBulk();
        loader.load(List.of(nquads.toString()));
        loader.finishBulk();
        TDBInternal.expel(dsg);
        long loadNanos = System.nanoTime() - t0;
        try (App app = Workspace.open(target)) {
            HeapWatch.reset();
            long t1 = System.nanoTime();
            app.index().rebuild();
            long indexNanos = System.nanoTime() - t1;
            int indexed = app.index().indexedIds().size();
            out.println(String.format("Bench store %s: %,d searchable records (%,d quads bulk-loaded in %.1f s); search index built in %.1f s (%,.0f records/s, peak heap %,d MiB).",
                    target, indexed, written, loadNanos / 1e9, indexNanos / 1e9, indexed / (indexNanos / 1e9), HeapWatch.peakMiB()));
        }
        try {
            Files.deleteIfExists(nquads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the supporting records (programmes, sources, organisations), then records and variants up to the count. */
    private static long write(DatasetGraph dsg, Path file, long wanted) {
        List<Node> imports = new ArrayList<>();
        dsg.listGraphNodes().forEachRemaining(g -> { if (ImportBench.isImport(g)) imports.add(g); });
        long seeds = countSeeds(dsg);
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF w = StreamRDFWriter.getWriterStream(os, Lang.NQUADS);
            long[] n = { 0 };
            w.start();
            describeSyntheticSource(w);
            // What records link to: copied whole.
            for (Node g : imports)
                dsg.find(g, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> {
                    if (supporting(q.getSubject())) { w.quad(q); n[0]++; }
                });
            List<Node> originals = new ArrayList<>();
            for (Node g : imports)
                dsg.find(g, Node.ANY, Terms.TYPE, Node.ANY).forEachRemaining(q -> {
                    if (mainRecord(q.getSubject())) originals.add(q.getSubject());
                });
            long target = Math.max(0, wanted - seeds);
            for (long i = 0; i < target && !originals.isEmpty(); i++) {
                Node original = originals.get((int) (i % originals.size()));
                long variant = i / originals.size();
                copy(dsg, original, variant, w, n);
            }
            w.finish();
            return n[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long countSeeds(DatasetGraph dsg) {
        Set<Node> seen = new LinkedHashSet<>();
        dsg.find(Node.ANY, Node.ANY, Terms.TYPE, Node.ANY).forEachRemaining(q -> {
            if (q.getGraph().getURI().startsWith(Namespaces.GRAPH + "data/") && RecordId.of(q.getSubject()).map(id -> id.type().searchable()).orElse(false))
                seen.add(q.getSubject());
        });
        return seen.size();
    }

    private static boolean supporting(Node s) {
        return s.isURI() && (s.getURI().startsWith(Namespaces.ID + "programme/") || s.getURI().startsWith(Namespaces.ID + "source/")
                || s.getURI().startsWith(Namespaces.ID + "organisation/"));
    }

    private static boolean mainRecord(Node s) {
        return RecordId.of(s).map(id -> id.type() == RecordType.PROJECT || id.type() == RecordType.BRIEF).orElse(false);
    }

    /** The record (variant 0: as it is) or its n-th synthetic variant, with the parts it owns. */
    private static void copy(DatasetGraph dsg, Node original, long variant, StreamRDF w, long[] n) {
        RecordId id = RecordId.of(original).orElseThrow();
        String base = original.getURI();
        String fresh = variant == 0 ? base : new RecordId(id.type(), "syn" + variant + "-" + id.slug()).uri();
        Set<Node> subjects = new LinkedHashSet<>(List.of(original));
        dsg.find(Node.ANY, original, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(base + "#")) subjects.add(o);
        });
        for (Node s : subjects)
            dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!ImportBench.isImport(q.getGraph())) return;
                if (variant == 0) {
                    w.quad(q);
                } else {
                    Node p = q.getPredicate();
                    Node o = rename(q.getObject(), base, fresh);
                    if (p.equals(Terms.SOURCE)) o = SYNTHETIC_SOURCE;
                    if (p.equals(Terms.TITLE) && o.isLiteral())
                        o = NodeFactory.createLiteralLang(o.getLiteralLexicalForm() + " (synthetic variant " + variant + ")", o.getLiteralLanguage());
                    w.quad(Quad.create(SYNTHETIC_GRAPH, rename(s, base, fresh), p, o));
                }
                n[0]++;
            });
    }

    private static Node rename(Node n, String from, String to) {
        if (n.isURI() && (n.getURI().equals(from) || n.getURI().startsWith(from + "#")))
            return NodeFactory.createURI(to + n.getURI().substring(from.length()));
        return n;
    }

    private static void describeSyntheticSource(StreamRDF w) {
        Node g = SYNTHETIC_GRAPH;
        w.quad(Quad.create(g, SYNTHETIC_SOURCE, Terms.TYPE, NodeFactory.createURI("https://w3id.org/hikb/ontology#SourceDocument")));
        w.quad(Quad.create(g, SYNTHETIC_SOURCE, Terms.TITLE, NodeFactory.createLiteralLang(
                "Synthetic variants of real records, generated for benchmarks only", "en")));
        w.quad(Quad.create(g, SYNTHETIC_SOURCE, Terms.LANGUAGE, NodeFactory.createURI(Namespaces.LANGUAGE + "ENG")));
    }
}
