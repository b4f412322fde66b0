package org.w3id.hikb.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFOps;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.QuadDataAcc;
import org.apache.jena.sparql.modify.request.Target;
import org.apache.jena.sparql.modify.request.UpdateDataInsert;
import org.apache.jena.sparql.modify.request.UpdateDrop;
import org.apache.jena.update.UpdateRequest;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * The SPARQL 1.1 Graph Store Protocol at {@code /data}: {@code ?graph=IRI} names a graph, {@code ?default}
 * the default graph (the union of all graphs, as on {@code /sparql}).
 * <ul>
 * <li>{@code GET}/{@code HEAD}: the graph, in Turtle, N-Triples, JSON-LD or RDF/XML (the default graph, which
 *     can be large, is streamed as Turtle or N-Triples); open to all.</li>
 * <li>{@code PUT}: the graph becomes the body; {@code POST}: the body is added to it (to the updates graph
 *     for {@code ?default}); {@code DELETE}: the graph is dropped. These need a bearer token, and are
 *     SPARQL Updates underneath, so they take the same write path: shapes, change log, search index.</li>
 * </ul>
 */
public final class GraphStoreApi implements WebServer.Routes {
    static final String PATH = "/data";
    private static final AcceptList OFFERS = AcceptList.create("text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml");
    private static final AcceptList STREAMED = AcceptList.create("text/turtle", "application/n-triples");
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
        routes.head(PATH, this::read);
        routes.put(PATH, ctx -> write(ctx, true));
        routes.post(PATH, ctx -> write(ctx, false));
        routes.delete(PATH, this::drop);
    }

    private void read(Context ctx) {
        Node graph = target(ctx);
        MediaType type = negotiate(ctx, graph == null ? STREAMED : OFFERS);
        Lang lang = RDFLanguages.contentTypeToLang(type.getContentTypeStr());
        ctx.contentType(type.getContentTypeStr() + "; charset=utf-8");
        ctx.header("Vary", "Accept");
        if (graph != null) {
            Graph copy = store.read(dsg -> {
                if (!dsg.containsGraph(graph)) throw new NotFoundResponse("There is no graph " + graph.getURI() + ".");
                Graph g = org.apache.jena.sparql.graph.GraphFactory.createDefaultGraph();
                dsg.getGraph(graph).find().forEachRemaining(g::add);
                return g;
            });
            if (ctx.method().name().equals("HEAD")) return;
            copy.getPrefixMapping().setNsPrefixes(org.w3id.hikb.vocab.Namespaces.prefixes());
            writeTo(ctx, out -> RDFDataMgr.write(out, copy, lang));
            return;
        }
        if (ctx.method().name().equals("HEAD")) return;
        // The union of everything: streamed from one read transaction, never held in memory.
        writeTo(ctx, out -> store.read(dsg -> {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, lang == Lang.TURTLE ? RDFFormat.TURTLE_BLOCKS : RDFFormat.NTRIPLES);
            stream.start();
            StreamRDFOps.sendTriplesToStream(dsg.getUnionGraph().find(), stream);
            stream.finish();
            return null;
        }));
    }

    private void write(Context ctx, boolean replace) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        Node graph = target(ctx);
        if (graph == null && replace)
            throw new BadRequestResponse("The default graph is the union of all graphs and cannot be replaced; name a graph with ?graph=.");
        Graph body = body(ctx);
        boolean existed = graph != null && store.read(dsg -> dsg.containsGraph(graph));
        UpdateRequest request = new UpdateRequest();
        if (replace) request.add(new UpdateDrop(graph, true));
        QuadDataAcc data = new QuadDataAcc();
        Node into = graph == null ? Quad.defaultGraphIRI : graph;
        body.find().forEachRemaining(t -> data.addQuad(Quad.create(into, t)));
        request.add(new UpdateDataInsert(data));
        Commit commit = writes.commit(new Change.Update("graph-store", request, caller.role()::mayWrite), caller.agent());
        ctx.status(graph != null && !existed && commit.changed() ? 201 : 200).json(UpdateApi.summary(commit));
    }

    private void drop(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        Node graph = target(ctx);
        if (graph == null)
            throw new BadRequestResponse("The default graph is the union of all graphs and cannot be dropped; name a graph with ?graph=.");
        if (!store.read(dsg -> dsg.containsGraph(graph)))
            throw new NotFoundResponse("There is no graph " + graph.getURI() + ".");
        UpdateRequest request = new UpdateRequest().add(new UpdateDrop(Target.create(graph), false));
        Commit commit = writes.commit(new Change.Update("graph-store", request, caller.role()::mayWrite), caller.agent());
        ctx.json(UpdateApi.summary(commit));
    }

    /** The graph named by {@code ?graph=}, or null for {@code ?default}. */
    private static Node target(Context ctx) {
        List<String> named = ctx.queryParams("graph");
        boolean isDefault = ctx.queryParamMap().containsKey("default");
        if (named.size() + (isDefault ? 1 : 0) != 1)
            throw new BadRequestResponse("Name exactly one graph: ?graph=IRI, or ?default for the default graph.");
        if (isDefault) return null;
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

    private Graph body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim();
        Lang lang = RDFLanguages.contentTypeToLang(type);
        if (lang == null || !RDFLanguages.isTriples(lang))
            throw new HttpResponseException(415, "Send the graph as text/turtle, application/n-triples, application/ld+json or application/rdf+xml; not '" + type + "'.");
        long length = ctx.contentLength();
        if (length < 0) throw new HttpResponseException(411, "Send the graph with a Content-Length header.");
        if (length > maxBytes)
            throw new HttpResponseException(413, "The body has " + length + " bytes; at most " + maxBytes + " are accepted (max-upload-mb).");
        try (InputStream in = ctx.bodyInputStream()) {
            return RdfFiles.parse(in, lang, "upload");
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
