package org.w3id.hikb.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.App;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Terms;

/**
 * A write the shapes refuse leaves no trace, even in the store's files. (With TDB2 5.6, writing a large
 * change into the store, reading it back and aborting, then committing the same nodes, left references
 * to node data that was never kept: the store could not be read after a restart. Writes are staged.)
 */
class RefusedWriteTest {
    @TempDir Path tmp;

    @Test
    void aRefusedLargeWriteThenTheSameRecordsAcceptedCanBeReadBackAfterARestart() {
        Config config = Config.resolve(Map.of(), Map.of("data", tmp.toString()));
        Node graph = GraphNames.graph("import/test");
        Map<Node, Graph> records = new LinkedHashMap<>();
        Node bad = null;
        try (App app = App.open(config)) {
            app.loadBundle("test");
            for (int i = 0; i < 1500; i++) {
                Node r = NodeFactory.createURI("https://w3id.org/hikb/id/project/refused-write-" + i);
                Graph g = GraphFactory.createDefaultGraph();
                g.add(Triple.create(r, Terms.TYPE, HIKB.Project));
                g.add(Triple.create(r, Terms.TITLE, NodeFactory.createLiteralLang("A record written twice, number " + i, "en")));
                g.add(Triple.create(r, Terms.SOURCE, NodeFactory.createURI("https://w3id.org/hikb/id/source/seed-000-hack-it-net")));
                if (i == 700) {
                    bad = r;
                    g.add(Triple.create(r, HIKB.startDate, NodeFactory.createLiteralDT("2020-01-01", XSDDatatype.XSDdate)));
                    g.add(Triple.create(r, HIKB.startDate, NodeFactory.createLiteralDT("2021-01-01", XSDDatatype.XSDdate)));
                }
                records.put(r, g);
            }
            long before = app.writes().generation();
            assertThrows(InvalidDataException.class, () -> app.writes().commit(new Change.UpsertRecords(graph, records, Map.of()), "test"));
            assertEquals(before, app.writes().generation(), "nothing of the refused write was committed");
            records.remove(bad);
            app.writes().commit(new Change.UpsertRecords(graph, records, Map.of()), "test");
        }
        try (App app = App.open(config)) {
            long[] counts = app.store().read(dsg -> {
                long quads = 0, titles = 0;
                for (var it = dsg.find(); it.hasNext(); quads++) {
                    var q = it.next();
                    if (q.getGraph().equals(graph) && q.getPredicate().equals(Terms.TITLE)) titles++;
                    q.getObject().toString(); // every node decodes from the files
                }
                return new long[] { quads, titles };
            });
            assertEquals(1499, counts[1]);
            assertEquals(app.writes().generation(), app.index().generation(), "the index agrees after the restart");
        }
    }
}
