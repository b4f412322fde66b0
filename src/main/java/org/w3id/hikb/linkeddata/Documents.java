package org.w3id.hikb.linkeddata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.http.Csv;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.Representation;
import org.w3id.hikb.http.Vary;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.write.History;

/**
 * Dereferenceable URIs, after W3C's "Cool URIs for the Semantic Web" (the 303 way). The knowledge base's
 * URIs {@code https://w3id.org/hikb/<path>} are served on this host at {@code /<path>}:
 * <ul>
 * <li>{@code /id/...}, {@code /concept/...}, {@code /change/...} name things, not documents: they answer
 *     {@code 303 See Other} with the document {@code /doc/...};</li>
 * <li>{@code /doc/<path>} is the document about the thing, negotiated by {@code Accept} (HTML, Turtle,
 *     JSON-LD, RDF/XML, N-Triples), or fixed by an extension ({@code /doc/<path>.ttl}); {@code 406} lists
 *     what is available; {@code ETag} and {@code Last-Modified} allow a {@code 304};</li>
 * <li>{@code /ontology} (a hash namespace: {@code ontology#Project}) is the ontology's own document.</li>
 * </ul>
 */
public final class Documents implements WebServer.Routes {
    static final List<Representation> OFFERS = List.of(Representation.HTML, Representation.TURTLE, Representation.JSONLD,
            Representation.RDFXML, Representation.NTRIPLES);
    private static final Pattern PATH = Pattern.compile("(id|concept|change)(/[A-Za-z0-9._~-]+)*");
    private final KnowledgeStore store;
    private final RecordSearcher searcher;

    public Documents(KnowledgeStore store, RecordSearcher searcher) {
        this.store = store;
        this.searcher = searcher;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        for (String root : List.of("id", "concept", "change"))
            routes.get("/" + root + "/<path>", ctx -> {
                String path = root + "/" + ctx.pathParam("path");
                Node resource = NodeFactory.createURI(Namespaces.BASE + path);
                if (!PATH.matcher(path).matches() || !store.read(dsg -> Descriptions.isKnown(dsg, resource)))
                    throw new NotFoundResponse("The knowledge base has nothing about " + resource.getURI() + ".");
                seeOther(ctx, "/doc/" + path);
            });
        routes.get("/doc/<path>", this::document);
        routes.get("/ontology", ctx -> ontology(ctx, null));
        for (Representation r : OFFERS)
            routes.get("/ontology." + r.extension(), ctx -> ontology(ctx, r));
        routes.get("/context.jsonld", ctx -> ctx.contentType("application/ld+json").result(JsonLdContext.text()));
    }

    static void seeOther(Context ctx, String location) {
        String query = ctx.queryString();
        ctx.header("Location", query == null ? location : location + "?" + query);
        Vary.on(ctx, "Accept");
        ctx.status(303);
    }

    private void document(Context ctx) {
        String path = ctx.pathParam("path");
        if (path.endsWith(".csv")) {
            csv(ctx, path.substring(0, path.length() - 4));
            return;
        }
        Representation fixed = null;
        int dot = path.lastIndexOf('.');
        if (dot > path.lastIndexOf('/')) {
            Optional<Representation> byExtension = Representation.ofExtension(path.substring(dot + 1));
            if (byExtension.isPresent()) {
                fixed = byExtension.get();
                path = path.substring(0, dot);
            }
        }
        if (!PATH.matcher(path).matches()) throw new NotFoundResponse("There is nothing at /doc/" + path + ".");
        Representation rep = fixed != null ? fixed : negotiate(ctx);
        Lang lang = Params.lang(ctx);
        Node resource = NodeFactory.createURI(Namespaces.BASE + path);
        String docPath = "/doc/" + path;
        List<Node> related = rep == Representation.HTML ? related(resource) : List.of();
        Answer answer = store.read(dsg -> {
            Graph d = Descriptions.describe(dsg, resource);
            if (d.isEmpty()) return null;
            // The description holds more than the resource's own statements (what links to it, the labels of what
            // it links to), so it may change with any write: Last-Modified is the store's, the ETag is exact.
            Instant modified = History.lastChange(dsg).orElse(null);
            return new Answer(body(dsg, d, resource, rep, lang, docPath, related), modified);
        });
        if (answer == null) throw new NotFoundResponse("The knowledge base has nothing about " + resource.getURI() + ".");
        send(ctx, rep, answer, docPath, fixed == null);
    }

    /** The statements about a resource as a table, for a spreadsheet: one row per statement, names in the reader's language. */
    private void csv(Context ctx, String path) {
        if (!PATH.matcher(path).matches()) throw new NotFoundResponse("There is nothing at /doc/" + path + ".");
        Lang lang = Params.lang(ctx);
        Node resource = NodeFactory.createURI(Namespaces.BASE + path);
        String body = store.read(dsg -> {
            Graph d = Descriptions.describe(dsg, resource);
            if (d.isEmpty()) return null;
            Labels labels = new Labels(dsg);
            StringBuilder sb = new StringBuilder("subject,property,property_label,value,value_label,language\r\n");
            d.find(Node.ANY, Node.ANY, Node.ANY).forEachRemaining(t -> {
                Node s = t.getSubject();
                if (!s.equals(resource) && !(s.isURI() && s.getURI().startsWith(resource.getURI() + "#"))) return;
                Node o = t.getObject();
                sb.append(String.join(",", Csv.cell(t.getSubject().getURI()), Csv.cell(t.getPredicate().getURI()),
                        Csv.cell(labels.label(t.getPredicate(), lang)),
                        Csv.cell(o.isLiteral() ? o.getLiteralLexicalForm() : o.isURI() ? o.getURI() : o.toString()),
                        Csv.cell(o.isURI() ? labels.label(o, lang) : ""), Csv.cell(o.isLiteral() ? o.getLiteralLanguage() : ""))).append("\r\n");
            });
            return sb.toString();
        });
        if (body == null) throw new NotFoundResponse("The knowledge base has nothing about " + resource.getURI() + ".");
        ctx.header("Content-Disposition", "attachment; filename=\"" + path.substring(path.lastIndexOf('/') + 1) + ".csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(body);
    }

    private void ontology(Context ctx, Representation fixed) {
        Representation rep = fixed != null ? fixed : negotiate(ctx);
        Lang lang = Params.lang(ctx);
        Answer answer = store.read(dsg -> {
            Graph g = OntologyPage.graph(dsg);
            Instant modified = History.lastChange(dsg).orElse(null);
            byte[] body = rep == Representation.HTML
                    ? OntologyPage.render(dsg, g, lang).getBytes(StandardCharsets.UTF_8)
                    : rdf(g, rep);
            return new Answer(body, modified);
        });
        send(ctx, rep, answer, "/ontology", fixed == null);
    }

    private static Representation negotiate(Context ctx) {
        return Representation.negotiate(ctx.header("Accept"), OFFERS).orElseThrow(() ->
                new HttpResponseException(406, "This resource is available as " + Representation.list(OFFERS)
                        + ", or by extension: .html, .ttl, .jsonld, .rdf, .nt."));
    }

    /** A document's bytes and when what it describes last changed. */
    record Answer(byte[] body, Instant modified) {}

    /** For a record's page: the records most alike it, from the search index. */
    private List<Node> related(Node resource) {
        var record = RecordId.of(resource).filter(id -> id.type().searchable())
                .flatMap(id -> store.read(dsg -> new RecordReader(dsg).read(id)));
        if (record.isEmpty()) return List.of();
        List<Node> out = new ArrayList<>();
        for (SearchResult.Hit hit : searcher.related(record.get(), 5)) out.add(NodeFactory.createURI(hit.id()));
        return out;
    }

    private static byte[] body(DatasetGraph dsg, Graph d, Node resource, Representation rep, Lang lang, String docPath, List<Node> related) {
        if (rep != Representation.HTML) return rdf(d, rep);
        String jsonLd = SchemaOrg.of(d, resource, new Labels(dsg), lang);
        return new ResourcePage(dsg, d, resource, lang).render(docPath, jsonLd, related).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] rdf(Graph g, Representation rep) {
        g.getPrefixMapping().setNsPrefixes(JsonLdContext.prefixes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, g, rep.format());
        return out.toByteArray();
    }

    /** Sends a document with its validators, answering 304 when the client's copy is current. */
    static void send(Context ctx, Representation rep, Answer answer, String docPath, boolean negotiated) {
        send(ctx, rep, answer, docPath, negotiated, OFFERS);
    }

    /** The same, for a document offered only as {@code alternates} (each also at its extension), or only by Accept (none). */
    static void send(Context ctx, Representation rep, Answer answer, String docPath, boolean negotiated, List<Representation> alternates) {
        String etag = "\"" + hash(answer.body()) + "\"";
        ctx.header("ETag", etag);
        if (answer.modified() != null) ctx.header("Last-Modified", httpDate(answer.modified()));
        if (rep == Representation.HTML) Vary.on(ctx, "Accept", "Accept-Language");
        else Vary.on(ctx, "Accept");
        ctx.header("Cache-Control", "public, max-age=60");
        if (!alternates.isEmpty()) ctx.header("Link", links(docPath, alternates));
        if (negotiated) ctx.header("Content-Location", docPath + "." + rep.extension());
        if (notModified(ctx, etag, answer.modified())) {
            ctx.status(304);
            return;
        }
        ctx.contentType(rep.mediaType() + "; charset=utf-8").result(answer.body());
    }

    private static boolean notModified(Context ctx, String etag, Instant modified) {
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null)
            return ifNoneMatch.trim().equals("*") || List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag);
        String since = ctx.header("If-Modified-Since");
        if (since == null || modified == null) return false;
        try {
            Instant client = DateTimeFormatter.RFC_1123_DATE_TIME.parse(since, Instant::from);
            return modified.getEpochSecond() <= client.getEpochSecond();
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String links(String docPath, List<Representation> alternates) {
        List<String> links = new ArrayList<>();
        for (Representation r : alternates)
            links.add("<" + docPath + "." + r.extension() + ">; rel=\"alternate\"; type=\"" + r.mediaType() + "\"");
        return String.join(", ", links);
    }

    /** IMF-fixdate (RFC 9110, 5.6.7): two-digit day, GMT; Java's RFC_1123 formatter writes "1 Dec" and "Z"-less offsets. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", java.util.Locale.US);

    static String httpDate(Instant t) {
        return IMF_FIXDATE.format(t.atOffset(ZoneOffset.UTC));
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
