package org.w3id.hikb.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.w3id.hikb.vocab.HIKB;

/**
 * What a store holds, as one number: the SHA-256 of its quads as N-Quads lines, sorted, each ended by a line
 * feed. Two stores with the same digest hold the same quads, whatever their files look like; a replica's digest
 * equals its writer's at the same generation (its own place in the replication log is left out).
 */
public final class StoreDigest {
    private StoreDigest() {}

    /** The digest in lower-case hex; reads the store in a transaction of its own. */
    public static String of(KnowledgeStore store) {
        return store.read(StoreDigest::of);
    }

    /** The digest in lower-case hex; must run inside a read transaction. */
    public static String of(DatasetGraph dsg) {
        List<String> lines = new ArrayList<>();
        dsg.find().forEachRemaining(q -> {
            if (!isReplicaState(q)) lines.add(line(q));
        });
        lines.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) sha.update((line + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String line(Quad q) {
        return NodeFmtLib.strNT(q.getSubject()) + " " + NodeFmtLib.strNT(q.getPredicate()) + " " + NodeFmtLib.strNT(q.getObject())
                + " " + NodeFmtLib.strNT(q.getGraph()) + " .";
    }

    private static boolean isReplicaState(Quad q) {
        Node p = q.getPredicate();
        return q.getGraph().equals(GraphNames.SYSTEM) && p.equals(HIKB.replicatedOffset);
    }
}
