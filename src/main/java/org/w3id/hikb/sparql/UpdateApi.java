package org.w3id.hikb.sparql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.modify.request.UpdateDeleteWhere;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.sparql.modify.request.UpdateModify;
import org.apache.jena.sparql.modify.request.UpdateWithUsing;
import org.apache.jena.sparql.syntax.ElementGroup;
import org.apache.jena.sparql.syntax.ElementNamedGraph;
import org.apache.jena.sparql.syntax.ElementTriplesBlock;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * {@code POST /sparql/update}: SPARQL 1.1 Update over the protocol ({@code application/sparql-update} or a
 * form with {@code update=}), for callers with a bearer token. The update goes through the write path like
 * every other write: validated against the shapes, applied whole or not at all, logged, indexed.
 * {@code LOAD} is refused (it would make the server fetch from the network).
 *
 * @param timeout how long an update may run (the query timeout) before it is stopped and nothing applied
 */
public record UpdateApi(WritePath writes, BearerAuth auth, Duration timeout) implements WebServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.post(SparqlService.PATH + "/update", this::update);
        routes.get(SparqlService.PATH + "/update", ctx -> {
            ctx.header("Allow", "POST");
            throw new MethodNotAllowedResponse("SPARQL Update is sent with POST (application/sparql-update, or a form with update=).");
        });
    }

    private void update(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        UpdateRequest request = useProtocolDataset(ctx, parse(text(ctx), ctx.url()));
        Commit commit;
        try {
            commit = writes.commit(new Change.Update("sparql-update", request, caller.role()::mayWrite, timeout, QueryBudget.context()), caller.agent());
        } catch (QueryDeniedException e) {
            throw new ForbiddenResponse("SERVICE is not available in an update: it would make the server fetch from the network. " + e.getMessage());
        } catch (RuntimeException e) {
            QueryBudget.ExceededException exceeded = QueryBudget.exceeded(e);
            if (exceeded == null) throw e;
            throw new BadRequestResponse(exceeded.getMessage() + " Nothing of the update was applied.");
        }
        ctx.json(summary(commit));
    }

    private static String text(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("application/sparql-update")) return Params.utf8Body(ctx);
        if (type.startsWith("application/x-www-form-urlencoded")) {
            List<String> updates = ctx.formParams("update");
            if (updates.size() == 1) return updates.get(0);
            throw new BadRequestResponse(updates.isEmpty() ? "The form has no 'update' field." : "The form has " + updates.size()
                    + " 'update' fields; send one (it may hold several operations, separated by ';').");
        }
        throw new HttpResponseException(415, "Send the update as application/sparql-update, or as a form with an 'update' field.");
    }

    /**
     * The update, its relative IRIs resolved against {@code base} (the endpoint's URL, as the protocol allows;
     * never the server's working directory).
     */
    static UpdateRequest parse(String text, String base) {
        if (text == null || text.isBlank()) throw new BadRequestResponse("The update is empty.");
        UpdateRequest request;
        try {
            request = UpdateFactory.create(text, base);
        } catch (QueryParseException e) {
            throw new BadRequestResponse("The update does not parse: " + e.getMessage());
        }
        for (Update u : request.getOperations())
            if (u instanceof UpdateLoad)
                throw new BadRequestResponse("LOAD is not available: it would make the server fetch from the network. "
                        + "Send the data itself, with INSERT DATA or PUT/POST to /data?graph=.");
        return request;
    }

    /**
     * {@code using-graph-uri} and {@code using-named-graph-uri} (SPARQL 1.1 Protocol, 2.2.3): the dataset every
     * operation with a {@code WHERE} matches against; an operation that names its own ({@code USING},
     * {@code USING NAMED} or {@code WITH}) beside them is a 400. A {@code DELETE WHERE} takes them as the
     * {@code DELETE ... WHERE} it abbreviates.
     */
    private static UpdateRequest useProtocolDataset(Context ctx, UpdateRequest request) {
        List<Node> using = graphParams(ctx, "using-graph-uri");
        List<Node> usingNamed = graphParams(ctx, "using-named-graph-uri");
        if (using.isEmpty() && usingNamed.isEmpty()) return request;
        UpdateRequest withDataset = new UpdateRequest();
        withDataset.setPrefixMapping(request.getPrefixMapping());
        if (request.getBaseURI() != null) withDataset.setBaseURI(request.getBaseURI());
        for (Update u : request.getOperations()) withDataset.add(u instanceof UpdateDeleteWhere deleteWhere ? spelledOut(deleteWhere) : u);
        for (Update u : withDataset.getOperations()) {
            if (!(u instanceof UpdateWithUsing op)) continue;
            if (!op.getUsing().isEmpty() || !op.getUsingNamed().isEmpty() || op.getWithIRI() != null)
                throw new BadRequestResponse("The update names its dataset (USING, USING NAMED or WITH) and the request does too "
                        + "(using-graph-uri, using-named-graph-uri): send one of them.");
            using.forEach(op::addUsing);
            usingNamed.forEach(op::addUsingNamed);
        }
        return withDataset;
    }

    /**
     * {@code DELETE WHERE { P }} as the {@code DELETE { P } WHERE { P }} it stands for, so that it can take the
     * protocol's dataset too (the short form has no {@code USING}).
     */
    private static UpdateModify spelledOut(UpdateDeleteWhere deleteWhere) {
        UpdateModify modify = new UpdateModify();
        modify.setHasDeleteClause(true);
        modify.setHasInsertClause(false);
        ElementGroup where = new ElementGroup();
        for (Quad q : deleteWhere.getQuads()) {
            modify.getDeleteAcc().addQuad(q);
            ElementTriplesBlock triple = new ElementTriplesBlock();
            triple.addTriple(q.asTriple());
            where.addElement(Quad.isDefaultGraph(q.getGraph()) || q.getGraph() == null ? triple : new ElementNamedGraph(q.getGraph(), triple));
        }
        modify.setElement(where);
        return modify;
    }

    private static List<Node> graphParams(Context ctx, String name) {
        List<String> values = new ArrayList<>(ctx.queryParams(name));
        if (ctx.contentType() != null && ctx.contentType().startsWith("application/x-www-form-urlencoded"))
            values.addAll(ctx.formParams(name));
        List<Node> graphs = new ArrayList<>();
        for (String v : values) {
            IRIx iri;
            try {
                iri = IRIx.create(v);
            } catch (IRIException e) {
                throw new BadRequestResponse(name + " must be an absolute IRI: " + v);
            }
            if (!iri.isAbsolute()) throw new BadRequestResponse(name + " must be an absolute IRI: " + v);
            graphs.add(NodeFactory.createURI(v));
        }
        return graphs;
    }

    /** What a write did, as its JSON answer. */
    static Map<String, Object> summary(Commit commit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generation", commit.generation());
        out.put("changed", commit.changed());
        out.put("quadsAdded", commit.quadsAdded());
        out.put("quadsDeleted", commit.quadsDeleted());
        out.put("affected", commit.affected().stream().map(n -> n.getURI()).sorted().toList());
        return out;
    }
}
