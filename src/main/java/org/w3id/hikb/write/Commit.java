package org.w3id.hikb.write;

import java.time.Instant;
import java.util.Set;

import org.apache.jena.graph.Node;

/**
 * What one committed write did: its generation number (one more than the write before it), what kind of
 * operation it was, who asked for it, when, how many quads it added and deleted, and which records and
 * concepts it touched.
 */
public record Commit(long generation, String operation, String agent, Instant time,
                     Set<Node> affected, int quadsAdded, int quadsDeleted) {

    /** Nothing changed, so nothing was committed and the generation stays. */
    static Commit nothing(long generation, String operation, String agent) {
        return new Commit(generation, operation, agent, Instant.now(), Set.of(), 0, 0);
    }

    public boolean changed() { return quadsAdded + quadsDeleted > 0; }
}
