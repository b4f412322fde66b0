package org.w3id.hikb.write;

import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.vocab.Namespaces;

/**
 * What one write did to one record (its own statements and its parts'): the quads it added and deleted.
 * Kept in the history graph for records that existed before the write, so that any earlier version can be
 * rebuilt from the current one by undoing the later patches. (A record's first version needs no patch: it
 * is what undoing every later one leaves.)
 */
record RecordPatch(Node record, List<Quad> added, List<Quad> deleted, boolean existedBefore) {

    /** The patches of a write, by record; {@code dsg} must still be as it was before the write. */
    static List<RecordPatch> of(DatasetGraph dsg, List<Quad> added, List<Quad> deleted) {
        Map<Node, List<Quad>[]> byRecord = new LinkedHashMap<>();
        group(added, byRecord, 0);
        group(deleted, byRecord, 1);
        List<RecordPatch> out = new ArrayList<>();
        byRecord.forEach((record, quads) ->
                out.add(new RecordPatch(record, quads[0], quads[1], dsg.find(Node.ANY, record, Node.ANY, Node.ANY).hasNext())));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void group(List<Quad> quads, Map<Node, List<Quad>[]> byRecord, int side) {
        for (Quad q : quads) {
            Node s = q.getSubject();
            if (!s.isURI() || !(s.getURI().startsWith(Namespaces.ID) || s.getURI().startsWith(Namespaces.CONCEPT))) continue;
            Node record = NodeFactory.createURI(RecordId.ownerOf(s));
            byRecord.computeIfAbsent(record, r -> new List[] { new ArrayList<Quad>(), new ArrayList<Quad>() })[side].add(q);
        }
    }

    static String text(List<Quad> quads) {
        StringWriter out = new StringWriter();
        for (Quad q : quads)
            out.append(NodeFmtLib.strNQ(q)).append('\n');
        return out.toString();
    }

    static List<Quad> parse(String nquads) {
        List<Quad> out = new ArrayList<>();
        RDFParser.fromString(nquads, Lang.NQUADS).parse(new org.apache.jena.riot.system.StreamRDFBase() {
            @Override
            public void quad(Quad quad) { out.add(quad); }
        });
        return out;
    }
}
