package org.w3id.hikb.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/** What the record changes share: finding a record's statements and home, checking its ETag, removing it. */
final class RecordChanges {

    private RecordChanges() {}

    /** The record as it is now, which must exist and, if {@code ifMatch} is given, have that ETag. */
    static Record current(RecordReader reader, RecordId id, String ifMatch) {
        Record current = reader.find(id.slug()).filter(id::equals).flatMap(reader::read).orElseThrow(() ->
                new WriteRefusedException(WriteRefusedException.Reason.MISSING, "There is no record " + id.uri() + "."));
        if (ifMatch != null && !ifMatch.equals(current.etag()))
            throw new WriteRefusedException(WriteRefusedException.Reason.STALE,
                    "The record has changed since it was read (its ETag is no longer " + ifMatch + "): read it again and redo the change.");
        return current;
    }

    /** The graph a record lives in: the one with its type statement. */
    static Node homeGraph(DatasetGraph dsg, Record r) {
        var typed = dsg.find(Node.ANY, r.node(), Terms.TYPE, Node.ANY);
        while (typed.hasNext()) {
            Node g = typed.next().getGraph();
            if (isData(g)) return g;
        }
        return r.graphs().stream().filter(RecordChanges::isData).findFirst().orElse(GraphNames.CURATION);
    }

    /** Deletes the record's statements and its parts' from every data graph. */
    static void remove(DatasetGraph view, RecordId id) {
        Set<Node> subjects = new LinkedHashSet<>();
        subjects.add(id.node());
        String parts = id.uri() + "#";
        view.find(Node.ANY, id.node(), Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(parts)) subjects.add(o);
        });
        List<Quad> gone = new ArrayList<>();
        for (Node s : subjects)
            view.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> { if (isData(q.getGraph())) gone.add(q); });
        gone.forEach(view::delete);
    }

    /**
     * Writes {@code content} as the record in {@code home}: all of it in place of the record's statements, or,
     * {@link Replaced.Only only} some properties, the statements with those properties (and the #parts they
     * lead to) in place of the record's own with them, keeping the rest. {@code dct:modified} becomes {@code now}.
     */
    static void replace(DatasetGraph view, RecordId id, Node home, Graph content, Replaced what, Instant now) {
        Node record = id.node();
        Predicate<Triple> written;
        if (what instanceof Replaced.Only only) {
            Set<Node> replaced = new HashSet<>(only.properties());
            replaced.add(Terms.MODIFIED);
            remove(view, id, replaced);
            Set<Node> parts = new HashSet<>();
            content.find(record, Node.ANY, Node.ANY).forEach(t -> { if (replaced.contains(t.getPredicate())) parts.add(t.getObject()); });
            written = t -> t.getSubject().equals(record) ? replaced.contains(t.getPredicate()) : parts.contains(t.getSubject());
        } else {
            remove(view, id);
            written = t -> true;
        }
        for (Triple t : content.find().toList())
            if (written.test(t) && !(t.getSubject().equals(record) && t.getPredicate().equals(Terms.MODIFIED)))
                view.add(home, t.getSubject(), t.getPredicate(), t.getObject());
        view.add(home, record, Terms.MODIFIED, NodeFactory.createLiteralDT(now.toString(), XSDDatatype.XSDdateTime));
    }

    /** Deletes the record's statements with {@code properties}, and the #parts they lead to, from every data graph. */
    static void remove(DatasetGraph view, RecordId id, Set<Node> properties) {
        String parts = id.uri() + "#";
        List<Quad> gone = new ArrayList<>();
        Set<Node> partsGone = new LinkedHashSet<>();
        view.find(Node.ANY, id.node(), Node.ANY, Node.ANY).forEachRemaining(q -> {
            if (!isData(q.getGraph()) || !properties.contains(q.getPredicate())) return;
            gone.add(q);
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(parts)) partsGone.add(o);
        });
        for (Node part : partsGone)
            view.find(Node.ANY, part, Node.ANY, Node.ANY).forEachRemaining(q -> { if (isData(q.getGraph())) gone.add(q); });
        gone.forEach(view::delete);
    }

    /** A named graph of data (the staged view also answers for the default graph: the union, a copy of the rest). */
    private static boolean isData(Node g) {
        return !Quad.isDefaultGraph(g) && !GraphNames.isBookkeeping(g);
    }

    /** The JSON API writes records in data graphs only: not the ontology, not the store's own bookkeeping. */
    static void onlyDataGraphs(Set<Node> touched) {
        for (Node g : touched)
            if (GraphNames.isBookkeeping(g) || GraphNames.isSchema(g))
                throw new ForbiddenWriteException("A record write may not touch the graph " + g + ".");
    }
}
