package org.w3id.hikb.linkeddata;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.History;

/**
 * The VoID description at {@code /.well-known/void}: how many statements, records, classes and properties,
 * which vocabularies, some example resources, and where the dumps and the SPARQL endpoint are. The counts
 * are computed once per generation of the store. Must be called inside a read transaction.
 */
final class VoidDescription {
    private static final String VOID = "http://rdfs.org/ns/void#";
    private static final List<String> VOCABULARIES = List.of(HIKB.NS, Namespaces.DCT, Namespaces.SKOS, "http://www.w3.org/ns/prov#",
            "http://www.w3.org/ns/dcat#", "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/org#", "http://schema.org/");
    private static final List<String> EXAMPLES = List.of("id/project/hack-it-net", "id/project/improve", "id/programme/ecosistema-innovativo-della-salute",
            "concept/theme/telemedicine");

    private record Counts(long generation, long triples, long records, long classes, long properties) {}
    private volatile Counts cached;

    Graph describe(DatasetGraph dsg) {
        Counts c = counts(dsg);
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("void", VOID).setNsPrefix("dct", Namespaces.DCT).setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        Node doc = uri(Namespaces.BASE + ".well-known/void");
        Node ds = Catalog.RECORDS;
        add(g, doc, Terms.TYPE, uri(VOID + "DatasetDescription"));
        add(g, doc, Terms.TITLE, NodeFactory.createLiteralLang("VoID description of the Health Innovation Knowledge Base", "en"));
        add(g, doc, uri("http://xmlns.com/foaf/0.1/primaryTopic"), ds);
        add(g, ds, Terms.TYPE, uri(VOID + "Dataset"));
        add(g, ds, Terms.TITLE, NodeFactory.createLiteralLang("Health Innovation Knowledge Base", "en"));
        add(g, ds, uri(Namespaces.DCT + "license"), uri("http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"));
        add(g, ds, uri(VOID + "triples"), integer(c.triples()));
        add(g, ds, uri(VOID + "entities"), integer(c.records()));
        add(g, ds, uri(VOID + "classes"), integer(c.classes()));
        add(g, ds, uri(VOID + "properties"), integer(c.properties()));
        add(g, ds, uri(VOID + "uriSpace"), NodeFactory.createLiteralString(Namespaces.ID));
        add(g, ds, uri(VOID + "sparqlEndpoint"), uri(Namespaces.BASE + "sparql"));
        add(g, ds, uri(VOID + "dataDump"), uri(Namespaces.BASE + "dumps/hikb.nq.gz"));
        add(g, ds, uri(VOID + "dataDump"), uri(Namespaces.BASE + "dumps/hikb.ttl.gz"));
        add(g, ds, uri(VOID + "rootResource"), Catalog.CATALOG);
        for (String v : VOCABULARIES) add(g, ds, uri(VOID + "vocabulary"), uri(v));
        for (String e : EXAMPLES) add(g, ds, uri(VOID + "exampleResource"), uri(Namespaces.BASE + e));
        for (String f : List.of("Turtle", "JSON-LD", "RDF_XML", "N-Triples", "N-Quads"))
            add(g, ds, uri(VOID + "feature"), uri("http://www.w3.org/ns/formats/" + f));
        return g;
    }

    private Counts counts(DatasetGraph dsg) {
        long generation = History.generation(dsg);
        Counts c = cached;
        if (c != null && c.generation() == generation) return c;
        long triples = 0, records = 0;
        Set<Node> classes = new HashSet<>(), properties = new HashSet<>();
        var it = dsg.find();
        while (it.hasNext()) {
            var q = it.next();
            triples++;
            properties.add(q.getPredicate());
            if (q.getPredicate().equals(Terms.TYPE)) {
                classes.add(q.getObject());
                if (q.getSubject().isURI() && q.getSubject().getURI().startsWith(Namespaces.ID)) records++;
            }
        }
        c = new Counts(generation, triples, records, classes.size(), properties.size());
        cached = c;
        return c;
    }

    private static void add(Graph g, Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static Node integer(long n) {
        return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
