package org.w3id.hikb.linkeddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/** What a data portal does: read the catalogue, the VoID, the dumps, the sitemap, and follow the change feed. */
class HarvestTest {
    static RunningKnowledgeBase kb;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        TestTokens tokens = TestTokens.create("harvest-test", "harvest-admin");
        token = tokens.editor();
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
    }

    @AfterAll
    static void stop() { kb.close(); }

    static Graph parse(String body, Lang lang) {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(body, lang).parse(g);
        return g;
    }

    @Test
    void theCatalogueConformsToTheOfficialDcatAp3Shapes() {
        // The mandatory rules and the classes of linked resources, and the recommended ones: no violation, no warning.
        // Every place has its box and centroid (from the bundled Natural Earth shapes).
        Graph catalogue = parse(kb.get("/catalog", "Accept", "text/turtle").body(), Lang.TURTLE);
        Graph shapes = GraphFactory.createDefaultGraph();
        for (String f : new String[] { "shapes.ttl", "range.ttl" })
            RDFDataMgr.read(shapes, HarvestTest.class.getResource("/standards/dcat-ap-3.0.1/" + f).toString());
        ValidationReport report = ShaclValidator.get().validate(Shapes.parse(shapes), catalogue);
        StringBuilder why = new StringBuilder();
        report.getEntries().forEach(e -> why.append(ShLib.displayStr(e.focusNode())).append(" ").append(e.resultPath()).append(" ").append(e.message()).append("\n"));
        assertTrue(report.conforms(), why.toString());
        Graph recommended = GraphFactory.createDefaultGraph();
        RDFDataMgr.read(recommended, HarvestTest.class.getResource("/standards/dcat-ap-3.0.1/shapes_recommended.ttl").toString());
        ValidationReport r2 = ShaclValidator.get().validate(Shapes.parse(recommended), catalogue);
        StringBuilder warnings = new StringBuilder();
        r2.getEntries().forEach(e -> warnings.append(ShLib.displayStr(e.focusNode())).append(" ").append(e.resultPath()).append(" ").append(e.message()).append("\n"));
        assertTrue(r2.conforms(), warnings.toString());
        assertTrue(catalogue.contains(Catalog.CATALOG, NodeFactory.createURI(Catalog.DCAT + "dataset"), Catalog.RECORDS));
        for (String type : new String[] { "application/ld+json", "application/rdf+xml", "application/n-triples", "text/html" })
            assertEquals(200, kb.get("/catalog", "Accept", type).statusCode(), type);
    }

    @Test
    void everyQuadOfTheStoreIsInTheNQuadsDumpAndEveryTripleInTheTurtleDump() throws Exception {
        DatasetGraph dumped = DatasetGraphFactory.createTxnMem();
        RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(bytes("/dumps/hikb.nq.gz")))).lang(Lang.NQUADS).parse(dumped);
        Graph turtle = GraphFactory.createDefaultGraph();
        RDFParser.source(new GZIPInputStream(new ByteArrayInputStream(bytes("/dumps/hikb.ttl.gz")))).lang(Lang.TURTLE).parse(turtle);
        DatasetGraph store = kb.app().store().readOnly();
        Txn.executeRead(store, () -> {
            int graphs = 0;
            for (Iterator<Node> it = store.listGraphNodes(); it.hasNext(); graphs++) {
                Node name = it.next();
                // Copied out of TDB2 first: its inline decimals make its own graphs compare oddly.
                assertTrue(copy(store.getGraph(name)).isIsomorphicWith(dumped.getGraph(name)), "graph " + name);
            }
            assertEquals(graphs, (int) org.apache.jena.atlas.iterator.Iter.count(dumped.listGraphNodes()));
            assertTrue(copy(store.getUnionGraph()).isIsomorphicWith(turtle), "the Turtle dump is the union graph");
        });
    }

    @Test
    void theVoidDescriptionCountsTheStatementsAndPointsToDumpsAndEndpoint() {
        Graph v = parse(kb.get("/.well-known/void", "Accept", "text/turtle").body(), Lang.TURTLE);
        long triples = Long.parseLong(v.find(Catalog.RECORDS, NodeFactory.createURI("http://rdfs.org/ns/void#triples"), Node.ANY).next().getObject().getLiteralLexicalForm());
        long quads = Txn.calculateRead(kb.app().store().readOnly(), () -> org.apache.jena.atlas.iterator.Iter.count(kb.app().store().readOnly().find()));
        assertEquals(quads, triples);
        assertTrue(v.contains(Catalog.RECORDS, NodeFactory.createURI("http://rdfs.org/ns/void#sparqlEndpoint"), NodeFactory.createURI("https://w3id.org/hikb/sparql")));
    }

    @Test
    void theSitemapListsTheRecordPages() {
        HttpResponse<String> r = kb.get("/sitemap.xml");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("<loc>" + kb.url("/doc/id/project/improve") + "</loc>"), r.body());
    }

    @Test
    void theDumpIsRevalidatedByGeneration() {
        HttpResponse<String> head = kb.get("/dumps/hikb.nq.gz");
        String etag = head.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, kb.get("/dumps/hikb.nq.gz", "If-None-Match", etag).statusCode());
        assertTrue(head.headers().firstValue("Content-Disposition").orElse("").contains("hikb-"));
    }

    @Test
    void theChangeFeedShowsEveryChangeInOrderAndAWriteAppearsAtItsEnd() {
        Graph stream = parse(kb.get("/feed", "Accept", "text/turtle").body(), Lang.TURTLE);
        Node first = NodeFactory.createURI(kb.url("/feed/0"));
        assertTrue(stream.contains(ChangeFeed.STREAM, NodeFactory.createURI(ChangeFeed.TREE + "view"), first), "pages are named by their own URLs");
        String update = "PREFIX dct: <http://purl.org/dc/terms/> INSERT DATA { GRAPH <https://w3id.org/hikb/graph/data/improve> { "
                + "<https://w3id.org/hikb/id/project/improve> dct:alternative \"IMPROVE NPA\"@en } }";
        HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update", update, "Authorization", "Bearer " + token);
        assertEquals(200, r.statusCode(), r.body());
        long generation = RunningKnowledgeBase.json(r.body()).path("generation").asLong();
        // Follow the pages from the first to the last, as a strict TREE client does: fetch the node's IRI as it is,
        // and read the relations of that very IRI.
        Node next = first;
        Graph last = null;
        int pages = 0;
        while (next != null && pages++ < 1000) {
            HttpResponse<String> page = kb.send(java.net.http.HttpRequest.newBuilder(URI.create(next.getURI())).header("Accept", "text/turtle").build());
            assertEquals(200, page.statusCode());
            last = parse(page.body(), Lang.TURTLE);
            assertTrue(last.contains(next, Node.ANY, NodeFactory.createURI(ChangeFeed.TREE + "Node")), "the page describes itself: " + next);
            var relation = last.find(Node.ANY, NodeFactory.createURI(ChangeFeed.TREE + "relation"), Node.ANY);
            Node self = next;
            next = null;
            while (relation.hasNext()) {
                var link = relation.next();
                assertEquals(self, link.getSubject(), "relations hang on the page fetched");
                next = last.find(link.getObject(), NodeFactory.createURI(ChangeFeed.TREE + "node"), Node.ANY).next().getObject();
            }
        }
        Node version = NodeFactory.createURI("https://w3id.org/hikb/version/" + generation + "/id/project/improve");
        assertTrue(last.contains(ChangeFeed.STREAM, NodeFactory.createURI(ChangeFeed.TREE + "member"), version), "the last page has the new version");
        assertTrue(last.contains(version, NodeFactory.createURI("http://purl.org/dc/terms/isVersionOf"), NodeFactory.createURI("https://w3id.org/hikb/id/project/improve")));
        assertEquals(404, kb.get("/feed/99999").statusCode());
        // A member dereferences: to the record as that write left it.
        HttpResponse<String> member = kb.get("/version/" + generation + "/id/project/improve");
        assertEquals(303, member.statusCode());
        String location = member.headers().firstValue("Location").orElseThrow();
        assertEquals("/api/records/improve/history/" + generation, location);
        assertEquals(200, kb.get(location).statusCode());
        // Asked for RDF, the member is the record's statements as that write left them.
        HttpResponse<String> asRdf = kb.get("/version/" + generation + "/id/project/improve", "Accept", "text/turtle");
        assertEquals(200, asRdf.statusCode(), asRdf.body());
        Graph state = parse(asRdf.body(), Lang.TURTLE);
        assertTrue(state.contains(version, NodeFactory.createURI("http://purl.org/dc/terms/isVersionOf"), NodeFactory.createURI("https://w3id.org/hikb/id/project/improve")));
        assertTrue(state.contains(NodeFactory.createURI("https://w3id.org/hikb/id/project/improve"), NodeFactory.createURI("http://purl.org/dc/terms/alternative"),
                NodeFactory.createLiteralLang("IMPROVE NPA", "en")), "the version has the write in it");
        assertEquals(404, kb.get("/version/" + generation + "/id/project/no-such-project").statusCode(), "no redirect to a version that is not there");
    }

    @Test
    void everyLinkOfTheHarvestDocumentsAnswers() {
        // The catalogue's own resources are described by the catalogue.
        for (String path : List.of("/dataset/records", "/dataset/ontology", "/dataset/records/sparql", "/publisher", "/contact", "/sparql-service")) {
            HttpResponse<String> r = kb.get(path);
            assertEquals(303, r.statusCode(), path);
            assertEquals("/catalog", r.headers().firstValue("Location").orElse(""), path);
        }
        Graph catalog = parse(kb.get("/catalog", "Accept", "text/turtle").body(), Lang.TURTLE);
        catalog.find().forEachRemaining(t -> {
            for (Node n : List.of(t.getSubject(), t.getObject()))
                if (n.isURI() && n.getURI().startsWith("https://w3id.org/hikb/") && !n.getURI().contains("#")) {
                    String path = URI.create(n.getURI()).getPath().substring("/hikb".length());
                    int status = kb.get(path, "Accept", "text/turtle").statusCode();
                    assertTrue(status == 200 || status == 303, n + " answers " + status);
                }
        });
        // Documents offered by Accept only advertise no alternates they do not serve.
        for (String path : List.of("/feed", "/feed/0", "/.well-known/void")) {
            HttpResponse<String> r = kb.get(path, "Accept", "text/turtle");
            assertEquals(200, r.statusCode(), path);
            for (String link : r.headers().allValues("Link"))
                for (String target : link.split(","))
                    if (target.contains("<")) {
                        String href = target.substring(target.indexOf('<') + 1, target.indexOf('>'));
                        assertEquals(200, kb.get(href).statusCode(), path + " advertises " + href);
                    }
        }
    }

    static Graph copy(Graph g) {
        Graph out = GraphFactory.createDefaultGraph();
        g.find().forEachRemaining(out::add);
        return out;
    }

    static byte[] bytes(String path) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(kb.url(path))).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
