package org.w3id.hikb.write;

import java.time.Instant;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.PROV;

/**
 * Reading the change log: when a record or concept last changed, and when the store did. Must be called
 * inside a read transaction.
 */
public final class History {
    private History() {}

    /** When the last write that touched {@code resource} was committed, if any did. */
    public static Optional<Instant> lastChange(DatasetGraph dsg, Node resource) {
        Instant latest = null;
        var it = dsg.find(GraphNames.CHANGES, Node.ANY, HIKB.affects, resource);
        while (it.hasNext()) {
            Instant t = time(dsg, it.next().getSubject());
            if (t != null && (latest == null || t.isAfter(latest))) latest = t;
        }
        return Optional.ofNullable(latest);
    }

    /** When the store last changed. */
    public static Optional<Instant> lastChange(DatasetGraph dsg) {
        long generation = ChangeLog.generation(dsg);
        return generation == 0 ? Optional.empty() : Optional.ofNullable(time(dsg, ChangeLog.changeNode(generation)));
    }

    public static long generation(DatasetGraph dsg) {
        return ChangeLog.generation(dsg);
    }

    private static Instant time(DatasetGraph dsg, Node change) {
        var it = dsg.find(GraphNames.CHANGES, change, PROV.endedAtTime, Node.ANY);
        return it.hasNext() ? Instant.parse(it.next().getObject().getLiteralLexicalForm()) : null;
    }
}
