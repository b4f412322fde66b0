package org.w3id.hikb.linkeddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.NodeTool;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.TestTokens;

/**
 * The change feed replayed by a strict third-party LDES client (the npm {@code ldes-client}, without
 * {@code --loose}), starting from the stream's persistent IRI as a harvester would: through a front that
 * answers {@code https://w3id.org/hikb/...} with a {@code 303} to this server, as w3id.org does. Every member
 * comes out, across pages, and every member's version reads as RDF: a record's as its statements at that write.
 */
class LdesClientTest {
    static final String W3ID = "https://w3id.org/hikb/";
    static final Node IS_VERSION_OF = NodeFactory.createURI("http://purl.org/dc/terms/isVersionOf");
    static RunningKnowledgeBase kb;
    static HttpServer front;
    static Path client;

    @BeforeAll
    static void start() throws Exception {
        client = NodeTool.command("ldes-client", "0.3.0", "ldes-client");
        TestTokens tokens = TestTokens.create("editor", "admin");
        kb = RunningKnowledgeBase.start(Map.of("tokens-file", tokens.path()));
        // Enough writes that the feed has more than one page: ten updates of every project, programme and organisation.
        for (int i = 1; i <= 10; i++) {
            String update = "PREFIX dct: <http://purl.org/dc/terms/> PREFIX hikb: <https://w3id.org/hikb/ontology#> INSERT { GRAPH ?g { ?r dct:alternative \"feed test " + i
                    + "\"@en } } WHERE { GRAPH ?g { ?r a ?type } VALUES ?type { hikb:Project hikb:Programme hikb:Organisation hikb:Hub hikb:Event hikb:Network hikb:Partnership } }";
            HttpResponse<String> r = kb.post("/sparql/update", "application/sparql-update", update, "Authorization", "Bearer " + tokens.editor());
            assertEquals(200, r.statusCode(), r.body());
        }
        front = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        front.createContext("/hikb/", exchange -> {
            exchange.getResponseHeaders().set("Location", kb.url(exchange.getRequestURI().toString().substring("/hikb".length())));
            exchange.sendResponseHeaders(303, -1);
            exchange.close();
        });
        front.start();
    }

    @AfterAll
    static void stop() {
        if (front != null) front.stop(0);
        if (kb != null) kb.close();
    }

    /** The IRI as reached through the front: {@code https://w3id.org/hikb/x} becomes {@code http://127.0.0.1:<front>/hikb/x}. */
    static String viaFront(String iri) {
        return "http://127.0.0.1:" + front.getAddress().getPort() + "/hikb/" + iri.substring(W3ID.length());
    }

    @Test
    void aStrictClientReplaysTheWholeFeedAndEveryVersionReadsAsRdf() throws Exception {
        Path out = Files.createTempFile("ldes-members-", ".nt");
        Process run = new ProcessBuilder(client.toString(), "--ordered", "ascending", viaFront(W3ID + "feed"))
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(run.waitFor(3, TimeUnit.MINUTES), "the client finished");
        assertEquals(0, run.exitValue());
        Graph replay = GraphFactory.createDefaultGraph();
        RDFParser.fromString(Files.readString(out, StandardCharsets.UTF_8), Lang.NTRIPLES).parse(replay);
        Files.delete(out);

        Set<String> members = new TreeSet<>();
        replay.find(Node.ANY, IS_VERSION_OF, Node.ANY).forEachRemaining(t -> members.add(t.getSubject().getURI()));
        Set<String> published = publishedMembers();
        assertTrue(published.size() > ChangeFeed.PAGE_SIZE, "the feed has more than one page: " + published.size());
        assertEquals(published, members, "the client replayed every member of every page");

        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> statuses = new HashMap<>();
        int concepts = 0;
        for (String member : members) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(viaFront(member))).header("Accept", "text/turtle").build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("").split(";")[0], 1, Integer::sum);
            Graph version = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), Lang.TURTLE).parse(version);
            // A record's version and a concept's alike: the statements at that write, not a redirect to the current page.
            Node record = replay.find(NodeFactory.createURI(member), IS_VERSION_OF, Node.ANY).next().getObject();
            assertTrue(version.contains(NodeFactory.createURI(member), IS_VERSION_OF, record), member);
            assertTrue(version.contains(record, Node.ANY, Node.ANY), member + " has the statements of " + record);
            if (member.contains("/concept/")) concepts++;
        }
        assertTrue(concepts > 0, "the feed has concepts' versions too");
        assertEquals(Map.of("200 text/turtle", members.size()), statuses);

        // The last version of a record is the record as it is now.
        String last = members.stream().filter(m -> m.endsWith("/id/project/improve")).reduce((a, b) -> generation(a) > generation(b) ? a : b).orElseThrow();
        Graph now = GraphFactory.createDefaultGraph();
        RDFParser.fromString(kb.get("/sparql?query=" + java.net.URLEncoder.encode("CONSTRUCT { <" + W3ID + "id/project/improve> ?p ?o } WHERE { GRAPH ?g { <"
                + W3ID + "id/project/improve> ?p ?o } FILTER(STRSTARTS(STR(?g), \"" + W3ID + "graph/data/\")) }", StandardCharsets.UTF_8),
                "Accept", "application/n-triples").body(), Lang.NTRIPLES).parse(now);
        Graph lastVersion = GraphFactory.createDefaultGraph();
        RDFParser.fromString(kb.get("/version/" + generation(last) + "/id/project/improve", "Accept", "application/n-triples").body(), Lang.NTRIPLES).parse(lastVersion);
        Graph ofRecord = GraphFactory.createDefaultGraph();
        lastVersion.find(NodeFactory.createURI(W3ID + "id/project/improve"), Node.ANY, Node.ANY).forEachRemaining(ofRecord::add);
        assertTrue(now.size() > 10 && now.isIsomorphicWith(ofRecord), "now " + now.size() + " statements, the last version " + ofRecord.size());
    }

    private static long generation(String version) {
        return Long.parseLong(version.substring((W3ID + "version/").length()).split("/")[0]);
    }

    /** Every member of the feed, read page by page off this server. */
    private static Set<String> publishedMembers() {
        Set<String> members = new TreeSet<>();
        Node member = NodeFactory.createURI(ChangeFeed.TREE + "member");
        for (int n = 0; ; n++) {
            HttpResponse<String> page = kb.get("/feed/" + n, "Accept", "application/n-triples");
            if (page.statusCode() == 404) return members;
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(page.body(), Lang.NTRIPLES).parse(g);
            g.find(Node.ANY, member, Node.ANY).mapWith(Triple::getObject).forEachRemaining(o -> members.add(o.getURI()));
        }
    }
}
