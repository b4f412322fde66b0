package org.w3id.hikb.linkeddata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * The catalogue scored as data.europa.eu's Metadata Quality Assessment scores it, with its published weights
 * (405 points: findability 100, accessibility 100, interoperability 110, reusability 75, contextuality 20;
 * a dataset indicator counts the share of datasets that meet it, a distribution indicator the share of
 * distributions). "Excellent" is over 350. Access and download URLs are fetched from this server, where the
 * w3id.org IRIs lead.
 */
class MqaScoreTest {
    static final String DCAT = "http://www.w3.org/ns/dcat#", DCT = "http://purl.org/dc/terms/";
    static final String EU = "http://publications.europa.eu/resource/authority/";
    /** Of the EU file types we use, the open and the machine-readable ones (the MQA's lists). */
    static final Set<String> NON_PROPRIETARY = Set.of("RDF_N_QUADS", "RDF_TURTLE", "JSON", "JSON_LD", "SPARQLQ");
    static final Set<String> MACHINE_READABLE = Set.of("RDF_N_QUADS", "RDF_TURTLE", "JSON", "JSON_LD", "SPARQLQ");

    @Test
    void theCatalogueScoresExcellent() {
        RunningKnowledgeBase kb = RunningKnowledgeBase.shared();
        Graph g = HarvestTest.parse(kb.get("/catalog", "Accept", "text/turtle").body(), Lang.TURTLE);
        List<Node> datasets = subjects(g, DCAT + "Dataset"), distributions = subjects(g, DCAT + "Distribution");
        Graph shapes = GraphFactory.createDefaultGraph();
        for (String f : new String[] { "shapes.ttl", "range.ttl" })
            RDFDataMgr.read(shapes, MqaScoreTest.class.getResource("/standards/dcat-ap-3.0.1/" + f).toString());
        boolean compliant = ShaclValidator.get().validate(Shapes.parse(shapes), g).conforms();
        Predicate<Node> reachable = url -> {
            int status = kb.get(url.getURI().replace("https://w3id.org/hikb/", "/"), "Accept", "*/*").statusCode();
            return status >= 200 && status < 400;
        };
        List<String> lines = new ArrayList<>();
        double score = 0;
        score += part(lines, "keywords", 30, share(datasets, d -> has(g, d, DCAT + "keyword")));
        score += part(lines, "themes", 30, share(datasets, d -> has(g, d, DCAT + "theme")));
        score += part(lines, "spatial", 20, share(datasets, d -> has(g, d, DCT + "spatial")));
        score += part(lines, "temporal", 20, share(datasets, d -> has(g, d, DCT + "temporal")));
        score += part(lines, "accessURL reachable", 50, share(distributions, d -> all(g, d, DCAT + "accessURL", reachable)));
        score += part(lines, "downloadURL", 20, share(distributions, d -> has(g, d, DCAT + "downloadURL")));
        score += part(lines, "downloadURL reachable", 30, share(distributions, d -> has(g, d, DCAT + "downloadURL") && all(g, d, DCAT + "downloadURL", reachable)));
        score += part(lines, "format", 20, share(distributions, d -> has(g, d, DCT + "format")));
        score += part(lines, "mediaType", 10, share(distributions, d -> has(g, d, DCAT + "mediaType")));
        score += part(lines, "format from the EU vocabulary", 10, share(distributions, d -> all(g, d, DCT + "format", f -> f.getURI().startsWith(EU + "file-type/"))));
        score += part(lines, "non-proprietary", 20, share(distributions, d -> all(g, d, DCT + "format", f -> NON_PROPRIETARY.contains(code(f)))));
        score += part(lines, "machine-readable", 20, share(distributions, d -> all(g, d, DCT + "format", f -> MACHINE_READABLE.contains(code(f)))));
        score += part(lines, "DCAT-AP compliance", 30, compliant ? 1 : 0);
        score += part(lines, "licence", 20, share(distributions, d -> has(g, d, DCT + "license")));
        score += part(lines, "licence from the EU vocabulary", 10, share(distributions, d -> all(g, d, DCT + "license", l -> l.getURI().startsWith(EU + "licence/"))));
        score += part(lines, "access rights", 10, share(datasets, d -> has(g, d, DCT + "accessRights")));
        score += part(lines, "access rights from the EU vocabulary", 5, share(datasets, d -> all(g, d, DCT + "accessRights", a -> a.getURI().startsWith(EU + "access-right/"))));
        score += part(lines, "contact point", 20, share(datasets, d -> has(g, d, DCAT + "contactPoint")));
        score += part(lines, "publisher", 10, share(datasets, d -> has(g, d, DCT + "publisher")));
        score += part(lines, "rights", 5, share(distributions, d -> has(g, d, DCT + "rights")));
        score += part(lines, "byte size", 5, share(distributions, d -> has(g, d, DCAT + "byteSize")));
        score += part(lines, "issued", 5, share(datasets, d -> has(g, d, DCT + "issued")));
        score += part(lines, "modified", 5, share(datasets, d -> has(g, d, DCT + "modified")));
        System.out.printf("MQA score of the catalogue: %.0f of 405%n%s%n", score, String.join("\n", lines));
        assertTrue(datasets.size() >= 3 && distributions.size() >= 10, datasets + " " + distributions);
        assertTrue(score > 350, String.format("%.0f of 405, not Excellent:%n%s", score, String.join("\n", lines)));
    }

    private static double part(List<String> lines, String name, int weight, double share) {
        lines.add(String.format("  %-40s %5.1f of %d", name, weight * share, weight));
        return weight * share;
    }

    private static double share(List<Node> nodes, Predicate<Node> test) {
        return nodes.isEmpty() ? 0 : nodes.stream().filter(test).count() / (double) nodes.size();
    }

    private static boolean has(Graph g, Node s, String p) {
        return g.contains(s, NodeFactory.createURI(p), Node.ANY);
    }

    private static boolean all(Graph g, Node s, String p, Predicate<Node> test) {
        List<Node> values = g.find(s, NodeFactory.createURI(p), Node.ANY).mapWith(t -> t.getObject()).toList();
        return !values.isEmpty() && values.stream().allMatch(v -> v.isURI() && test.test(v));
    }

    private static String code(Node fileType) {
        return fileType.getURI().substring(fileType.getURI().lastIndexOf('/') + 1);
    }

    private static List<Node> subjects(Graph g, String type) {
        return g.find(Node.ANY, NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NodeFactory.createURI(type))
                .mapWith(t -> t.getSubject()).toList();
    }
}
