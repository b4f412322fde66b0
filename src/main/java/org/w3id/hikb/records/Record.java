package org.w3id.hikb.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.out.NodeFmtLib;

/**
 * A record as read from the store: its own statements and those of the parts it owns ({@code <record>#part}),
 * copied out of the transaction, and the named graphs they live in.
 */
public record Record(RecordId id, Graph graph, Set<Node> graphs) {

    public Node node() { return id.node(); }

    /** The objects of {@code property} on the record itself. */
    public List<Node> values(Node property) {
        return values(node(), property);
    }

    public List<Node> values(Node subject, Node property) {
        List<Node> out = new ArrayList<>();
        graph.find(subject, property, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }

    /** The literals of {@code property} on {@code subject}. */
    public List<Node> literals(Node subject, Node property) {
        return values(subject, property).stream().filter(Node::isLiteral).toList();
    }

    /** Whether {@code node} is one of this record's parts. */
    public boolean owns(Node node) {
        return node.isURI() && node.getURI().startsWith(id.uri() + "#");
    }

    /** Every statement of the record and its parts. */
    public List<Triple> triples() {
        return graph.find().toList();
    }

    /**
     * A strong validator of the record's content, for {@code ETag} and {@code If-Match}: the hash of its
     * statements in a stable order.
     */
    public String etag() {
        List<String> lines = new java.util.ArrayList<>();
        for (Triple t : triples())
            lines.add(NodeFmtLib.strNT(t.getSubject()) + " " + NodeFmtLib.strNT(t.getPredicate()) + " " + NodeFmtLib.strNT(t.getObject()));
        lines.sort(null);
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String l : lines) md.update((l + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
