package org.w3id.hikb.linkeddata;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.Representation;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.http.Vary;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.PROV;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.History;

/**
 * What a data portal needs to harvest the knowledge base and keep in step with it: the DCAT-AP catalogue
 * ({@code /catalog}), the VoID description ({@code /.well-known/void}), the dumps
 * ({@code /dumps/hikb.nq.gz}, {@code /dumps/hikb.ttl.gz}, streamed from one read transaction in constant
 * memory), the sitemap of the HTML pages ({@code /sitemap.xml}) and the change feed ({@code /feed}).
 */
public final class Harvesting implements WebServer.Routes {
    private static final List<Representation> RDF = List.of(Representation.TURTLE, Representation.JSONLD, Representation.RDFXML, Representation.NTRIPLES);
    /** A version is read as RDF when asked for; a browser or a JSON client goes to the JSON API's history. */
    private static final List<Representation> VERSION_OFFERS = List.of(Representation.HTML, Representation.TURTLE, Representation.JSONLD,
            Representation.RDFXML, Representation.NTRIPLES);
    private static final int SITEMAP_SIZE = 50_000;
    private final KnowledgeStore store;
    private final VoidDescription voidDescription = new VoidDescription();

    public Harvesting(KnowledgeStore store) {
        this.store = store;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/catalog", ctx -> catalog(ctx, null));
        for (Representation r : Documents.OFFERS) routes.get("/catalog." + r.extension(), ctx -> catalog(ctx, r));
        routes.get("/.well-known/void", ctx -> graph(ctx, "/.well-known/void", voidDescription::describe));
        routes.get("/dumps/hikb.nq.gz", ctx -> dump(ctx, true));
        routes.get("/dumps/hikb.ttl.gz", ctx -> dump(ctx, false));
        routes.get("/sitemap.xml", this::sitemap);
        routes.get("/sitemap-{n}.xml", this::sitemapPage);
        routes.get("/feed", ctx -> graph(ctx, "/feed", dsg -> ChangeFeed.stream(origin(ctx))));
        routes.get("/feed/{n}", this::feedPage);
        // The catalogue's own resources are described by the catalogue; a feed member is a version of a record.
        for (String p : List.of("/dataset/<rest>", "/distribution/<rest>", "/publisher", "/contact", "/rights", "/sparql-service"))
            routes.get(p, ctx -> Documents.seeOther(ctx, "/catalog"));
        routes.get("/version/{generation}/<path>", this::version);
    }

    /**
     * A member of the feed: the record as that write left it. Asked for RDF, the version itself: the record's
     * statements at that generation, with {@code dct:isVersionOf} and the change that made it (what a TREE
     * client replaying the feed reads), a concept's as a record's; otherwise a {@code 303} to its page in the JSON
     * API's history, or for a concept to the concept's page.
     */
    private void version(Context ctx) {
        long generation;
        try {
            generation = Long.parseLong(ctx.pathParam("generation"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("Versions are numbered by the write that made them.");
        }
        String path = ctx.pathParam("path");
        Optional<RecordId> record = RecordId.ofUri(Namespaces.BASE + path);
        // A record's or a concept's: the change log keeps the patch of every write to either.
        Node subject = record.map(RecordId::node).orElse(path.startsWith("concept/") ? NodeFactory.createURI(Namespaces.BASE + path) : null);
        Optional<List<Quad>> state = subject == null ? Optional.empty() : store.read(dsg -> History.stateAt(dsg, subject, generation));
        if (state.isEmpty()) throw new NotFoundResponse("There is no version at " + ctx.path() + ".");
        Optional<Representation> rdf = Representation.negotiate(ctx.header("Accept"), VERSION_OFFERS).filter(Representation::isRdf);
        Vary.on(ctx, "Accept");
        if (rdf.isEmpty()) {
            // A person is shown the record's history page, or the concept's page (concepts have no history page).
            Documents.seeOther(ctx, record.isPresent() ? "/api/records/" + record.get().slug() + "/history/" + generation : "/doc/" + path);
            return;
        }
        Graph g = GraphFactory.createDefaultGraph();
        state.get().forEach(q -> g.add(q.asTriple()));
        Node version = NodeFactory.createURI(Namespaces.BASE + "version/" + generation + "/" + path);
        g.add(version, NodeFactory.createURI(Namespaces.DCT + "isVersionOf"), subject);
        g.add(version, NodeFactory.createURI(PROV.NS + "wasGeneratedBy"), NodeFactory.createURI(Namespaces.BASE + "change/" + generation));
        g.getPrefixMapping().setNsPrefixes(Namespaces.prefixes());
        Documents.send(ctx, rdf.get(), new Documents.Answer(Documents.rdf(g, rdf.get()), null), ctx.path(), false, List.of());
        // A version changes only when a purge takes a text out of the history: cached briefly, revalidated by its ETag.
        ctx.header("Cache-Control", "public, max-age=60");
    }

    private void catalog(Context ctx, Representation fixed) {
        Representation rep = fixed != null ? fixed : Representation.negotiate(ctx.header("Accept"), Documents.OFFERS)
                .orElseThrow(() -> notAcceptable(Documents.OFFERS));
        Lang lang = Params.lang(ctx);
        Documents.Answer answer = store.read(dsg -> {
            Graph g = catalogue(dsg);
            byte[] body = rep == Representation.HTML ? catalogPage(g, lang).getBytes(StandardCharsets.UTF_8) : Documents.rdf(g, rep);
            return new Documents.Answer(body, History.lastChange(dsg).orElse(null));
        });
        Documents.send(ctx, rep, answer, "/catalog", fixed == null);
    }

    /** The catalogue as of a generation; only a write changes it. */
    private record CatalogueAt(long generation, Graph graph) {}

    private volatile CatalogueAt catalogue;

    /**
     * The catalogue of the store's current generation, built once per generation: building it reads every
     * record's country and dates, too much for every harvest request. (The graph is only read once built.)
     */
    private Graph catalogue(DatasetGraph dsg) {
        long generation = History.generation(dsg);
        CatalogueAt c = catalogue;
        if (c == null || c.generation() != generation) {
            c = new CatalogueAt(generation, Catalog.build(dsg));
            catalogue = c;
        }
        return c.graph();
    }

    /** Where this server is reached: its {@code public-url}, else the request's scheme and Host. */
    private static String origin(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    /** An RDF-only document built from the store. */
    private void graph(Context ctx, String path, Function<DatasetGraph, Graph> build) {
        Representation rep = Representation.negotiate(ctx.header("Accept"), RDF).orElseThrow(() -> notAcceptable(RDF));
        Documents.Answer answer = store.read(dsg -> new Documents.Answer(Documents.rdf(build.apply(dsg), rep), History.lastChange(dsg).orElse(null)));
        Documents.send(ctx, rep, answer, path, false, List.of());
    }

    private void feedPage(Context ctx) {
        long n;
        try {
            n = Long.parseLong(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("Feed pages are numbered from 0.");
        }
        if (n < 0) throw new NotFoundResponse("Feed pages are numbered from 0.");
        Representation rep = Representation.negotiate(ctx.header("Accept"), RDF).orElseThrow(() -> notAcceptable(RDF));
        ChangeFeed.Page page = store.read(dsg -> ChangeFeed.page(dsg, origin(ctx), n));
        if (page == null) throw new NotFoundResponse("The feed has no page " + n + " yet.");
        Documents.send(ctx, rep, new Documents.Answer(Documents.rdf(page.graph(), rep), null), "/feed/" + n, false, List.of());
        // A full page never changes again; the last one grows.
        ctx.header("Cache-Control", page.full() ? "public, max-age=86400, immutable" : "public, max-age=10");
    }

    private void dump(Context ctx, boolean quads) {
        long generation = store.read(History::generation);
        String etag = "\"g" + generation + (quads ? "-nq" : "-ttl") + "\"";
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", "public, max-age=60");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        String name = "hikb-" + generation + (quads ? ".nq.gz" : ".ttl.gz");
        ctx.contentType("application/gzip");
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        try (OutputStream raw = ctx.outputStream(); GZIPOutputStream gzip = new GZIPOutputStream(raw, 1 << 16)) {
            store.read(dsg -> {
                StreamRDF out = StreamRDFWriter.getWriterStream(gzip, quads ? RDFFormat.NQUADS : RDFFormat.TURTLE_BLOCKS);
                out.start();
                if (!quads) Namespaces.prefixes().getNsPrefixMap().forEach(out::prefix);
                // Quad by quad (the Turtle dump writes each quad's triple: a triple in two graphs is written
                // twice, which a parser reads as one), so memory stays the same whatever the size.
                dsg.find().forEachRemaining(q -> {
                    if (quads) out.quad(q);
                    else out.triple(q.asTriple());
                });
                out.finish();
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void sitemap(Context ctx) {
        List<String> pages = pages();
        String origin = origin(ctx);
        Sitemap map;
        if (pages.size() <= SITEMAP_SIZE) {
            map = urlset(origin, pages);
        } else {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i * SITEMAP_SIZE < pages.size(); i++) parts.add(origin + "/sitemap-" + i + ".xml");
            map = new Sitemap(true, parts);
        }
        ctx.contentType("application/xml; charset=utf-8").result(Templates.render("sitemap.jte", map));
    }

    private void sitemapPage(Context ctx) {
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("Sitemap pages are numbered from 0.");
        }
        List<String> pages = pages();
        if (n < 0 || (long) n * SITEMAP_SIZE >= pages.size()) throw new NotFoundResponse("There is no sitemap page " + n + ".");
        List<String> slice = pages.subList(n * SITEMAP_SIZE, Math.min(pages.size(), (n + 1) * SITEMAP_SIZE));
        ctx.contentType("application/xml; charset=utf-8").result(Templates.render("sitemap.jte", urlset(origin(ctx), slice)));
    }

    /** A sitemap ({@code src/main/jte/sitemap.jte}): the pages' addresses, or, for an index, the sitemaps'. */
    public record Sitemap(boolean index, List<String> locations) {}

    private static Sitemap urlset(String origin, List<String> paths) {
        List<String> locations = new ArrayList<>();
        locations.add(origin + "/");
        for (String p : paths) locations.add(origin + p);
        return new Sitemap(false, locations);
    }

    /** The HTML pages of every searchable record. */
    private List<String> pages() {
        return store.read(dsg -> {
            List<String> out = new ArrayList<>();
            new RecordReader(dsg).forEachSearchable(id -> out.add(ResourcePage.localPath(id.uri())));
            return out;
        });
    }

    private static String catalogPage(Graph g, Lang lang) {
        List<CatalogueView.Dataset> datasets = new ArrayList<>();
        for (Node dataset : List.of(Catalog.RECORDS, Catalog.ONTOLOGY, Catalog.VOCABULARIES)) {
            List<CatalogueView.Link> links = new ArrayList<>();
            g.find(dataset, NodeFactory.createURI(Catalog.DCAT + "distribution"), Node.ANY).forEachRemaining(t -> {
                Node d = t.getObject();
                String title = text(g, d, Terms.TITLE, lang).orElse("");
                g.find(d, NodeFactory.createURI(Catalog.DCAT + "accessURL"), Node.ANY).forEachRemaining(u ->
                        links.add(new CatalogueView.Link("/" + u.getObject().getURI().substring(Namespaces.BASE.length()), title)));
            });
            datasets.add(new CatalogueView.Dataset(text(g, dataset, Terms.TITLE, lang).orElse(""), text(g, dataset, Terms.DESCRIPTION, lang).orElse(""), links));
        }
        String main = Templates.render("catalogue.jte", new CatalogueView(text(g, Catalog.CATALOG, Terms.DESCRIPTION, lang).orElse(null), datasets));
        return PageLayout.render(lang, "/catalog", text(g, Catalog.CATALOG, Terms.TITLE, lang).orElse("Catalogue"), "dcat:Catalog",
                main, "{\"@context\":\"https://schema.org\",\"@type\":\"DataCatalog\",\"@id\":\"" + Catalog.CATALOG.getURI() + "\"}",
                Catalog.CATALOG.getURI());
    }

    /** The main part of the catalogue's page ({@code src/main/jte/catalogue.jte}): its description and each dataset with its distributions. */
    public record CatalogueView(String description, List<Dataset> datasets) {
        public record Dataset(String title, String description, List<Link> links) {}

        public record Link(String href, String title) {}
    }

    private static java.util.Optional<String> text(Graph g, Node s, Node p, Lang lang) {
        String any = null;
        for (var it = g.find(s, p, Node.ANY); it.hasNext(); ) {
            Node o = it.next().getObject();
            if (!o.isLiteral()) continue;
            if (o.getLiteralLanguage().equals(lang.code())) return java.util.Optional.of(o.getLiteralLexicalForm());
            if (any == null || o.getLiteralLanguage().equals("en")) any = o.getLiteralLexicalForm();
        }
        return java.util.Optional.ofNullable(any);
    }

    private static HttpResponseException notAcceptable(List<Representation> offers) {
        return new HttpResponseException(406, "Available as " + Representation.list(offers) + ".");
    }

}
