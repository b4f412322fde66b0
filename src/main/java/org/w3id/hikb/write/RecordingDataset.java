package org.w3id.hikb.write;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.system.PrefixMap;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphTriplesQuads;
import org.apache.jena.sparql.core.GraphView;
import org.apache.jena.sparql.core.Quad;

/**
 * A write-through view of the store, used inside the write transaction, that remembers exactly which quads
 * a change added and deleted. Every kind of write (a file load, a SPARQL Update, a record from the JSON API)
 * runs against this view, so the write path learns what to validate, what to log and what to re-index
 * from the change itself, whatever its form.
 *
 * <p>The default graph is the union of the named graphs, as on {@code /sparql}: reading it reads all
 * graphs, deleting from it deletes from every graph, and adding to it adds to one chosen graph.
 */
final class RecordingDataset extends DatasetGraphTriplesQuads {
    private final DatasetGraph base;
    private final Node defaultGraphTarget;
    private final Set<Quad> added = new LinkedHashSet<>();
    private final Set<Quad> deleted = new LinkedHashSet<>();

    RecordingDataset(DatasetGraph base, Node defaultGraphTarget) {
        this.base = base;
        this.defaultGraphTarget = defaultGraphTarget;
    }

    Set<Quad> added() { return added; }
    Set<Quad> deleted() { return deleted; }
    boolean changed() { return !added.isEmpty() || !deleted.isEmpty(); }

    @Override
    protected void addToNamedGraph(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(g, s, p, o);
        if (base.contains(q))
            return;
        base.add(q);
        if (!deleted.remove(q))
            added.add(q);
    }

    @Override
    protected void deleteFromNamedGraph(Node g, Node s, Node p, Node o) {
        Quad q = Quad.create(g, s, p, o);
        if (!base.contains(q))
            return;
        base.delete(q);
        if (!added.remove(q))
            deleted.add(q);
    }

    @Override
    protected void addToDftGraph(Node s, Node p, Node o) {
        addToNamedGraph(defaultGraphTarget, s, p, o);
    }

    @Override
    protected void deleteFromDftGraph(Node s, Node p, Node o) {
        List<Quad> inGraphs = Iter.toList(base.find(Node.ANY, s, p, o));
        for (Quad q : inGraphs)
            deleteFromNamedGraph(q.getGraph(), q.getSubject(), q.getPredicate(), q.getObject());
    }

    @Override
    protected Iterator<Quad> findInDftGraph(Node s, Node p, Node o) {
        // Distinct triples of the union, presented as quads of the default graph.
        Set<Quad> seen = new LinkedHashSet<>();
        base.find(Node.ANY, s, p, o).forEachRemaining(q ->
                seen.add(Quad.create(Quad.defaultGraphIRI, q.getSubject(), q.getPredicate(), q.getObject())));
        return seen.iterator();
    }

    @Override
    protected Iterator<Quad> findInSpecificNamedGraph(Node g, Node s, Node p, Node o) {
        return base.find(g, s, p, o);
    }

    @Override
    protected Iterator<Quad> findInAnyNamedGraphs(Node s, Node p, Node o) {
        return base.find(Node.ANY, s, p, o);
    }

    @Override
    public Graph getDefaultGraph() { return GraphView.createDefaultGraph(this); }

    @Override
    public Graph getGraph(Node graphNode) { return GraphView.createNamedGraph(this, graphNode); }

    @Override
    public Iterator<Node> listGraphNodes() {
        List<Node> names = new ArrayList<>();
        base.listGraphNodes().forEachRemaining(names::add);
        return names.iterator();
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
