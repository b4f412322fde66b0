package org.w3id.hikb.records;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.vocab.Terms;

/** Reads records out of the store. Every method must be called inside a read (or write) transaction. */
public final class RecordReader {
    private final DatasetGraph dsg;

    public RecordReader(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    /** The record with this identity, if the store has any statement about it. */
    public Optional<Record> read(RecordId id) {
        Node subject = id.node();
        Graph g = GraphFactory.createDefaultGraph();
        Set<Node> graphs = new LinkedHashSet<>();
        List<Node> parts = new ArrayList<>();
        dsg.find(Node.ANY, subject, Node.ANY, Node.ANY).forEachRemaining(q -> {
            g.add(q.asTriple());
            graphs.add(q.getGraph());
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(id.uri() + "#") && !parts.contains(o)) parts.add(o);
        });
        if (g.isEmpty()) return Optional.empty();
        for (Node part : parts)
            dsg.find(Node.ANY, part, Node.ANY, Node.ANY).forEachRemaining(q -> g.add(q.asTriple()));
        return Optional.of(new Record(id, g, graphs));
    }

    /** The record whose slug this is, whatever its type. */
    public Optional<RecordId> find(String slug) {
        if (!RecordId.isSlug(slug)) return Optional.empty();
        for (RecordType t : RecordType.values()) {
            RecordId id = new RecordId(t, slug);
            if (dsg.find(Node.ANY, id.node(), Terms.TYPE, Node.ANY).hasNext()) return Optional.of(id);
        }
        return Optional.empty();
    }

    /** Every record of a searchable type, each once. */
    public void forEachSearchable(Consumer<RecordId> action) {
        Set<Node> seen = new LinkedHashSet<>();
        var it = dsg.find(Node.ANY, Node.ANY, Terms.TYPE, Node.ANY);
        while (it.hasNext()) {
            Quad q = it.next();
            Node s = q.getSubject();
            if (seen.contains(s)) continue;
            Optional<RecordId> id = RecordId.of(s).filter(r -> r.type().searchable());
            if (id.isPresent()) {
                seen.add(s);
                action.accept(id.get());
            }
        }
    }
}
