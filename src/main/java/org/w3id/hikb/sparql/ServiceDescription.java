package org.w3id.hikb.sparql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The SPARQL 1.1 Service Description of {@code /sparql} and {@code /sparql/update}: the languages, result
 * formats, the union default graph, the named graphs and the text-search property function.
 */
final class ServiceDescription {
    private static final String SD = Namespaces.SPARQL_SERVICE;
    private static final String FORMATS = Namespaces.FORMATS;
    private final Supplier<List<Node>> graphs;
    private final boolean federated;

    /** @param federated whether {@code SERVICE} may call (some) other endpoints */
    ServiceDescription(Supplier<List<Node>> graphs, boolean federated) {
        this.graphs = graphs;
        this.federated = federated;
    }

    void write(HttpAction action, String origin, String contentType) {
        Lang lang = RDFLanguages.contentTypeToLang(contentType);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, describe(origin), lang);
        PublicQuery.write(action, 200, contentType + "; charset=utf-8", out.toString(StandardCharsets.UTF_8));
    }

    Graph describe(String origin) {
        Graph g = GraphFactory.createDefaultGraph();
        g.getPrefixMapping().setNsPrefix("sd", SD).setNsPrefix("formats", FORMATS);
        Node query = service(g, origin + SparqlService.PATH, "SPARQL11Query");
        for (String f : List.of("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                "Turtle", "N-Triples", "JSON-LD", "RDF_XML"))
            add(g, query, SD + "resultFormat", uri(FORMATS + f));
        add(g, query, SD + "feature", uri(SD + "UnionDefaultGraph"));
        if (federated) add(g, query, SD + "feature", uri(SD + "BasicFederatedQuery"));
        add(g, query, SD + "propertyFeature", uri(TextQuery.URI));

        Node dataset = NodeFactory.createBlankNode();
        add(g, query, SD + "defaultDataset", dataset);
        add(g, dataset, RDF.type.getURI(), uri(SD + "Dataset"));
        Node defaultGraph = NodeFactory.createBlankNode();
        add(g, dataset, SD + "defaultGraph", defaultGraph);
        add(g, defaultGraph, RDF.type.getURI(), uri(SD + "Graph"));
        for (Node name : graphs.get()) {
            Node named = NodeFactory.createBlankNode();
            add(g, dataset, SD + "namedGraph", named);
            add(g, named, RDF.type.getURI(), uri(SD + "NamedGraph"));
            add(g, named, SD + "name", name);
        }

        service(g, origin + SparqlService.PATH + "/update", "SPARQL11Update");
        return g;
    }

    private static Node service(Graph g, String endpoint, String language) {
        Node s = uri(endpoint);
        add(g, s, RDF.type.getURI(), uri(SD + "Service"));
        add(g, s, SD + "endpoint", s);
        add(g, s, SD + "supportedLanguage", uri(SD + language));
        return s;
    }

    private static void add(Graph g, Node s, String p, Node o) {
        g.add(s, uri(p), o);
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
