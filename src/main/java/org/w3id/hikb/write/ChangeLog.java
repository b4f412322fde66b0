package org.w3id.hikb.write;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
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

    /**
     * Records one committed write, and the patch of each record it changed that existed before; returns the
     * commit. Must run inside the write transaction.
     */
    static Commit append(DatasetGraph dsg, String operation, String agent, Set<Node> affected, int added, int deleted, List<RecordPatch> patches) {
        long next = generation(dsg) + 1;
        for (RecordPatch p : patches)
            if (p.existedBefore()) history(dsg, next, p);
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

    /** The commit a store's change log holds for {@code generation} (as a replica that applied its patch has it). */
    static Commit commitOf(DatasetGraph dsg, long generation) {
        Node change = changeNode(generation);
        Set<Node> affected = new LinkedHashSet<>();
        dsg.find(GraphNames.CHANGES, change, HIKB.affects, Node.ANY).forEachRemaining(q -> affected.add(q.getObject()));
        return new Commit(generation, logged(dsg, change, HIKB.operation).getLiteralLexicalForm(),
                logged(dsg, change, PROV.wasAssociatedWith).getURI().substring(agentNode("").getURI().length()),
                Instant.parse(logged(dsg, change, PROV.endedAtTime).getLiteralLexicalForm()), Set.copyOf(affected),
                ((Number) logged(dsg, change, HIKB.quadsAdded).getLiteralValue()).intValue(),
                ((Number) logged(dsg, change, HIKB.quadsDeleted).getLiteralValue()).intValue());
    }

    /** What the change log says of a change; every change has it, so a missing one is a store that is not ours. */
    private static Node logged(DatasetGraph dsg, Node change, Node property) {
        var it = dsg.find(GraphNames.CHANGES, change, property, Node.ANY);
        if (!it.hasNext()) throw new IllegalStateException("The change log has no " + property.getLocalName() + " for " + change);
        return it.next().getObject();
    }

    /** The version a write made of a record, with the write's patch and the version it revised. */
    private static void history(DatasetGraph dsg, long generation, RecordPatch p) {
        Node g = GraphNames.HISTORY;
        Node version = versionNode(generation, p.record());
        dsg.add(g, version, RDF.type.asNode(), HIKB.Version);
        dsg.add(g, version, NodeFactory.createURI(Namespaces.DCT + "isVersionOf"), p.record());
        dsg.add(g, version, NodeFactory.createURI(PROV.NS + "wasGeneratedBy"), changeNode(generation));
        long previous = lastGeneration(dsg, p.record());
        if (previous > 0) dsg.add(g, version, NodeFactory.createURI(PROV.NS + "wasRevisionOf"), versionNode(previous, p.record()));
        dsg.add(g, version, HIKB.addedStatements, NodeFactory.createLiteralString(RecordPatch.text(p.added())));
        dsg.add(g, version, HIKB.deletedStatements, NodeFactory.createLiteralString(RecordPatch.text(p.deleted())));
    }

    /** The IRI of a record's version after a write: {@code https://w3id.org/hikb/version/<generation>/<path>}. */
    static Node versionNode(long generation, Node record) {
        return NodeFactory.createURI(Namespaces.BASE + "version/" + generation + "/" + record.getURI().substring(Namespaces.BASE.length()));
    }

    /** The last write that touched a record, or 0. */
    static long lastGeneration(DatasetGraph dsg, Node record) {
        long last = 0;
        var it = dsg.find(GraphNames.CHANGES, Node.ANY, HIKB.affects, record);
        while (it.hasNext()) {
            var gen = dsg.find(GraphNames.CHANGES, it.next().getSubject(), HIKB.generation, Node.ANY);
            if (gen.hasNext()) last = Math.max(last, ((Number) gen.next().getObject().getLiteralValue()).longValue());
        }
        return last;
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
