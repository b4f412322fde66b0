package org.w3id.hikb.write;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.PROV;

/**
 * The store's own record of its writes, kept in the same transaction as the data so the two never disagree.
 * The system graph holds the generation: a number that grows by one with every committed write. The change
 * graph holds one PROV activity per generation with the records and concepts it touched; the search index
 * stores the generation it reflects, so after a crash it can catch up on exactly what it missed.
 */
final class ChangeLog {
    private static final Node STATE = GraphNames.SYSTEM;

    private ChangeLog() {}

    static long generation(DatasetGraph dsg) {
        var it = dsg.find(GraphNames.SYSTEM, STATE, HIKB.generation, Node.ANY);
        return it.hasNext() ? ((Number) it.next().getObject().getLiteralValue()).longValue() : 0L;
    }

    static Node changeNode(long generation) {
        return NodeFactory.createURI(Namespaces.BASE + "change/" + generation);
    }

    static Node agentNode(String agent) {
        return NodeFactory.createURI(Namespaces.BASE + "agent/" + agent);
    }

    /** Records one committed write; returns its generation. Must run inside the write transaction. */
    static Commit append(DatasetGraph dsg, String operation, String agent, Set<Node> affected, int added, int deleted) {
        long next = generation(dsg) + 1;
        Instant now = Instant.now();
        dsg.deleteAny(GraphNames.SYSTEM, STATE, HIKB.generation, Node.ANY);
        dsg.add(GraphNames.SYSTEM, STATE, HIKB.generation, integer(next));

        Node change = changeNode(next);
        Node g = GraphNames.CHANGES;
        dsg.add(g, change, RDF.type.asNode(), HIKB.Change);
        dsg.add(g, change, RDF.type.asNode(), PROV.Activity);
        dsg.add(g, change, HIKB.generation, integer(next));
        dsg.add(g, change, HIKB.operation, NodeFactory.createLiteralString(operation));
        dsg.add(g, change, PROV.endedAtTime, NodeFactory.createLiteralDT(now.toString(), XSDDatatype.XSDdateTime));
        dsg.add(g, change, PROV.wasAssociatedWith, agentNode(agent));
        dsg.add(g, change, HIKB.quadsAdded, integer(added));
        dsg.add(g, change, HIKB.quadsDeleted, integer(deleted));
        for (Node n : affected)
            dsg.add(g, change, HIKB.affects, n);
        return new Commit(next, operation, agent, now, Set.copyOf(affected), added, deleted);
    }

    /** Every record or concept touched by a write after {@code generation}: what an index at that generation missed. */
    static Set<Node> affectedSince(DatasetGraph dsg, long generation) {
        Set<Node> out = new LinkedHashSet<>();
        dsg.find(GraphNames.CHANGES, Node.ANY, HIKB.generation, Node.ANY).forEachRemaining(q -> {
            long gen = ((Number) q.getObject().getLiteralValue()).longValue();
            if (gen > generation)
                dsg.find(GraphNames.CHANGES, q.getSubject(), HIKB.affects, Node.ANY)
                        .forEachRemaining(a -> out.add(a.getObject()));
        });
        return out;
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    static boolean isBookkeeping(Quad q) {
        return GraphNames.isBookkeeping(q.getGraph());
    }
}
