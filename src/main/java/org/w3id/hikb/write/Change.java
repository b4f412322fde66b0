package org.w3id.hikb.write;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.util.Context;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.UpdateExec;
import org.apache.jena.sparql.exec.UpdateExecBuilder;
import org.apache.jena.update.UpdateRequest;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * A write, in any of the forms the knowledge base accepts. Each form says how to apply itself to the
 * recording view of the store; the {@link WritePath} does the rest (validation, change log, index) the same
 * way for all of them.
 */
public sealed interface Change {

    /** A short name for the change log, such as {@code load}. */
    String operation();

    /** Applies the change to the view; runs inside the write transaction. */
    void applyTo(DatasetGraph view);

    /**
     * Checks the graphs the applied change touched, before anything is validated or stored.
     *
     * @throws ForbiddenWriteException if the change may not write one of them
     */
    default void checkGraphs(Set<Node> touched) {}

    /**
     * The records whose bookkeeping (history) the change rewrote; a change that rewrites only bookkeeping is
     * logged all the same when this is not empty (a purge), as a change of no record.
     */
    default Set<Node> rewroteHistoryOf() { return Set.of(); }

    /** Whether what the change leaves is checked against the SHACL shapes (all but a restore's batches). */
    default boolean validated() { return true; }

    /**
     * A SPARQL Update, from {@code /sparql/update} or built by the Graph Store Protocol. It reads the store
     * as {@code /sparql} does (the default graph is the union); triples inserted without {@code GRAPH} go to
     * the updates graph, triples deleted without {@code GRAPH} go from every graph that has them.
     *
     * @param operation the name for the change log ({@code sparql-update}, {@code graph-store})
     * @param writable  the graphs the caller may write; touching any other refuses the whole update
     * @param timeout   how long the update may run before it is stopped (and nothing of it applied); null for
     *                  no limit, as for the Graph Store Protocol's data-only updates
     * @param context   what the update runs with besides (the SPARQL endpoint's budget); null for nothing more
     */
    record Update(String operation, UpdateRequest request, Predicate<Node> writable, Duration timeout, Context context) implements Change {
        public Update(String operation, UpdateRequest request, Predicate<Node> writable) {
            this(operation, request, writable, null, null);
        }

        @Override
        public void applyTo(DatasetGraph view) {
            UpdateExecBuilder update = UpdateExec.dataset(view).update(request);
            if (timeout != null) update.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (context != null) update.context(context);
            update.execute();
        }

        @Override
        public void checkGraphs(Set<Node> touched) {
            List<String> refused = new ArrayList<>();
            for (Node g : touched)
                if (!writable.test(g)) refused.add(g.isURI() ? g.getURI() : g.toString());
            if (!refused.isEmpty())
                throw new ForbiddenWriteException("This update may not write the graph(s) " + refused
                        + ": the change log and the store's own state are kept by the server, the ontology and shapes need the admin role.");
        }
    }

    /** The new content of a named graph, from a file; {@code contentHash} identifies the file's bytes. */
    record GraphContent(Node graph, Graph content, String sourceName, String contentHash) {}

    /**
     * Makes each named graph hold exactly the given content (adding only what is new and deleting only what
     * went), and remembers each source file's hash so an unchanged file is not loaded again.
     */
    record ReplaceGraphs(List<GraphContent> graphs) implements Change {
        @Override
        public String operation() { return "load"; }

        @Override
        public void applyTo(DatasetGraph view) {
            for (GraphContent gc : graphs) {
                Graph target = view.getGraph(gc.graph());
                List<Triple> gone = new ArrayList<>();
                target.find().forEachRemaining(t -> { if (!gc.content().contains(t)) gone.add(t); });
                gone.forEach(target::delete);
                gc.content().find().forEachRemaining(target::add);
                rememberSource(view, gc);
            }
        }

        private static void rememberSource(DatasetGraph view, GraphContent gc) {
            view.deleteAny(GraphNames.SYSTEM, gc.graph(), Node.ANY, Node.ANY);
            view.add(GraphNames.SYSTEM, gc.graph(), HIKB.sourceFile, NodeFactory.createLiteralString(gc.sourceName()));
            view.add(GraphNames.SYSTEM, gc.graph(), HIKB.contentHash, NodeFactory.createLiteralString(gc.contentHash()));
        }
    }

    /**
     * Puts records into a named graph, each as given: a record's statements (its own and its parts') that
     * are not in the new version are deleted, new ones added, unchanged ones left alone. Records in
     * {@code merge} are added to instead (a later row of the same import saying more about a record).
     */
    record UpsertRecords(Node graph, Map<Node, Graph> replace, Map<Node, Graph> merge) implements Change {
        @Override
        public String operation() { return "import"; }

        @Override
        public void applyTo(DatasetGraph view) {
            Graph target = view.getGraph(graph);
            for (Map.Entry<Node, Graph> e : replace.entrySet()) {
                Graph fresh = e.getValue();
                List<Triple> gone = new ArrayList<>();
                for (Node s : ownedSubjects(target, e.getKey()))
                    target.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> { if (!fresh.contains(t)) gone.add(t); });
                gone.forEach(target::delete);
                fresh.find().forEachRemaining(target::add);
            }
            for (Graph extra : merge.values())
                extra.find().forEachRemaining(target::add);
        }

        /** The record and the parts it owns ({@code <record>#part}) that have statements in the graph. */
        private static Set<Node> ownedSubjects(Graph g, Node record) {
            Set<Node> out = new HashSet<>();
            out.add(record);
            String prefix = record.getURI() + "#";
            g.find(record, Node.ANY, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (o.isURI() && o.getURI().startsWith(prefix)) out.add(o);
            });
            return out;
        }
    }

    /**
     * Marks the records of an import's graph that the latest complete run of its source no longer contained:
     * they are kept, with the date they were first found missing, rather than silently kept or deleted.
     */
    record MarkDropped(Node graph, Set<Node> seen, LocalDate today) implements Change {
        @Override
        public String operation() { return "import"; }

        @Override
        public void applyTo(DatasetGraph view) {
            Node dropped = HIKB.droppedFromSource;
            Node date = NodeFactory.createLiteralDT(today.toString(), XSDDatatype.XSDdate);
            Graph g = view.getGraph(graph);
            List<Node> missing = new ArrayList<>();
            g.find(Node.ANY, Terms.TYPE, Node.ANY).forEachRemaining(t -> {
                Node s = t.getSubject();
                if (s.isURI() && !s.getURI().contains("#") && s.getURI().startsWith(Namespaces.ID)
                        && !s.getURI().startsWith(Namespaces.ID + "source/") && !seen.contains(s))
                    missing.add(s);
            });
            for (Node s : missing)
                if (!g.find(s, dropped, Node.ANY).hasNext())
                    g.add(Triple.create(s, dropped, date));
        }
    }

    /** Replaces the statements about some subjects in a graph (the provenance of an import, say). */
    record ReplaceSubjects(Node graph, Graph content) implements Change {
        @Override
        public String operation() { return "import"; }

        @Override
        public void applyTo(DatasetGraph view) {
            Graph target = view.getGraph(graph);
            Set<Node> subjects = new HashSet<>();
            content.find().forEachRemaining(t -> subjects.add(t.getSubject()));
            List<Triple> gone = new ArrayList<>();
            for (Node s : subjects)
                target.find(s, Node.ANY, Node.ANY).forEachRemaining(t -> { if (!content.contains(t)) gone.add(t); });
            gone.forEach(target::delete);
            content.find().forEachRemaining(target::add);
        }
    }

    /**
     * One record made exactly {@code content} (its statements and its parts'), as the JSON API writes it:
     * created (refused if the slug is taken) or replaced (refused if it does not exist, or if {@code ifMatch}
     * is not its current ETag, checked inside the write transaction). An existing record keeps its home graph
     * (the graph of its type statement) and its statements in other data graphs are removed; a new one goes to
     * the curation graph. {@code dct:modified} is set to {@code now}.
     * <p>
     * {@code replaced} says what of an existing record {@code content} takes the place of: all of it, or only
     * the statements with some properties (a JSON body, a merge patch), the rest kept as it is.
     */
    record PutRecord(RecordId id, Graph content, String ifMatch, boolean create, Instant now, Replaced replaced) implements Change {
        /** A new record, {@code content} and nothing else. */
        public static PutRecord create(RecordId id, Graph content, Instant now) {
            return new PutRecord(id, content, null, true, now, Replaced.EVERYTHING);
        }

        /** An existing record, what {@code replaced} says of it in place of its current statements. */
        public static PutRecord replace(RecordId id, Graph content, String ifMatch, Instant now, Replaced replaced) {
            return new PutRecord(id, content, ifMatch, false, now, replaced);
        }

        @Override
        public String operation() { return create ? "create" : "update"; }

        @Override
        public void applyTo(DatasetGraph view) {
            RecordReader reader = new RecordReader(view);
            Node home = GraphNames.CURATION;
            if (create) {
                if (reader.find(id.slug()).isPresent())
                    throw new WriteRefusedException(WriteRefusedException.Reason.EXISTS, "A record with the slug '" + id.slug() + "' exists already.");
            } else {
                Record current = RecordChanges.current(reader, id, ifMatch);
                home = RecordChanges.homeGraph(view, current);
            }
            RecordChanges.replace(view, id, home, content, create ? Replaced.EVERYTHING : replaced, now);
        }

        @Override
        public void checkGraphs(Set<Node> touched) {
            RecordChanges.onlyDataGraphs(touched);
        }
    }

    /** One record removed, with its parts, from every data graph (refused if {@code ifMatch} is stale). */
    record DeleteRecord(RecordId id, String ifMatch) implements Change {
        @Override
        public String operation() { return "delete"; }

        @Override
        public void applyTo(DatasetGraph view) {
            RecordChanges.current(new RecordReader(view), id, ifMatch);
            RecordChanges.remove(view, id);
        }

        @Override
        public void checkGraphs(Set<Node> touched) {
            RecordChanges.onlyDataGraphs(touched);
        }
    }

    /** One record put back as it was at an earlier version: exactly those statements, in those graphs. */
    record RestoreRecord(RecordId id, List<Quad> version) implements Change {
        @Override
        public String operation() { return "restore"; }

        @Override
        public void applyTo(DatasetGraph view) {
            RecordChanges.remove(view, id);
            version.forEach(view::add);
        }

        @Override
        public void checkGraphs(Set<Node> touched) {
            RecordChanges.onlyDataGraphs(touched);
        }
    }

    /**
     * Many records put as given (created, or replaced wherever they live), as a bulk import of records does;
     * of an existing one, what {@code replaced} says.
     */
    record PutRecords(Map<RecordId, Graph> records, Instant now, Replaced replaced) implements Change {
        @Override
        public String operation() { return "import-records"; }

        @Override
        public void applyTo(DatasetGraph view) {
            RecordReader reader = new RecordReader(view);
            for (Map.Entry<RecordId, Graph> e : records.entrySet()) {
                RecordId id = e.getKey();
                reader.find(id.slug()).filter(other -> !other.equals(id)).ifPresent(other -> {
                    throw new WriteRefusedException(WriteRefusedException.Reason.EXISTS,
                            "The slug '" + id.slug() + "' is taken by " + other.uri() + ".");
                });
                Optional<Record> current = reader.read(id);
                Node home = current.map(r -> RecordChanges.homeGraph(view, r)).orElse(GraphNames.CURATION);
                RecordChanges.replace(view, id, home, e.getValue(), current.isPresent() ? replaced : Replaced.EVERYTHING, now);
            }
        }

        @Override
        public void checkGraphs(Set<Node> touched) {
            RecordChanges.onlyDataGraphs(touched);
        }
    }

    /**
     * Every data graph made as it is in a backup: graphs the backup lacks are emptied, the others hold exactly
     * the backup's statements. The store's own bookkeeping (generation, change log, history) is not rolled
     * back: the restore is one more change in it, so the search index and the change feed follow it. What the
     * store knows of the files loaded into its graphs (name and content hash) is restored with the graphs, so
     * that a reload of the bundle afterwards sees which files differ from the restored data.
     */
    record RestoreData(List<Quad> added, List<Quad> deleted) implements Change {
        @Override
        public String operation() { return "restore-backup"; }

        @Override
        public void applyTo(DatasetGraph view) {
            deleted.forEach(view::delete);
            added.forEach(view::add);
        }

        /** Half of a restore's difference, not a change that stands alone: not checked against the shapes. */
        @Override
        public boolean validated() { return false; }

        /** The data graphs, and the system graph's statements about the files loaded into them. */
        public static boolean restored(Quad q) {
            if (GraphNames.SYSTEM.equals(q.getGraph()))
                return q.getPredicate().equals(HIKB.sourceFile) || q.getPredicate().equals(HIKB.contentHash);
            return !GraphNames.isBookkeeping(q.getGraph());
        }
    }

    /**
     * A text removed from every earlier version of every record (the patches in the history graph), where it must
     * not stay public: a name, a phone number or an e-mail address written by mistake and since removed. Refused
     * while the current data still holds it (change it there first, with an ordinary write). Each occurrence, in a
     * literal or an IRI, becomes {@value #PURGED}; the change log records that a purge happened, never the text.
     */
    record Purge(String text, Set<Node> purged) implements Change {
        public static final String PURGED = "[purged]";
        public static final int MIN_LENGTH = 4;

        public Purge(String text) {
            this(text, new java.util.LinkedHashSet<>());
        }

        public Purge {
            if (text == null || text.strip().length() < MIN_LENGTH)
                throw new IllegalArgumentException("A purge needs a text of at least " + MIN_LENGTH + " characters.");
        }

        @Override
        public String operation() { return "purge"; }

        @Override
        public void applyTo(DatasetGraph view) {
            view.find().forEachRemaining(q -> {
                if (!Quad.isDefaultGraph(q.getGraph()) && !GraphNames.isBookkeeping(q.getGraph()) && (holds(q.getSubject()) || holds(q.getObject())))
                    throw new WriteRefusedException(WriteRefusedException.Reason.EXISTS, "The current data still holds this text (in "
                            + q.getSubject() + "): remove it there with an ordinary write first; then purge it from the history.");
            });
            List<Quad> old = new ArrayList<>(), replaced = new ArrayList<>();
            for (Node p : List.of(HIKB.addedStatements, HIKB.deletedStatements))
                view.find(GraphNames.HISTORY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                    List<Quad> patch = RecordPatch.parse(q.getObject().getLiteralLexicalForm());
                    if (patch.stream().noneMatch(x -> holds(x.getSubject()) || holds(x.getObject()))) return;
                    List<Quad> clean = patch.stream().map(x -> Quad.create(x.getGraph(), scrub(x.getSubject()), x.getPredicate(), scrub(x.getObject()))).toList();
                    old.add(q);
                    replaced.add(Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(), NodeFactory.createLiteralString(RecordPatch.text(clean))));
                    view.find(GraphNames.HISTORY, q.getSubject(), NodeFactory.createURI(Namespaces.DCT + "isVersionOf"), Node.ANY)
                            .forEachRemaining(v -> purged.add(v.getObject()));
                });
            old.forEach(view::delete);
            replaced.forEach(view::add);
        }

        @Override
        public Set<Node> rewroteHistoryOf() { return purged; }

        private boolean holds(Node n) {
            if (n.isLiteral()) return n.getLiteralLexicalForm().contains(text);
            return n.isURI() && n.getURI().contains(text);
        }

        private Node scrub(Node n) {
            if (!holds(n)) return n;
            if (n.isURI()) return NodeFactory.createURI(n.getURI().replace(text, "purged"));
            String lexical = n.getLiteralLexicalForm().replace(text, PURGED);
            if (!n.getLiteralLanguage().isEmpty()) return NodeFactory.createLiteralLang(lexical, n.getLiteralLanguage());
            return NodeFactory.createLiteralDT(lexical, n.getLiteralDatatype());
        }
    }
}
