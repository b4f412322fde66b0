package org.w3id.hikb.linkeddata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.load.SourceFile;

/** What a linked-data client and a browser get for the knowledge base's URIs. */
class LinkedDataTest {
    static RunningKnowledgeBase kb;

    @BeforeAll
    static void start() throws Exception {
        kb = RunningKnowledgeBase.start();
        Path markup = Path.of(LinkedDataTest.class.getResource("/linkeddata/markup-test.ttl").toURI());
        kb.app().loader().load(List.of(new SourceFile("data/markup-test.ttl", markup)), "test");
    }

    @AfterAll
    static void stop() { kb.close(); }

    @ParameterizedTest(name = "{0} is 303 to its document")
    @CsvSource({ "/id/project/improve", "/concept/theme/telemedicine", "/concept/theme", "/change/1" })
    void thingsAnswerSeeOtherWithTheirDocument(String path) {
        HttpResponse<String> r = kb.get(path);
        assertEquals(303, r.statusCode());
        assertEquals("/doc" + path, r.headers().firstValue("Location").orElse(""));
        assertEquals(200, kb.get("/doc" + path, "Accept", "text/turtle").statusCode());
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            "/doc/id/project/improve, text/turtle, ttl", "/doc/id/project/improve, application/ld+json, jsonld",
            "/doc/id/project/improve, application/rdf+xml, rdf", "/doc/id/project/improve, application/n-triples, nt",
            "/doc/concept/theme/telemedicine, text/turtle, ttl", "/doc/concept/theme/telemedicine, application/ld+json, jsonld",
            "/doc/concept/theme/telemedicine, application/rdf+xml, rdf", "/doc/concept/theme/telemedicine, application/n-triples, nt",
            "/ontology, text/turtle, ttl", "/ontology, application/ld+json, jsonld", "/ontology, application/rdf+xml, rdf",
            "/ontology, application/n-triples, nt" })
    void everyResourceComesInEveryRdfFormatByAcceptAndByExtension(String path, String mediaType, String extension) {
        HttpResponse<String> byAccept = kb.get(path, "Accept", mediaType);
        HttpResponse<String> byExtension = kb.get(path + "." + extension);
        for (HttpResponse<String> r : List.of(byAccept, byExtension)) {
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(mediaType));
            Graph g = GraphFactory.createDefaultGraph();
            RDFParser.fromString(r.body(), RDFLanguages.contentTypeToLang(mediaType)).parse(g);
            Node subject = NodeFactory.createURI(path.equals("/ontology") ? "https://w3id.org/hikb/ontology" : "https://w3id.org/hikb" + path.substring(4));
            assertTrue(g.find(subject, Node.ANY, Node.ANY).hasNext(), "the document describes " + subject);
        }
        assertEquals(byAccept.body(), byExtension.body());
        assertTrue(byAccept.headers().firstValue("Vary").orElse("").contains("Accept"));
        assertTrue(byAccept.headers().firstValue("Link").orElse("").contains("rel=\"alternate\"; type=\"text/turtle\""));
        assertEquals(path + "." + extension, byAccept.headers().firstValue("Content-Location").orElse(""));
    }

    @Test
    void aClassIsDocumentedOnTheOntologyPageInEveryLanguage() {
        HttpResponse<String> page = kb.get("/ontology", "Accept", "text/html");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id=\"Project\""), "hikb:Project has its anchor");
        for (String label : List.of("Progetto", "Projekt", "Project"))
            assertTrue(page.body().contains(label), label);
        assertTrue(kb.get("/ontology.html").body().contains("id=\"startDate\""));
    }

    @Test
    void aRecordPageSpeaksTheReadersLanguage() {
        HttpResponse<String> de = kb.get("/doc/id/project/improve?lang=de");
        assertEquals(200, de.statusCode());
        assertTrue(de.body().contains("<html lang=\"de\">") && de.body().contains("IMPROVE: neue hochwertige öffentliche Dienstleistungen im ländlichen Raum"));
        assertTrue(de.body().contains("Eckdaten") && de.body().contains("Übersetzung des HIKB-Teams"), "German interface, and the note that it is a translation");
        HttpResponse<String> sv = kb.get("/doc/id/project/improve", "Accept", "text/html", "Accept-Language", "sv-SE,sv;q=0.9,en;q=0.5");
        assertTrue(sv.body().contains("IMPROVE: nya kvalitetstjänster inom offentlig sektor på landsbygden"));
        assertFalse(sv.body().contains("översättning"), "Swedish is the source's own language");
        assertTrue(sv.body().contains("href=\"/doc/concept/theme/telemedicine?lang=sv\""), "links stay in the language");
        assertTrue(sv.body().contains("<link rel=\"alternate\" type=\"text/turtle\" href=\"/doc/id/project/improve.ttl\">"));
    }

    @Test
    void aRecordPageLinksTheMostAlikeRecords() {
        String html = kb.get("/doc/id/project/hack-it-net?lang=en").body();
        assertTrue(html.contains("id=\"h-related\""), "a Related section");
        String related = html.substring(html.indexOf("id=\"h-related\""));
        assertTrue(related.contains("href=\"/doc/id/"), related.substring(0, Math.min(600, related.length())));
        assertFalse(related.substring(0, related.indexOf("</section>")).contains("/doc/id/project/hack-it-net?"), "not itself");
    }

    @Test
    void theHtmlEmbedsSchemaOrgJsonLd() {
        String html = kb.get("/doc/id/project/hack-it-net.html?lang=it").body();
        String json = html.substring(html.indexOf("<script type=\"application/ld+json\">") + 35, html.indexOf("</script>"));
        JsonNode o = RunningKnowledgeBase.json(json);
        assertEquals("https://schema.org", o.path("@context").asText());
        assertEquals("https://w3id.org/hikb/id/project/hack-it-net", o.path("@id").asText());
        assertTrue(o.path("name").asText().startsWith("HACK-IT-NET"), o.toString());
    }

    /** The schema.org types a page uses, with their ancestors, and the types each property we use is defined on (schema.org 29). */
    static final Map<String, List<String>> SUPERTYPES = Map.of("ResearchProject", List.of("ResearchProject", "Project", "Organization", "Thing"),
            "Project", List.of("Project", "Organization", "Thing"), "Organization", List.of("Organization", "Thing"),
            "Event", List.of("Event", "Thing"), "Place", List.of("Place", "Thing"), "DefinedTerm", List.of("DefinedTerm", "Intangible", "Thing"));
    static final Map<String, List<String>> DOMAINS = Map.ofEntries(Map.entry("name", List.of("Thing")), Map.entry("description", List.of("Thing")),
            Map.entry("url", List.of("Thing")), Map.entry("alternateName", List.of("Thing")), Map.entry("inLanguage", List.of("CreativeWork", "Event")),
            Map.entry("startDate", List.of("Event", "CreativeWorkSeason")), Map.entry("endDate", List.of("Event", "CreativeWorkSeason")),
            Map.entry("foundingDate", List.of("Organization")), Map.entry("dissolutionDate", List.of("Organization")),
            Map.entry("areaServed", List.of("Organization", "ContactPoint", "Service", "Offer")), Map.entry("location", List.of("Event", "Organization", "Action")),
            Map.entry("containedInPlace", List.of("Place")), Map.entry("keywords", List.of("CreativeWork", "Event", "Organization", "Place", "Product")),
            Map.entry("funder", List.of("CreativeWork", "Event", "Organization", "Person", "MonetaryGrant")));

    @ParameterizedTest(name = "schema.org on {0}")
    @ValueSource(strings = { "/doc/id/project/improve", "/doc/id/programme/interreg-alpine-space", "/doc/id/organisation/regione-lombardia",
            "/doc/id/event/s3-4alpclusters-adw-milano-2018", "/doc/id/place/milano", "/doc/id/hub/lsh-dh", "/doc/concept/theme/telemedicine" })
    void theEmbeddedSchemaOrgUsesEachPropertyOnlyWhereSchemaOrgDefinesIt(String path) {
        String html = kb.get(path + "?lang=de").body();
        JsonNode o = RunningKnowledgeBase.json(html.substring(html.indexOf("<script type=\"application/ld+json\">") + 35, html.indexOf("</script>")));
        String type = o.path("@type").asText();
        assertTrue(SUPERTYPES.containsKey(type), path + " is typed " + type);
        o.fieldNames().forEachRemaining(field -> {
            if (field.startsWith("@")) return;
            List<String> domain = DOMAINS.get(field);
            assertTrue(domain != null, "a property this test does not know: " + field);
            assertTrue(SUPERTYPES.get(type).stream().anyMatch(domain::contains), path + ": " + field + " is not a property of " + type);
        });
    }

    @Test
    void markupInTheDataIsEscapedInTheHtmlAndCannotEndTheEmbeddedJson() {
        String html = kb.get("/doc/id/project/markup-test?lang=en").body();
        assertFalse(html.contains("<script>alert"), "the title is escaped");
        assertFalse(html.contains("<b>markup</b>"), "the summary is escaped");
        // (An apostrophe needs no escaping in text, and the templates leave it; in an attribute it is escaped.)
        assertTrue(html.contains("&lt;script&gt;alert('title')&lt;/script&gt; Markup &amp; test"), html);
        // One script element, the JSON-LD, and its content ends only at its own closing tag.
        assertEquals(1, html.split("<script", -1).length - 1);
        String json = html.substring(html.indexOf("<script type=\"application/ld+json\">") + 35, html.indexOf("</script>"));
        assertTrue(RunningKnowledgeBase.json(json).path("description").asText().contains("</script> end tag"));
    }

    @Test
    void unknownResourcesAre404AndUnservableTypes406() {
        assertEquals(404, kb.get("/doc/id/project/no-such-project", "Accept", "text/turtle").statusCode());
        assertEquals(404, kb.get("/id/project/no-such-project").statusCode(), "no redirect to a document that is not there");
        for (String traversal : List.of("/doc/../../etc/passwd", "/doc/id/project/improve%2F..%2F..", "/doc/id/..%2F..%2Fetc%2Fpasswd")) {
            int status = kb.get(traversal).statusCode();
            assertTrue(status == 400 || status == 404, traversal + " -> " + status);
        }
        HttpResponse<String> png = kb.get("/doc/id/project/improve", "Accept", "image/png");
        assertEquals(406, png.statusCode());
        assertTrue(png.body().contains("text/turtle") && png.body().contains("application/ld+json"), png.body());
    }

    @Test
    void aClientRevalidatesWithETagOrLastModifiedAndGets304() {
        HttpResponse<String> first = kb.get("/doc/id/project/improve.ttl");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String modified = first.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = kb.get("/doc/id/project/improve.ttl", "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(304, kb.get("/doc/id/project/improve.ttl", "If-Modified-Since", modified).statusCode());
        assertEquals(200, kb.get("/doc/id/project/improve.ttl", "If-None-Match", "\"stale\"").statusCode());
    }

    @Test
    void readEndpointsAllowAnyOriginAndPublishTheirJsonLdContext() {
        HttpResponse<String> r = kb.get("/doc/id/project/improve.jsonld", "Origin", "https://data.europa.eu");
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        JsonNode context = RunningKnowledgeBase.json(kb.get("/context.jsonld").body());
        assertEquals("https://w3id.org/hikb/ontology#", context.path("@context").path("hikb").asText());
    }
}
