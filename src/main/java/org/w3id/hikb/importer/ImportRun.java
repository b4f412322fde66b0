package org.w3id.hikb.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.PROV;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * One import of one source, streamed: rows are read one at a time, mapped to records, tagged with themes,
 * and written through the write path in batches (each batch one transaction, validated, logged and indexed
 * like any other write). Re-running it is an upsert by source identifier; records the source no longer
 * contains are marked; a row that cannot be read is reported with its position and skipped.
 */
public final class ImportRun {
    public static final String VERSION = "0.1.0";
    static final int BATCH = 1000;

    /** A row left out, where it was and why. */
    public record Skip(String where, String reason) {}

    /** What an import did. */
    public record Report(String source, long read, long imported, List<Skip> skipped, long dropped, boolean complete, Duration took) {
        public String summary() {
            return String.format("%s: read %,d rows, imported %,d records, skipped %,d row(s), marked %,d record(s) dropped from the source, in %.1f s%s",
                    source, read, imported, skipped.size(), dropped, took.toMillis() / 1000.0, complete ? "" : " (stopped early: the file is broken)");
        }
    }

    private final KnowledgeStore store;
    private final WritePath writes;
    private final Mapping mapping;
    private final Path from;
    private final Path file;
    private final Progress progress;
    private final Node graph;
    private final Node source;
    private final List<Skip> skipped = new ArrayList<>();
    private final Set<Node> seen = new HashSet<>();
    private final Map<Node, String> rowOf = new HashMap<>();
    private final Map<Node, Graph> replace = new LinkedHashMap<>();
    private final Map<Node, Graph> merge = new LinkedHashMap<>();
    private long imported;

    private ImportRun(KnowledgeStore store, WritePath writes, Mapping mapping, Path from, Progress progress) {
        this.store = store;
        this.writes = writes;
        this.mapping = mapping;
        this.from = from;
        this.file = from.resolve(mapping.source().file());
        this.progress = progress;
        this.graph = GraphNames.graph("import/" + mapping.source().id());
        this.source = new RecordId(RecordType.SOURCE, mapping.source().id()).node();
    }

    public static Report run(KnowledgeStore store, WritePath writes, Mapping mapping, Path from, Progress progress) {
        return new ImportRun(store, writes, mapping, from, progress).run();
    }

    /** Where a source's records live. */
    public static Node graphOf(String sourceId) {
        return GraphNames.graph("import/" + sourceId);
    }

    private Report run() {
        if (!Files.isRegularFile(file))
            throw new StoreException("No such file: " + file + " (the mapping's source.file, relative to the import directory).");
        Instant started = Instant.now();
        RecordMaker maker = new RecordMaker(mapping, source, property -> store.read(dsg ->
                dsg.find(Node.ANY, property, Terms.RDFS_LABEL, Node.ANY).hasNext()));
        writes.commit(new Change.ReplaceSubjects(graph, provenance(started, null, null)), "importer");
        ThemeClassifier classifier = store.read(ThemeClassifier::fromStore);
        List<Joined> joined = new ArrayList<>();
        for (Mapping.Join j : mapping.joinsOrEmpty()) joined.add(Joined.read(from.resolve(j.file()), j, mapping));
        long read = 0;
        boolean complete = true;
        try (CountingStream in = new CountingStream(Files.newInputStream(file));
             RowReader rows = RowReader.open(in, mapping)) {
            while (rows.hasNext()) {
                Row row = rows.next();
                read++;
                for (Joined j : joined) row = row.with(j.columnsFor(row));
                try {
                    add(row, maker.make(row), classifier);
                } catch (Values.BadValue e) {
                    skipped.add(new Skip(row.where(), e.getMessage()));
                }
                if (replace.size() + merge.size() >= BATCH) flush();
                progress.update(read, in.count);
            }
        } catch (RowReader.Broken e) {
            skipped.add(new Skip("file", e.getMessage()));
            complete = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush();
        progress.done(read);
        long dropped = 0;
        if (complete) {
            Commit c = writes.commit(new Change.MarkDropped(graph, seen, LocalDate.now(ZoneOffset.UTC)), "importer");
            dropped = c.affected().size();
        }
        Report report = new Report(mapping.source().id(), read, imported, List.copyOf(skipped), dropped, complete,
                Duration.between(started, Instant.now()));
        writes.commit(new Change.ReplaceSubjects(graph, provenance(started, Instant.now(), report)), "importer");
        return report;
    }

    /** The columns of a join, by key, read once into memory (join files are lookup tables). */
    private record Joined(Mapping.Join join, Map<String, Map<String, List<String>>> byKey) {
        static Joined read(Path path, Mapping.Join join, Mapping mapping) {
            if (!Files.isRegularFile(path)) throw new StoreException("No such file to join: " + path);
            Mapping csv = new Mapping(mapping.source(), "csv", mapping.encoding(), ",", null, mapping.records(), null);
            Map<String, Map<String, List<String>>> byKey = new HashMap<>();
            try (RowReader rows = RowReader.open(Files.newInputStream(path), csv)) {
                while (rows.hasNext()) {
                    Row r = rows.next();
                    Map<String, List<String>> cols = byKey.computeIfAbsent(r.get(join.key()), k -> new LinkedHashMap<>());
                    for (String c : join.columns()) {
                        String v = r.get(c);
                        if (!v.isEmpty()) cols.computeIfAbsent(c, k -> new ArrayList<>()).add(v);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Joined(join, byKey);
        }

        Map<String, String> columnsFor(Row row) {
            Map<String, List<String>> cols = byKey.getOrDefault(row.get(join.on()), Map.of());
            Map<String, String> out = new LinkedHashMap<>();
            cols.forEach((c, values) -> out.put(c, String.join("; ", values)));
            return out;
        }
    }

    private void add(Row row, RecordMaker.Made made, ThemeClassifier classifier) {
        boolean first = true;
        for (RecordMaker.Made.One r : made.records()) {
            Node node = r.id().node();
            Graph g = r.graph();
            if (first) {
                classify(row, node, g, classifier);
                first = false;
            }
            rowOf.putIfAbsent(node, row.where());
            if (seen.add(node)) {
                replace.put(node, g);
            } else {
                Graph into = replace.containsKey(node) ? replace.get(node) : merge.computeIfAbsent(node, k -> GraphFactory.createDefaultGraph());
                g.find().forEachRemaining(into::add);
            }
        }
    }

    private void classify(Row row, Node node, Graph g, ThemeClassifier classifier) {
        boolean health = false;
        for (Mapping.Rule rule : mapping.classifyOrEmpty())
            if (row.satisfies(rule.when())) {
                Node theme = NodeFactory.createURI(Namespaces.CONCEPT + "theme/" + rule.theme());
                g.add(Triple.create(node, HIKB.derivedTheme, theme));
                health |= theme.equals(ThemeClassifier.HEALTH);
            }
        for (Node theme : classifier.themes(g, node, health, mapping.source().language()))
            g.add(Triple.create(node, HIKB.derivedTheme, theme));
    }

    /** Writes the batch; records the shapes refuse are taken out, reported with their row, and the rest written. */
    private void flush() {
        for (int attempt = 0; !replace.isEmpty() || !merge.isEmpty(); attempt++) {
            try {
                writes.commit(new Change.UpsertRecords(graph, Map.copyOf(replace), Map.copyOf(merge)), "importer");
                imported += replace.size();
                replace.clear();
                merge.clear();
                return;
            } catch (InvalidDataException e) {
                int removed = 0;
                for (Violation v : e.violations()) {
                    Node record = v.record() == null ? null : NodeFactory.createURI(v.record());
                    if (record != null && (replace.remove(record) != null | merge.remove(record) != null)) {
                        skipped.add(new Skip(rowOf.getOrDefault(record, "?"), "violates the shapes: " + v.describe()));
                        removed++;
                    }
                }
                if (removed == 0 || attempt > 20) throw e;
            }
        }
    }

    /** The source as a dataset: where it comes from, its licence, when it was read, and by which importer. */
    private Graph provenance(Instant started, Instant ended, Report report) {
        Mapping.Source s = mapping.source();
        Graph g = GraphFactory.createDefaultGraph();
        Node dataset = NodeFactory.createURI("http://www.w3.org/ns/dcat#Dataset");
        g.add(Triple.create(source, Terms.TYPE, HIKB.SourceDocument));
        g.add(Triple.create(source, Terms.TYPE, dataset));
        g.add(Triple.create(source, Terms.TITLE, NodeFactory.createLiteralLang(s.title() == null ? s.id() : s.title(), "en")));
        if (s.description() != null) g.add(Triple.create(source, Terms.DESCRIPTION, NodeFactory.createLiteralLang(s.description(), "en")));
        if (s.publisher() != null) g.add(Triple.create(source, uri(Namespaces.DCT + "publisher"), NodeFactory.createLiteralString(s.publisher())));
        if (s.licence() != null) g.add(Triple.create(source, uri(Namespaces.DCT + "license"), uri(s.licence())));
        if (s.page() != null) g.add(Triple.create(source, Terms.PAGE, uri(s.page())));
        if (s.rehostedBy() != null) g.add(Triple.create(source, uri("http://www.w3.org/2000/01/rdf-schema#comment"),
                NodeFactory.createLiteralLang("Re-hosted by " + s.rehostedBy() + ".", "en")));
        if (s.language() != null) g.add(Triple.create(source, Terms.LANGUAGE, uri(Namespaces.LANGUAGE + Values.languageCode(s.language()))));
        g.add(Triple.create(source, HIKB.sourceFile, NodeFactory.createLiteralString(s.file())));
        try {
            String retrieved = Files.getLastModifiedTime(file).toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString();
            g.add(Triple.create(source, Terms.MODIFIED, NodeFactory.createLiteralDT(retrieved, XSDDatatype.XSDdate)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Node run = NodeFactory.createURI(source.getURI() + "#import");
        g.add(Triple.create(source, uri(PROV.NS + "wasGeneratedBy"), run));
        g.add(Triple.create(run, Terms.TYPE, PROV.Activity));
        g.add(Triple.create(run, uri(PROV.NS + "startedAtTime"), NodeFactory.createLiteralDT(started.toString(), XSDDatatype.XSDdateTime)));
        if (ended != null) g.add(Triple.create(run, PROV.endedAtTime, NodeFactory.createLiteralDT(ended.toString(), XSDDatatype.XSDdateTime)));
        g.add(Triple.create(run, PROV.wasAssociatedWith, uri(Namespaces.BASE + "agent/importer/" + VERSION)));
        if (report != null) g.add(Triple.create(run, uri("http://www.w3.org/2000/01/rdf-schema#comment"), NodeFactory.createLiteralLang(report.summary(), "en")));
        return g;
    }

    private static Node uri(String u) { return NodeFactory.createURI(u); }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        long count;

        CountingStream(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
