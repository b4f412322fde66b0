package org.w3id.hikb.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
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

    /**
     * What an import did. {@code outOfScope} counts the rows left out because their record is not about
     * health or care (an import of the health scope); {@code warning} says why a run that read rows imported
     * nothing, or is null.
     */
    public record Report(String source, long read, long imported, long outOfScope, List<Skip> skipped, long dropped, boolean complete,
                         Duration took, String warning) {
        public String summary() {
            return String.format("%s: read %,d rows, imported %,d records%s, skipped %,d row(s), marked %,d record(s) dropped from the source, in %.1f s%s%s",
                    source, read, imported, outOfScope == 0 ? "" : String.format(" (%,d rows not about health or care left out)", outOfScope),
                    skipped.size(), dropped, took.toMillis() / 1000.0, complete ? "" : " (stopped early: the file is broken)",
                    warning == null ? "" : "\nWARNING: " + warning);
        }
    }

    private final KnowledgeStore store;
    private final WritePath writes;
    private final Mapping mapping;
    private final SourceFiles from;
    private final boolean healthOnly;
    private final Progress progress;
    private final Node graph;
    private final Node source;
    private final List<Skip> skipped = new ArrayList<>();
    private final Set<Node> seen = new HashSet<>();
    private final Set<Node> leftOut = new HashSet<>();
    private final Map<Node, String> rowOf = new HashMap<>();
    private final Map<Node, Graph> replace = new LinkedHashMap<>();
    private final Map<Node, Graph> merge = new LinkedHashMap<>();
    /**
     * Records the shapes refused in an earlier batch: a later row of the same record may bring what it lacks
     * (a source that spreads a record over several rows), so they are kept until the end of the file.
     */
    private final Map<Node, Graph> deferred = new LinkedHashMap<>();
    private long imported;
    private long outOfScope;
    private List<String> header = List.of();

    private ImportRun(KnowledgeStore store, WritePath writes, Mapping mapping, SourceFiles from, boolean healthOnly, Progress progress) {
        this.store = store;
        this.writes = writes;
        this.mapping = mapping;
        this.from = from;
        this.healthOnly = healthOnly;
        this.progress = progress;
        this.graph = GraphNames.graph("import/" + mapping.source().id());
        this.source = new RecordId(RecordType.SOURCE, mapping.source().id()).node();
    }

    /**
     * Imports a source from the files in {@code from}; with {@code healthOnly}, only the rows whose record is
     * about health or care (by the source's own classification or the classifier).
     */
    public static Report run(KnowledgeStore store, WritePath writes, Mapping mapping, SourceFiles from, boolean healthOnly, Progress progress) {
        return new ImportRun(store, writes, mapping, from, healthOnly, progress).run();
    }

    /** Where a source's records live. */
    public static Node graphOf(String sourceId) {
        return GraphNames.graph("import/" + sourceId);
    }

    private Report run() {
        from.locate(mapping.source().file());
        Instant started = Instant.now();
        RecordMaker maker = new RecordMaker(mapping, source, property -> store.read(dsg ->
                dsg.find(Node.ANY, property, Terms.RDFS_LABEL, Node.ANY).hasNext()));
        writes.commitBatch(new Change.ReplaceSubjects(graph, provenance(started, null, null)), "importer");
        ThemeClassifier classifier = store.read(ThemeClassifier::fromStore);
        List<Joined> joined = new ArrayList<>();
        for (Mapping.Join j : mapping.joinsOrEmpty()) joined.add(Joined.read(from, j, mapping));
        long read = 0;
        boolean complete = true;
        long[] bytes = { 0 };
        try (InputStream in = from.open(mapping.source().file(), n -> bytes[0] = n);
             RowReader rows = RowReader.open(in, mapping)) {
            header = rows.header();
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
                progress.update(read, bytes[0]);
            }
        } catch (RowReader.Broken e) {
            skipped.add(new Skip("file", e.getMessage()));
            complete = false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush();
        flushDeferred();
        progress.done(read);
        long dropped = 0;
        if (complete) {
            Commit c = writes.commitBatch(new Change.MarkDropped(graph, seen, LocalDate.now(ZoneOffset.UTC)), "importer");
            dropped = c.affected().size();
        }
        Report report = new Report(mapping.source().id(), read, imported, outOfScope, List.copyOf(skipped), dropped, complete,
                Duration.between(started, Instant.now()), read > 0 && imported == 0 && outOfScope == 0 ? whyNothing(read) : null);
        writes.commitBatch(new Change.ReplaceSubjects(graph, provenance(started, Instant.now(), report)), "importer");
        // The batches only committed; the run ends once the search index has followed them all.
        writes.awaitFollowers(writes.generation(), java.time.Duration.ofMinutes(30));
        return report;
    }

    /** The columns of a join, by key, read once into memory (join files are lookup tables). */
    private record Joined(Mapping.Join join, Map<String, Map<String, List<String>>> byKey) {
        static Joined read(SourceFiles from, Mapping.Join join, Mapping mapping) {
            Mapping csv = new Mapping(mapping.source(), "csv", mapping.encoding(), ",", null, mapping.records(), null);
            Map<String, Map<String, List<String>>> byKey = new HashMap<>();
            try (RowReader rows = RowReader.open(from.open(join.file(), null), csv)) {
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
                boolean health = classify(row, node, g, classifier);
                first = false;
                if (healthOnly && (leftOut.contains(node) || !health && !seen.contains(node))) {
                    // Out of scope: left out with what it links to, and not marked as dropped from the source.
                    outOfScope++;
                    leftOut.add(node);
                    seen.add(node);
                    return;
                }
            }
            rowOf.putIfAbsent(node, row.where());
            if (deferred.containsKey(node)) {
                g.find().forEachRemaining(deferred.get(node)::add);
            } else if (seen.add(node)) {
                replace.put(node, g);
            } else {
                Graph into = replace.containsKey(node) ? replace.get(node) : merge.computeIfAbsent(node, k -> GraphFactory.createDefaultGraph());
                g.find().forEachRemaining(into::add);
            }
        }
    }

    /** Adds the record's derived themes; true when it is about health or care. */
    private boolean classify(Row row, Node node, Graph g, ThemeClassifier classifier) {
        Set<Node> themes = derivedThemes(mapping, row, node, g, classifier);
        for (Node theme : themes)
            g.add(Triple.create(node, HIKB.derivedTheme, theme));
        return themes.contains(ThemeClassifier.HEALTH);
    }

    /**
     * The themes a row's record gets: those of the mapping's rules that hold for the row (the source's own
     * classification: health, an SME scheme), and the classifier's; empty when the record
     * is not about health or care.
     */
    static Set<Node> derivedThemes(Mapping mapping, Row row, Node node, Graph g, ThemeClassifier classifier) {
        Set<Node> themes = new java.util.LinkedHashSet<>();
        for (Mapping.Rule rule : mapping.classifyOrEmpty())
            if (row.satisfies(rule.when())) themes.add(NodeFactory.createURI(Namespaces.CONCEPT + "theme/" + rule.theme()));
        Set<Node> classified = classifier.themes(g, node, themes.contains(ThemeClassifier.HEALTH), mapping.source().language());
        if (classified.isEmpty()) return Set.of();
        themes.addAll(classified);
        return themes;
    }

    /**
     * Writes the batch. A new record the shapes refuse is put aside until the end of the file (a later row may
     * complete it); a row that adds to a record already written and makes it invalid is reported and skipped.
     */
    private void flush() {
        write(false);
    }

    /** The records put aside, with every row of theirs now read: written if they are whole, else reported. */
    private void flushDeferred() {
        for (Map.Entry<Node, Graph> e : deferred.entrySet()) {
            replace.put(e.getKey(), e.getValue());
            if (replace.size() >= BATCH) write(true);
        }
        write(true);
    }

    /** Writes what is pending; {@code last}: no row is left to complete a refused record. */
    private void write(boolean last) {
        for (int attempt = 0; !replace.isEmpty() || !merge.isEmpty(); attempt++) {
            try {
                writes.commitBatch(new Change.UpsertRecords(graph, Map.copyOf(replace), Map.copyOf(merge)), "importer");
                imported += replace.size();
                replace.clear();
                merge.clear();
                return;
            } catch (InvalidDataException e) {
                int removed = 0;
                for (Violation v : e.violations()) {
                    Node record = v.record() == null ? null : NodeFactory.createURI(v.record());
                    if (record == null) continue;
                    Graph fresh = replace.remove(record);
                    if (fresh != null && !last) {
                        deferred.put(record, fresh);
                        removed++;
                    } else if (fresh != null || merge.remove(record) != null) {
                        skipped.add(new Skip(rowOf.getOrDefault(record, "?"), "violates the shapes"
                                + (last ? " (with every row of the record read): " : ": ") + v.describe()));
                        removed++;
                    }
                }
                if (removed == 0 || attempt > 20) throw e;
            }
        }
    }

    /** Why a run that read rows made no record: most often a column name that does not match the file's header. */
    private String whyNothing(long read) {
        Set<String> named = new java.util.TreeSet<>();
        for (Mapping.RecordRule r : mapping.records()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\??([^}]+)}").matcher(r.id() == null ? "" : r.id());
            while (m.find()) named.add(m.group(1));
            collectColumns(r.when(), named);
        }
        List<String> missing = named.stream().filter(c -> !header.isEmpty() && !header.contains(c) && !c.contains(".")).toList();
        return String.format("nothing was imported from %,d rows: %s", read, missing.isEmpty()
                ? "every row was skipped, or no record's condition ('when') held for any row; the file's columns are " + header
                : "the mapping names columns the file does not have: " + missing + "; the file's columns are " + header);
    }

    private static void collectColumns(Mapping.Condition c, Set<String> into) {
        if (c == null) return;
        if (c.column() != null) into.add(c.column());
        if (c.all() != null) c.all().forEach(each -> collectColumns(each, into));
    }

    /** The source as a dataset: where it comes from, its licence, when it was read, and by which importer. */
    private Graph provenance(Instant started, Instant ended, Report report) {
        Mapping.Source s = mapping.source();
        Graph g = GraphFactory.createDefaultGraph();
        Node dataset = org.apache.jena.vocabulary.DCAT.Dataset.asNode();
        g.add(Triple.create(source, Terms.TYPE, HIKB.SourceDocument));
        g.add(Triple.create(source, Terms.TYPE, dataset));
        g.add(Triple.create(source, Terms.TITLE, NodeFactory.createLiteralLang(s.title() == null ? s.id() : s.title(), "en")));
        if (s.description() != null) g.add(Triple.create(source, Terms.DESCRIPTION, NodeFactory.createLiteralLang(s.description(), "en")));
        if (s.publisher() != null) g.add(Triple.create(source, uri(Namespaces.DCT + "publisher"), NodeFactory.createLiteralString(s.publisher())));
        if (s.licence() != null) g.add(Triple.create(source, uri(Namespaces.DCT + "license"), uri(s.licence())));
        if (s.page() != null) g.add(Triple.create(source, Terms.PAGE, uri(s.page())));
        if (s.rehostedBy() != null) g.add(Triple.create(source, Terms.COMMENT,
                NodeFactory.createLiteralLang("Re-hosted by " + s.rehostedBy() + ".", "en")));
        if (s.language() != null) g.add(Triple.create(source, Terms.LANGUAGE, uri(Namespaces.LANGUAGE + Values.languageCode(s.language()))));
        g.add(Triple.create(source, HIKB.sourceFile, NodeFactory.createLiteralString(s.file())));
        g.add(Triple.create(source, Terms.MODIFIED, NodeFactory.createLiteralDT(from.retrieved(s.file()), XSDDatatype.XSDdate)));
        Node run = NodeFactory.createURI(source.getURI() + "#import");
        g.add(Triple.create(source, uri(PROV.NS + "wasGeneratedBy"), run));
        g.add(Triple.create(run, Terms.TYPE, PROV.Activity));
        g.add(Triple.create(run, uri(PROV.NS + "startedAtTime"), NodeFactory.createLiteralDT(started.toString(), XSDDatatype.XSDdateTime)));
        if (ended != null) g.add(Triple.create(run, PROV.endedAtTime, NodeFactory.createLiteralDT(ended.toString(), XSDDatatype.XSDdateTime)));
        g.add(Triple.create(run, PROV.wasAssociatedWith, uri(Namespaces.BASE + "agent/importer/" + VERSION)));
        if (report != null) g.add(Triple.create(run, Terms.COMMENT, NodeFactory.createLiteralLang(report.summary(), "en")));
        return g;
    }

    private static Node uri(String u) { return NodeFactory.createURI(u); }
}
