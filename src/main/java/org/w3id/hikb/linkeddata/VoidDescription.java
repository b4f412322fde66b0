package org.w3id.hikb.linkeddata;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.records.Lang;
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
    private static final String VOID = Namespaces.VOID;
    private static final List<String> VOCABULARIES = List.of(HIKB.NS, Namespaces.DCT, Namespaces.SKOS, Namespaces.PROV,
            Namespaces.DCAT, Namespaces.FOAF, Namespaces.ORG, Namespaces.SCHEMA);
    private static final List<String> EXAMPLES = List.of("id/project/hack-it-net", "id/project/improve", "id/programme/ecosistema-innovativo-della-salute",
            "concept/theme/telemedicine");

    /**
     * What the store holds, counted in one pass: triples per named graph (one per source), records per class,
     * records with a title and with a summary per language, records per theme.
     */
    private record Counts(long generation, long triples, long records, long classes, long properties, Map<Node, Long> graphs,
                          Map<Node, Long> perClass, Map<String, Long> titles, Map<String, Long> summaries, Map<Node, Long> themes) {}
    private volatile Counts cached;

    Graph describe(DatasetGraph dsg) {
        Counts c = counts(dsg);
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("void", VOID).setNsPrefix("dct", Namespaces.DCT).setNsPrefix("foaf", Namespaces.FOAF);
        Node doc = uri(Namespaces.BASE + ".well-known/void");
        Node ds = Catalog.RECORDS;
        add(g, doc, Terms.TYPE, uri(VOID + "DatasetDescription"));
        add(g, doc, Terms.TITLE, NodeFactory.createLiteralLang("VoID description of the Health Innovation Knowledge Base", "en"));
        add(g, doc, org.apache.jena.sparql.vocabulary.FOAF.primaryTopic.asNode(), ds);
        add(g, ds, Terms.TYPE, uri(VOID + "Dataset"));
        add(g, ds, Terms.TITLE, NodeFactory.createLiteralLang("Health Innovation Knowledge Base", "en"));
        add(g, ds, uri(Namespaces.DCT + "license"), uri(Namespaces.EU_AUTHORITY + "licence/CC_BY_4_0"));
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
            add(g, ds, uri(VOID + "feature"), uri(Namespaces.FORMATS + f));
        partitions(g, ds, c);
        return g;
    }

    /**
     * What is really there: a subset per named graph (each source's records, each ontology file), a class
     * partition per record class, and subsets of the records with a title or a summary in each language and
     * of the records with each theme.
     */
    private static void partitions(Graph g, Node ds, Counts c) {
        c.graphs().forEach((graph, n) -> {
            if (!graph.isURI()) return;
            Node subset = part("graph-" + graph.getURI().substring(graph.getURI().lastIndexOf("/graph/") + 7).replace('/', '-'));
            add(g, ds, uri(VOID + "subset"), subset);
            add(g, subset, Terms.TYPE, uri(VOID + "Dataset"));
            add(g, subset, uri(Namespaces.SPARQL_SERVICE + "name"), graph);
            add(g, subset, uri(VOID + "triples"), integer(n));
            String id = graph.getURI().substring(graph.getURI().lastIndexOf('/') + 1);
            if (graph.getURI().contains("/graph/import/")) add(g, subset, Terms.SOURCE, uri(Namespaces.ID + "source/" + id));
        });
        c.perClass().forEach((cls, n) -> {
            Node part = part("class-" + cls.getURI().substring(HIKB.NS.length()));
            add(g, ds, uri(VOID + "classPartition"), part);
            add(g, part, uri(VOID + "class"), cls);
            add(g, part, uri(VOID + "entities"), integer(n));
        });
        for (var kind : List.of(Map.entry("title", c.titles()), Map.entry("summary", c.summaries())))
            kind.getValue().forEach((lang, n) -> {
                Node part = part(kind.getKey() + "-" + lang);
                add(g, ds, uri(VOID + "subset"), part);
                add(g, part, Terms.TYPE, uri(VOID + "Dataset"));
                add(g, part, Terms.TITLE, NodeFactory.createLiteralLang("Records with a " + kind.getKey() + " in " + lang, "en"));
                add(g, part, Terms.LANGUAGE, Lang.of(lang).map(Lang::authority).orElse(NodeFactory.createLiteralString(lang)));
                add(g, part, uri(VOID + "entities"), integer(n));
            });
        c.themes().forEach((theme, n) -> {
            if (!theme.isURI()) return;
            Node part = part("theme-" + theme.getURI().substring(theme.getURI().lastIndexOf('/') + 1));
            add(g, ds, uri(VOID + "subset"), part);
            add(g, part, Terms.TYPE, uri(VOID + "Dataset"));
            add(g, part, uri(Namespaces.DCT + "subject"), theme);
            add(g, part, uri(VOID + "entities"), integer(n));
        });
    }

    private Counts counts(DatasetGraph dsg) {
        long generation = History.generation(dsg);
        Counts c = cached;
        if (c != null && c.generation() == generation) return c;
        long triples = 0, records = 0;
        Set<Node> classes = new HashSet<>(), properties = new HashSet<>();
        Map<Node, Long> graphs = new TreeMap<>(BY_URI), perClass = new TreeMap<>(BY_URI), themes = new TreeMap<>(BY_URI);
        Map<String, Long> titles = new TreeMap<>(), summaries = new TreeMap<>();
        var it = dsg.find();
        while (it.hasNext()) {
            var q = it.next();
            triples++;
            graphs.merge(q.getGraph(), 1L, Long::sum);
            properties.add(q.getPredicate());
            Node p = q.getPredicate();
            boolean record = q.getSubject().isURI() && q.getSubject().getURI().startsWith(Namespaces.ID) && !q.getSubject().getURI().contains("#");
            if (p.equals(Terms.TYPE)) {
                classes.add(q.getObject());
                if (record) {
                    records++;
                    if (q.getObject().isURI() && q.getObject().getURI().startsWith(HIKB.NS)) perClass.merge(q.getObject(), 1L, Long::sum);
                }
            } else if (record && q.getObject().isLiteral() && (p.equals(Terms.TITLE) || p.equals(Terms.ABSTRACT))) {
                String lang = q.getObject().getLiteralLanguage();
                if (!lang.isEmpty()) (p.equals(Terms.TITLE) ? titles : summaries).merge(lang, 1L, Long::sum);
            } else if (record && (p.equals(HIKB.theme) || p.equals(HIKB.derivedTheme))) {
                themes.merge(q.getObject(), 1L, Long::sum);
            }
        }
        c = new Counts(generation, triples, records, classes.size(), properties.size(), graphs, perClass, titles, summaries, themes);
        cached = c;
        return c;
    }

    /** A part of the description, named in the VoID document itself (it dereferences to the description). */
    private static Node part(String name) {
        return NodeFactory.createURI(Namespaces.BASE + ".well-known/void#" + name);
    }

    private static final java.util.Comparator<Node> BY_URI = java.util.Comparator.comparing(Node::toString);

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
