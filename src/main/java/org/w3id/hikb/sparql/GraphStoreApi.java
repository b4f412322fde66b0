package org.w3id.hikb.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.Target;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.update.UpdateRequest;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.Vary;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * The SPARQL 1.1 Graph Store Protocol at {@code /data}: {@code ?graph=IRI} names a graph, {@code ?default}
 * the default graph. The store keeps every statement in a named graph, so the default graph here is the
 * graph that writes naming no graph go to ({@code graph/updates}); {@code /sparql}'s default graph is the
 * union of all graphs (as Fuseki does over TDB2 with {@code unionDefaultGraph}).
 * <ul>
 * <li>{@code GET}/{@code HEAD}: the graph, in Turtle, N-Triples, JSON-LD or RDF/XML; open to all.</li>
 * <li>{@code PUT}: the graph becomes the body ({@code 201} when it is new); {@code POST}: the body is added
 * to it, and {@code POST /data} naming no graph makes a new one, answered {@code 201} with its IRI as
 * {@code Location}; {@code DELETE}: the graph is dropped. A body is one RDF document, or
 * {@code multipart/form-data} with one per part; relative IRIs in it resolve against the graph's IRI. Writes
 * need a bearer token and are SPARQL Updates underneath, so they take the same write path: shapes, change
 * log, search index.</li>
 * </ul>
 */
public final class GraphStoreApi implements WebServer.Routes {
    static final String PATH = "/data";
    private static final AcceptList OFFERS = AcceptList.create("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml");
    private static final String NEW_GRAPHS = "uploads/";
    private final KnowledgeStore store;
    private final WritePath writes;
    private final BearerAuth auth;
    private final long maxBytes;

    public GraphStoreApi(KnowledgeStore store, WritePath writes, BearerAuth auth, long maxBytes) {
        this.store = store;
        this.writes = writes;
        this.auth = auth;
        this.maxBytes = maxBytes;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get(PATH, this::read);
        routes.put(PATH, ctx -> write(ctx, true));
        routes.post(PATH, ctx -> write(ctx, false));
        routes.delete(PATH, this::drop);
    }

    private void read(Context ctx) {
        Node graph = target(ctx, false);
        MediaType type = negotiate(ctx, OFFERS);
        Lang lang = RDFLanguages.contentTypeToLang(type.getContentTypeStr());
        Graph copy = store.read(dsg -> {
            if (!dsg.containsGraph(graph) && !graph.equals(GraphNames.UPDATES))
                throw new NotFoundResponse("There is no graph " + graph.getURI() + ".");
            Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
            dsg.getGraph(graph).find().forEachRemaining(g::add);
            return g;
        });
        ctx.contentType(type.getContentTypeStr() + "; charset=utf-8");
        Vary.on(ctx, "Accept");
        copy.getPrefixMapping().setNsPrefixes(org.w3id.hikb.vocab.Namespaces.prefixes());
        writeTo(ctx, out -> RDFDataMgr.write(out, copy, lang));
    }

    private void write(Context ctx, boolean replace) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        Node named = target(ctx, !replace);
        Node graph = named != null ? named : GraphNames.graph(NEW_GRAPHS + UUID.randomUUID());
        Graph body = body(ctx, graph.getURI());
        if (named == null && body.isEmpty()) throw new BadRequestResponse("The body has no statements to make a new graph of.");
        boolean existed = graph.equals(GraphNames.UPDATES) || store.read(dsg -> dsg.containsGraph(graph));
        UpdateRequest request = new UpdateRequest();
        if (replace) request.add(new UpdateDrop(graph, true));
        QuadDataAcc data = new QuadDataAcc();
        body.find().forEachRemaining(t -> data.addQuad(Quad.create(graph, t)));
        request.add(new UpdateDataInsert(data));
        Commit commit = writes.commit(new Change.Update("graph-store", request, caller.role()::mayWrite), caller.agent());
        if (named == null) ctx.header("Location", graph.getURI());
        ctx.status(!existed && !body.isEmpty() ? 201 : 200).json(UpdateApi.summary(commit));
    }

    private void drop(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        Node graph = target(ctx, false);
        if (!store.read(dsg -> dsg.containsGraph(graph)) && !graph.equals(GraphNames.UPDATES))
            throw new NotFoundResponse("There is no graph " + graph.getURI() + ".");
        UpdateRequest request = new UpdateRequest().add(new UpdateDrop(Target.create(graph), true));
        Commit commit = writes.commit(new Change.Update("graph-store", request, caller.role()::mayWrite), caller.agent());
        ctx.json(UpdateApi.summary(commit));
    }

    /**
     * The graph named by {@code ?graph=}, the default graph's for {@code ?default}, or null when neither is
     * given and {@code mayCreate} (a {@code POST} that makes a new graph).
     */
    private static Node target(Context ctx, boolean mayCreate) {
        List<String> named = ctx.queryParams("graph");
        boolean isDefault = ctx.queryParamMap().containsKey("default");
        if (named.isEmpty() && !isDefault && mayCreate) return null;
        if (named.size() + (isDefault ? 1 : 0) != 1)
            throw new BadRequestResponse("Name exactly one graph: ?graph=IRI, or ?default for the default graph.");
        if (isDefault) return GraphNames.UPDATES;
        String iri = named.get(0);
        if (!isGraphName(iri))
            throw new BadRequestResponse("The graph must be an absolute IRI (http, https or urn): " + iri);
        return NodeFactory.createURI(iri);
    }

    private static boolean isGraphName(String iri) {
        try {
            IRIx x = IRIx.create(iri);
            return x.isAbsolute() && !x.hasViolations() && (x.hasScheme("http") || x.hasScheme("https") || x.hasScheme("urn"));
        } catch (IRIException e) {
            return false;
        }
    }

    /** The body's statements: one RDF document, or one per part of {@code multipart/form-data}. */
    private Graph body(Context ctx, String base) {
        long length = ctx.contentLength();
        if (length < 0) throw new HttpResponseException(411, "Send the graph with a Content-Length header.");
        if (length > maxBytes)
            throw new HttpResponseException(413, "The body has " + length + " bytes; at most " + maxBytes + " are accepted (max-upload-mb).");
        String type = mediaType(ctx.contentType());
        if (!type.equals("multipart/form-data"))
            return parse(ctx::bodyInputStream, type, "upload", base);
        List<UploadedFile> parts = ctx.uploadedFiles();
        if (parts.isEmpty()) throw new BadRequestResponse("The form has no file in it.");
        Graph all = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
        for (UploadedFile part : parts)
            parse(part::content, mediaType(part.contentType()), part.filename(), base).find().forEachRemaining(all::add);
        return all;
    }

    private static String mediaType(String contentType) {
        return contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(java.util.Locale.ROOT);
    }

    private interface Source {
        InputStream open() throws IOException;
    }

    private static Graph parse(Source source, String type, String name, String base) {
        Lang lang = RDFLanguages.contentTypeToLang(type);
        if (lang == null || !RDFLanguages.isTriples(lang))
            throw new HttpResponseException(415, "Send the graph as text/turtle, application/n-triples, application/ld+json or application/rdf+xml"
                    + " (or multipart/form-data of them); not '" + type + "'.");
        try (InputStream in = source.open()) {
            return RdfFiles.parse(in, lang, name, base);
        } catch (InvalidDataException e) {
            throw new BadRequestResponse(e.violations().isEmpty() ? e.getMessage() : e.violations().get(0).message());
        } catch (IOException e) {
            throw new BadRequestResponse("The body could not be read: " + e.getMessage());
        }
    }

    private static MediaType negotiate(Context ctx, AcceptList offers) {
        String accept = ctx.header("Accept");
        MediaType chosen = AcceptList.match(new AcceptList(accept == null || accept.isBlank() ? "*/*" : accept), offers);
        if (chosen == null)
            throw new HttpResponseException(406, "Ask for one of " + offers.entries() + ".");
        return chosen;
    }

    private interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void writeTo(Context ctx, Body body) {
        try {
            body.writeTo(ctx.outputStream());
        } catch (IOException e) {
            // The client went away.
        }
    }
}
