package org.w3id.hikb.sparql;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.sparql.modify.request.UpdateLoad;
import org.apache.jena.update.Update;
import org.apache.jena.update.UpdateFactory;
import org.apache.jena.update.UpdateRequest;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * {@code POST /sparql/update}: SPARQL 1.1 Update over the protocol ({@code application/sparql-update} or a
 * form with {@code update=}), for callers with a bearer token. The update goes through the write path like
 * every other write: validated against the shapes, applied whole or not at all, logged, indexed.
 * {@code LOAD} is refused (it would make the server fetch from the network).
 */
public final class UpdateApi implements WebServer.Routes {
    private final WritePath writes;
    private final BearerAuth auth;
    private final Duration timeout;

    /** {@code timeout}: how long an update may run (the query timeout) before it is stopped and nothing applied. */
    public UpdateApi(WritePath writes, BearerAuth auth, Duration timeout) {
        this.writes = writes;
        this.auth = auth;
        this.timeout = timeout;
    }

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
        UpdateRequest request = parse(text(ctx));
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
        if (type.startsWith("application/sparql-update")) return ctx.body();
        if (type.startsWith("application/x-www-form-urlencoded")) {
            String update = ctx.formParam("update");
            if (update != null) return update;
            throw new BadRequestResponse("The form has no 'update' field.");
        }
        throw new HttpResponseException(415, "Send the update as application/sparql-update, or as a form with an 'update' field.");
    }

    static UpdateRequest parse(String text) {
        if (text == null || text.isBlank()) throw new BadRequestResponse("The update is empty.");
        UpdateRequest request;
        try {
            request = UpdateFactory.create(text);
        } catch (QueryParseException e) {
            throw new BadRequestResponse("The update does not parse: " + e.getMessage());
        }
        for (Update u : request.getOperations())
            if (u instanceof UpdateLoad)
                throw new BadRequestResponse("LOAD is not available: it would make the server fetch from the network. "
                        + "Send the data itself, with INSERT DATA or PUT/POST to /data?graph=.");
        return request;
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
