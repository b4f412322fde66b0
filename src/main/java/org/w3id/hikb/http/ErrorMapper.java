package org.w3id.hikb.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.apache.jena.query.QueryCancelledException;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.auth.AuthException;
import org.w3id.hikb.search.BadSearchException;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.write.DiskFullException;
import org.w3id.hikb.write.ForbiddenWriteException;
import org.w3id.hikb.write.WriteRefusedException;
import org.w3id.hikb.write.WritesClosedException;

/**
 * The one place where failures become HTTP responses: RFC 9457 problem+json for programs, a plain page
 * for browsers. Handlers throw; they never build error responses themselves. Unexpected exceptions are
 * logged and answered with a 500 that reveals nothing of the internals.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {}

    public static void addTo(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) ->
                send(ctx, Problem.of(e.getStatus(), e.getMessage(), ctx.path())));
        routes.exception(InvalidDataException.class, (e, ctx) ->
                send(ctx, Problem.of(422, "invalid-data", e.getMessage(), ctx.path()).withViolations(violations(e))));
        routes.exception(AuthException.class, (e, ctx) -> {
            if (e.challenge() != null) ctx.header("WWW-Authenticate", e.challenge());
            if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            send(ctx, Problem.of(e.status(), e.getMessage(), ctx.path()));
        });
        routes.exception(ProblemException.class, (e, ctx) -> send(ctx, e.problem()));
        routes.exception(DiskFullException.class, (e, ctx) ->
                send(ctx, Problem.of(507, "disk-full", e.getMessage(), ctx.path())));
        routes.exception(WriteRefusedException.class, (e, ctx) -> {
            int status = switch (e.reason()) {
                case STALE -> 412;
                case EXISTS -> 409;
                case MISSING -> 404;
            };
            send(ctx, Problem.of(status, e.getMessage(), ctx.path()));
        });
        routes.exception(WritesClosedException.class, (e, ctx) ->
                send(ctx, Problem.of(503, "writes-closed", e.getMessage(), ctx.path())));
        routes.exception(ForbiddenWriteException.class, (e, ctx) ->
                send(ctx, Problem.of(403, e.getMessage(), ctx.path())));
        routes.exception(QueryCancelledException.class, (e, ctx) -> {
            ctx.header("Retry-After", "60");
            send(ctx, Problem.of(503, "timeout",
                    "The update ran longer than the time limit and was stopped; nothing of it was applied.", ctx.path()));
        });
        routes.exception(BadSearchException.class, (e, ctx) ->
                send(ctx, Problem.of(400, "bad-search", e.getMessage(), ctx.path())));
        routes.exception(Exception.class, (e, ctx) -> {
            // Jetty's word that the client sent something it cannot read (a broken multipart body, say), however
            // deep a servlet wrapped it: the client's 4xx, not our 500.
            HttpException bad = clientError(e);
            if (bad != null) {
                send(ctx, Problem.of(bad.getCode(), bad.getReason() == null ? null : "The request cannot be read: " + bad.getReason() + ".", ctx.path()));
                return;
            }
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of(500,
                    "The server could not answer this request. The error has been logged.", ctx.path()));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null)
                send(ctx, Problem.of(404, "There is nothing at " + ctx.path() + ".", ctx.path()));
        });
    }

    /** Each violation as the problem lists it: where in the body (when known) first, then what the shapes said. */
    private static List<Map<String, Object>> violations(InvalidDataException e) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Violation v : e.violations()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("pointer", e.pointer(v));
            o.put("rule", v.rule());
            o.put("message", v.message());
            o.put("record", v.record());
            o.put("property", v.property());
            o.put("value", v.value());
            o.put("focus", v.focus());
            o.put("where", v.where());
            o.values().removeIf(java.util.Objects::isNull);
            out.add(o);
        }
        return out;
    }

    private static HttpException clientError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) return h;
        return null;
    }

    public static void send(Context ctx, Problem p) {
        ctx.status(p.status());
        if (prefersHtml(ctx)) {
            ctx.contentType("text/html; charset=utf-8").result(Templates.render("error.jte", ErrorPage.of(ctx, p)));
        } else {
            ctx.contentType(Problem.MEDIA_TYPE).result(p.toJson());
        }
    }

    private static boolean prefersHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
    }
}
