package org.w3id.hikb.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.process.normalize.CanonicalizeLiteral;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphTriplesQuads;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Match;
import org.apache.jena.sparql.core.Quad;
import org.w3id.hikb.store.GraphNames;

/**
 * The store as it would be after a change, without the change being in the store yet. A write of any kind
 * (a file load, a SPARQL Update, a record from the JSON API) is applied to this view first; the view keeps
 * the quads it adds and deletes in memory and answers reads as base plus additions minus deletions. The
 * write path validates the view and only then copies the difference into TDB2.
 *
 * <p>Why not write into TDB2 and abort on failure: TDB2 (5.6) can leave its node cache pointing at nodes of
 * an aborted transaction when that transaction both wrote new nodes and read them back, and a later commit
 * then stores references to node data that was never kept. Staging makes refused writes never touch the store.
 *
 * <p>The default graph is the union of the named graphs, as on {@code /sparql}: reading it reads all graphs,
 * deleting from it deletes from every graph, and adding to it adds to one chosen graph.
 *
 * <p>A delete from the default graph, and {@code CLEAR}/{@code DROP} of {@code ALL} or {@code NAMED}, reach the
 * data graphs only: the server's own graphs (the change log, the history, the generation: written by the
 * server alone) and the ontology and shapes every write is checked against are not in them and not listed among
 * the graphs, so {@code CLEAR ALL} clears the data and leaves the log and the rules. To change the ontology or
 * the shapes an admin names their graph; naming a server graph is refused by the write path, as before.
 */
final class StagedDataset extends DatasetGraphTriplesQuads {
    private final DatasetGraph base;
    private final Node defaultGraphTarget;
    private final Set<Quad> added = new LinkedHashSet<>();
    private final Set<Quad> deleted = new LinkedHashSet<>();
    private final Map<Node, Set<Quad>> addedBySubject = new HashMap<>();
    private final Map<Node, Set<Quad>> addedByObject = new HashMap<>();

    StagedDataset(DatasetGraph base, Node defaultGraphTarget) {
        this.base = base;
        this.defaultGraphTarget = defaultGraphTarget;
    }

    Set<Quad> added() { return added; }
    Set<Quad> deleted() { return deleted; }

    /** Copies the staged difference into the base; must run inside the base's write transaction. */
    void writeTo(DatasetGraph target) {
        deleted.forEach(target::delete);
        added.forEach(target::add);
    }

    /**
     * Literals in their canonical form ("1929500.00" becomes "1929500.0"), as TDB2 gives them back anyway: TDB2
     * keeps the two forms of one decimal as two different nodes, so the same statement written in two forms
     * would be stored twice, and a statement looked up in the other form would not be found.
     */
    private static Node canon(Node n) {
        return n != null && n.isLiteral() ? CanonicalizeLiteral.get().apply(n) : n;
    }

    @Override
    protected void addToNamedGraph(Node g, Node s, Node p, Node o0) {
        Node o = canon(o0);
        Quad q = Quad.create(g, s, p, o);
        if (deleted.remove(q) || added.contains(q) || base.contains(q))
            return;
        added.add(q);
        addedBySubject.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(q);
        addedByObject.computeIfAbsent(o, k -> new LinkedHashSet<>()).add(q);
    }

    @Override
    protected void deleteFromNamedGraph(Node g, Node s, Node p, Node o0) {
        Node o = canon(o0);
        Quad q = Quad.create(g, s, p, o);
        if (added.remove(q)) {
            addedBySubject.get(s).remove(q);
            addedByObject.get(o).remove(q);
            return;
        }
        if (base.contains(q))
            deleted.add(q);
    }

    @Override
    protected void addToDftGraph(Node s, Node p, Node o) {
        addToNamedGraph(defaultGraphTarget, s, p, o);
    }

    @Override
    protected void deleteFromDftGraph(Node s, Node p, Node o) {
        for (Quad q : Iter.toList(findInAnyNamedGraphs(s, p, o)))
            if (!keptFromBulkWrites(q.getGraph())) deleteFromNamedGraph(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    /**
     * Every match deleted, found once: Jena's own loop finds again until nothing matches, which never ends when
     * the server's graphs, left alone, still match.
     */
    @Override
    public void deleteAny(Node g, Node s, Node p, Node o) {
        for (Quad q : Iter.toList(find(g, s, p, o)))
            delete(q);
    }

    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        Set<Quad> seen = new LinkedHashSet<>();
        findInAnyNamedGraphs(s, p, o).forEachRemaining(q ->
                seen.add(Quad.create(Quad.defaultGraphIRI, q.getSubject(), q.getPredicate(), q.getObject())));
        return seen.iterator();
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        return merged(g, s, p, o);
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return merged(Node.ANY, s, p, o);
    }

    /** The base's matches that are not deleted, then the additions that match. */
    private Iterator<Quad> merged(Node g, Node s, Node p, Node o0) {
        Node o = canon(o0);
        Iterator<Quad> fromBase = base.find(g, s, p, o);
        if (!deleted.isEmpty()) fromBase = Iter.filter(fromBase, q -> !deleted.contains(q));
        List<Quad> fromAdded = new ArrayList<>();
        Set<Quad> candidates = isConcrete(s) ? addedBySubject.getOrDefault(s, Set.of())
                : isConcrete(o) ? addedByObject.getOrDefault(o, Set.of()) : added;
        for (Quad q : candidates)
            if (Match.match(q, g, s, p, o)) fromAdded.add(q);
        return Iter.concat(fromBase, fromAdded.iterator());
    }

    private static boolean isConcrete(Node n) {
        return n != null && n.isConcrete();
    }

    @Override
    public boolean contains(Node g, Node s, Node p, Node o0) {
        Node o = canon(o0);
        if (isConcrete(g) && isConcrete(s) && isConcrete(p) && isConcrete(o) && !Quad.isDefaultGraph(g)) {
            Quad q = Quad.create(g, s, p, o);
            return added.contains(q) || (!deleted.contains(q) && base.contains(q));
        }
        return super.contains(g, s, p, o);
    }

    @Override
    public Graph getDefaultGraph() { return GraphView.createDefaultGraph(this); }

    @Override
    public Graph getGraph(Node graphNode) { return GraphView.createNamedGraph(this, graphNode); }

    @Override
    public Iterator<Node> listGraphNodes() {
        Set<Node> names = new LinkedHashSet<>();
        base.listGraphNodes().forEachRemaining(g -> { if (!keptFromBulkWrites(g)) names.add(g); });
        // A graph whose every statement is deleted is gone (CLEAR ALL clears the default graph, that is every graph, first).
        if (!deleted.isEmpty()) {
            Set<Node> touched = new LinkedHashSet<>();
            deleted.forEach(q -> touched.add(q.getGraph()));
            touched.stream().filter(g -> !merged(g, Node.ANY, Node.ANY, Node.ANY).hasNext()).forEach(names::remove);
        }
        added.forEach(q -> names.add(q.getGraph()));
        return names.iterator();
    }

    private static boolean keptFromBulkWrites(Node graph) {
        return GraphNames.isBookkeeping(graph) || GraphNames.isSchema(graph);
    }

    @Override
    public PrefixMap prefixes() { return base.prefixes(); }

    // The view lives inside the write path's transaction on the base; it starts and ends none of its own.
    @Override public boolean supportsTransactions() { return true; }
    @Override public boolean supportsTransactionAbort() { return true; }
    @Override public void begin(TxnType type) { }
    @Override public void begin(ReadWrite readWrite) { }
    @Override public boolean promote(Promote mode) { return true; }
    @Override public void commit() { }
    @Override public void abort() { }
    @Override public void end() { }
    @Override public boolean isInTransaction() { return base.isInTransaction(); }
    @Override public ReadWrite transactionMode() { return base.transactionMode(); }
    @Override public TxnType transactionType() { return base.transactionType(); }
}
