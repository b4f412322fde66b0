package org.w3id.hikb.sparql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdfconnection.RDFConnection;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.http.QueryExecHTTP;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** What a developer does with /sparql, through Jena's own SPARQL client and through plain HTTP. */
class SparqlProtocolTest {
    static final String PROJECTS = "PREFIX hikb: <https://w3id.org/hikb/ontology#> SELECT ?p WHERE { ?p a hikb:Project } ORDER BY ?p";
    static final String CONSTRUCT = "PREFIX dct: <http://purl.org/dc/terms/> CONSTRUCT { ?p dct:title ?t } WHERE { ?p a <https://w3id.org/hikb/ontology#Project> ; dct:title ?t }";
    static final String IMPROVE_GRAPH = "https://w3id.org/hikb/graph/data/improve";
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    static String q(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    @Test
    void aSparqlErrorIsProblemJsonForAClientThatAsksForItAndPlainTextForOthers() {
        HttpResponse<String> problem = kb.get("/sparql?query=" + q("SELECT * WHERE {"), "Accept", "application/sparql-results+json, application/problem+json;q=0.9");
        assertEquals(400, problem.statusCode());
        assertTrue(problem.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), problem.headers().toString());
        var json = RunningKnowledgeBase.json(problem.body());
        assertEquals("https://w3id.org/hikb/problem/bad-request", json.path("type").asText(), problem.body());
        assertEquals(400, json.path("status").asInt());
        assertTrue(json.path("detail").asText().contains("Encountered"), "Fuseki's parser message is kept: " + problem.body());
        HttpResponse<String> text = kb.get("/sparql?query=" + q("SELECT * WHERE {"), "Accept", "application/sparql-results+json");
        assertEquals(400, text.statusCode());
        assertTrue(text.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), "as SPARQL clients expect");
        HttpResponse<String> unknown = kb.get("/sparql?format=%C3%A9&query=" + q("ASK {}"), "Accept", "application/json");
        assertTrue(unknown.statusCode() >= 400 && unknown.statusCode() < 500, unknown.statusCode() + " " + unknown.body());
    }

    @Test
    void jenasClientReadsSelectAskConstructAndDescribe() {
        try (RDFConnection conn = RDFConnection.queryConnect(kb.url("/sparql"))) {
            List<String> projects = new ArrayList<>();
            conn.querySelect(PROJECTS, row -> projects.add(row.getResource("p").getURI()));
            assertTrue(projects.contains("https://w3id.org/hikb/id/project/improve"), projects.toString());
            assertTrue(conn.queryAsk("ASK { <https://w3id.org/hikb/id/project/hack-it-net> ?p ?o }"));
            assertTrue(conn.queryConstruct(CONSTRUCT).size() >= 8);
            assertTrue(conn.queryDescribe("DESCRIBE <https://w3id.org/hikb/id/project/improve>").size() > 10);
        }
    }

    @ParameterizedTest(name = "SELECT as {0}")
    @CsvSource({ "application/sparql-results+json, json", "application/sparql-results+xml, xml",
                 "text/csv, csv", "text/tab-separated-values, tsv" })
    void selectResultsComeInEveryFormatByAcceptOrByFormat(String mediaType, String shortName) {
        HttpResponse<String> byAccept = kb.get("/sparql?query=" + q(PROJECTS), "Accept", mediaType);
        HttpResponse<String> byFormat = kb.get("/sparql?format=" + shortName + "&query=" + q(PROJECTS));
        for (HttpResponse<String> r : List.of(byAccept, byFormat)) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType), r.headers().toString());
        }
        Lang lang = RDFLanguages.contentTypeToLang(mediaType);
        int rows = ResultSetFormatter.consume(ResultSetMgr.read(new ByteArrayInputStream(byAccept.body().getBytes(StandardCharsets.UTF_8)), lang));
        assertTrue(rows >= 3, byAccept.body());
        assertEquals(byAccept.body(), byFormat.body());
    }

    @ParameterizedTest(name = "CONSTRUCT as {0}")
    @CsvSource({ "text/turtle, ttl", "application/n-triples, nt", "application/ld+json, json-ld", "application/rdf+xml, xml" })
    void graphResultsComeInEveryFormatByAcceptOrByFormat(String mediaType, String shortName) {
        HttpResponse<String> byAccept = kb.get("/sparql?query=" + q(CONSTRUCT), "Accept", mediaType);
        HttpResponse<String> byFormat = kb.get("/sparql?format=" + shortName + "&query=" + q(CONSTRUCT));
        for (HttpResponse<String> r : List.of(byAccept, byFormat)) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType), r.headers().toString());
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), RDFLanguages.contentTypeToLang(mediaType)).parse(g);
            assertTrue(g.size() >= 8, "triples: " + g.size());
        }
    }

    @Test
    void askAnswersInJsonAndXml() {
        String ask = q("ASK { ?s a <https://w3id.org/hikb/ontology#Project> }");
        assertTrue(kb.get("/sparql?query=" + ask, "Accept", "application/sparql-results+json").body().contains("\"boolean\" : true"));
        assertTrue(kb.get("/sparql?format=xml&query=" + ask).body().contains("<boolean>true</boolean>"));
    }

    @Test
    void aQueryCanBePostedAsAFormOrAsASparqlQueryBody() {
        HttpResponse<String> form = kb.post("/sparql", "application/x-www-form-urlencoded", "query=" + q(PROJECTS), "Accept", "text/csv");
        HttpResponse<String> body = kb.post("/sparql", "application/sparql-query", PROJECTS, "Accept", "text/csv");
        HttpResponse<String> get = kb.get("/sparql?query=" + q(PROJECTS), "Accept", "text/csv");
        assertEquals(200, form.statusCode(), form.body());
        assertEquals(200, body.statusCode(), body.body());
        assertEquals(get.body(), form.body());
        assertEquals(get.body(), body.body());
    }

    @Test
    void theDefaultGraphIsTheUnionOfTheNamedGraphs() {
        // Statements from two different files meet in one pattern without GRAPH.
        String query = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX hikb: <https://w3id.org/hikb/ontology#> "
                + "SELECT ?label WHERE { <https://w3id.org/hikb/id/project/improve> hikb:theme ?t . ?t skos:prefLabel ?label FILTER(lang(?label) = 'sv') }";
        assertFalse(kb.sparql(query).path("results").path("bindings").isEmpty());
        Set<String> graphs = new HashSet<>();
        kb.sparql("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }").path("results").path("bindings")
                .forEach(b -> graphs.add(b.path("g").path("value").asText()));
        assertTrue(graphs.containsAll(Set.of(IMPROVE_GRAPH, "https://w3id.org/hikb/graph/ontology/hikb")), graphs.toString());
    }

    @Test
    void defaultGraphUriAndNamedGraphUriChooseTheDataset() {
        String count = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a <https://w3id.org/hikb/ontology#Project> }";
        HttpResponse<String> onlyImprove = kb.get("/sparql?default-graph-uri=" + q(IMPROVE_GRAPH) + "&query=" + q(count), "Accept", "text/csv");
        assertEquals("n\r\n1\r\n", onlyImprove.body());
        HttpResponse<String> fromClause = kb.get("/sparql?query=" + q(count.replace("WHERE", "FROM <" + IMPROVE_GRAPH + "> WHERE")), "Accept", "text/csv");
        assertEquals("n\r\n1\r\n", fromClause.body());
        String named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }";
        HttpResponse<String> oneNamed = kb.get("/sparql?named-graph-uri=" + q(IMPROVE_GRAPH) + "&query=" + q(named), "Accept", "text/csv");
        assertEquals("g\r\n" + IMPROVE_GRAPH + "\r\n", oneNamed.body());
    }

    @Test
    void aBrowserGetsTheQueryEditorWithTheExamples() {
        HttpResponse<String> page = kb.get("/sparql", "Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<textarea"), page.body());
        assertTrue(page.body().contains("PREFIX hikb: &lt;https://w3id.org/hikb/ontology#&gt;"), "the form starts with the prefixes");
        for (ExampleQueries.Example e : ExampleQueries.all())
            assertTrue(page.body().contains("/sparql?example=" + e.id()), e.id());
        assertTrue(page.body().contains("text:query"), "the page documents the text search");
        assertTrue(page.body().contains("https://w3id.org/hikb/graph/data/improve"), "the page lists the named graphs");
        HttpResponse<String> example = kb.get("/sparql?example=budgets-and-erdf-shares", "Accept", "text/html");
        assertTrue(example.body().contains("fund:erdf"), example.body());
    }

    @Test
    void resultsCanBeShownOnTheEditorPageWithoutAnyScript() {
        HttpResponse<String> page = kb.get("/sparql?format=html&query=" + q(PROJECTS));
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<th scope=\"col\">p</th>"), page.body());
        assertTrue(page.body().contains("id/project/improve"), page.body());
        assertFalse(page.body().contains("<script"), "no script needed");
        HttpResponse<String> broken = kb.get("/sparql?format=html&query=" + q("SELECT WHERE {"));
        assertEquals(400, broken.statusCode());
        assertTrue(broken.body().contains("class=\"error\"") && broken.body().contains("SELECT WHERE {"), "the error is shown with the query kept");
    }

    @Test
    void aProgramGetsTheServiceDescription() {
        HttpResponse<String> sd = kb.get("/sparql", "Accept", "text/turtle");
        assertEquals(200, sd.statusCode());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(sd.body(), Lang.TURTLE).parse(g);
        String turtle = sd.body();
        assertTrue(turtle.contains("sd:SPARQL11Query") && turtle.contains("sd:UnionDefaultGraph") && turtle.contains("https://w3id.org/hikb/text#query"), turtle);
        assertTrue(turtle.contains(IMPROVE_GRAPH), "the named graphs are listed");
        assertFalse(turtle.contains("BasicFederatedQuery"), "SERVICE is off by default");
        assertEquals(200, kb.get("/sparql", "Accept", "application/ld+json").statusCode());
        assertEquals(406, kb.get("/sparql", "Accept", "image/png").statusCode());
    }

    static Stream<ExampleQueries.Example> examples() {
        return ExampleQueries.all().stream();
    }

    @ParameterizedTest(name = "example {0}")
    @MethodSource("examples")
    void everyExampleQueryRunsAndReturnsRows(ExampleQueries.Example example) {
        try (QueryExecHTTP exec = QueryExecHTTP.service(kb.url("/sparql")).query(example.text()).build()) {
            RowSet rows = exec.select();
            long n = rows.stream().count();
            assertTrue(n > 0, example.id() + " returned no rows");
        }
    }

    @Test
    void malformedQueriesAndFormatsAre4xxWithAReason() {
        HttpResponse<String> parse = kb.get("/sparql?query=" + q("SELEC ?x"));
        assertEquals(400, parse.statusCode());
        assertTrue(parse.body().contains("Lexical error") || parse.body().contains("Encountered"), parse.body());
        assertEquals(400, kb.get("/sparql?format=foo&query=" + q(PROJECTS)).statusCode());
        assertEquals(400, kb.get("/sparql?query=" + q(PROJECTS) + "&query=" + q(PROJECTS)).statusCode());
        assertEquals(415, kb.post("/sparql", "application/json", "{}").statusCode());
    }
}
