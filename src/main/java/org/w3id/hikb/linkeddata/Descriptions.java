package org.w3id.hikb.linkeddata;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * What the knowledge base says about one resource, as its document serves it: the concise bounded
 * description (its statements, and those of the blank nodes and the parts {@code <uri>#part} it points to),
 * the statements that point at it from other resources (so a scheme lists its concepts and a project its
 * events), and the names of everything it mentions, so a reader sees labels rather than bare URIs.
 * Must be called inside a read transaction.
 */
final class Descriptions {
    private static final List<Node> NAMES = List.of(Terms.TITLE, Terms.PREF_LABEL, Terms.RDFS_LABEL);
    /** Enough to list the concepts of the largest scheme; a hub linked from thousands of imports is cut here. */
    private static final int MAX_INBOUND = 2_000;

    private Descriptions() {}

    /** Whether the store says anything about {@code resource}: whether its description is not empty. */
    static boolean isKnown(DatasetGraph dsg, Node resource) {
        var it = dsg.find(Node.ANY, resource, Node.ANY, Node.ANY);
        while (it.hasNext())
            if (!GraphNames.SYSTEM.equals(it.next().getGraph())) return true;
        return false;
    }

    /** The description of {@code resource}, or an empty graph if the store knows nothing about it. */
    static Graph describe(DatasetGraph dsg, Node resource) {
        Graph g = GraphFactory.createDefaultGraph();
        Deque<Node> todo = new ArrayDeque<>(List.of(resource));
        Set<Node> done = new HashSet<>();
        while (!todo.isEmpty()) {
            Node s = todo.pop();
            if (!done.add(s)) continue;
            dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (GraphNames.SYSTEM.equals(q.getGraph())) return;
                g.add(q.asTriple());
                Node o = q.getObject();
                if (o.isBlank() || isPartOf(o, resource)) todo.push(o);
            });
        }
        if (g.isEmpty()) return g;
        int inbound = 0;
        var it = dsg.find(Node.ANY, Node.ANY, Node.ANY, resource);
        while (it.hasNext() && inbound < MAX_INBOUND) {
            Quad q = it.next();
            if (GraphNames.isBookkeeping(q.getGraph()) || isPartOf(q.getSubject(), resource)) continue;
            g.add(q.asTriple());
            inbound++;
        }
        addNames(dsg, g);
        return g;
    }

    /** Adds the names, in every language, of the resources the graph mentions. */
    static void addNames(DatasetGraph dsg, Graph g) {
        Set<Node> mentioned = new HashSet<>();
        g.find().forEachRemaining(t -> {
            if (t.getSubject().isURI()) mentioned.add(t.getSubject());
            if (t.getObject().isURI() && !t.getPredicate().equals(Terms.TYPE)) mentioned.add(t.getObject());
            if (t.getPredicate().isURI() && t.getPredicate().getURI().startsWith(Namespaces.BASE)) mentioned.add(t.getPredicate());
        });
        for (Node n : mentioned)
            for (Node p : NAMES)
                dsg.find(Node.ANY, n, p, Node.ANY).forEachRemaining(q -> g.add(Triple.create(n, p, q.getObject())));
    }

    private static boolean isPartOf(Node n, Node resource) {
        return n.isURI() && resource.isURI() && n.getURI().startsWith(resource.getURI() + "#");
    }
}
