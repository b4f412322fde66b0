package org.w3id.hikb.http;

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
                send(ctx, Problem.of(e.getStatus(), kind(e.getStatus()), reason(e.getStatus()), e.getMessage(), ctx.path())));
        routes.exception(InvalidDataException.class, (e, ctx) ->
                send(ctx, Problem.of(422, "invalid-data", "The data was refused", e.getMessage(), ctx.path())
                        .withViolations(e.violations())));
        routes.exception(AuthException.class, (e, ctx) -> {
            if (e.challenge() != null) ctx.header("WWW-Authenticate", e.challenge());
            if (e.retryAfterSeconds() > 0) ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            send(ctx, Problem.of(e.status(), kind(e.status()), reason(e.status()), e.getMessage(), ctx.path()));
        });
        routes.exception(ProblemException.class, (e, ctx) -> send(ctx, e.problem()));
        routes.exception(DiskFullException.class, (e, ctx) ->
                send(ctx, Problem.of(507, "disk-full", "Not enough disk space", e.getMessage(), ctx.path())));
        routes.exception(WriteRefusedException.class, (e, ctx) -> {
            int status = switch (e.reason()) {
                case STALE -> 412;
                case EXISTS -> 409;
                case MISSING -> 404;
            };
            send(ctx, Problem.of(status, kind(status), reason(status), e.getMessage(), ctx.path()));
        });
        routes.exception(WritesClosedException.class, (e, ctx) ->
                send(ctx, Problem.of(503, "writes-closed", "This node takes no writes", e.getMessage(), ctx.path())));
        routes.exception(ForbiddenWriteException.class, (e, ctx) ->
                send(ctx, Problem.of(403, "forbidden", "Forbidden", e.getMessage(), ctx.path())));
        routes.exception(QueryCancelledException.class, (e, ctx) -> {
            ctx.header("Retry-After", "60");
            send(ctx, Problem.of(503, "timeout", "Stopped at the time limit",
                    "The update ran longer than the time limit and was stopped; nothing of it was applied.", ctx.path()));
        });
        routes.exception(BadSearchException.class, (e, ctx) ->
                send(ctx, Problem.of(400, "bad-search", "Bad search", e.getMessage(), ctx.path())));
        routes.exception(Exception.class, (e, ctx) -> {
            // Jetty's word that the client sent something it cannot read (a broken multipart body, say), however
            // deep a servlet wrapped it: the client's 4xx, not our 500.
            HttpException bad = clientError(e);
            if (bad != null) {
                send(ctx, Problem.ofStatus(bad.getCode(), bad.getReason() == null ? null : "The request cannot be read: " + bad.getReason() + ".", ctx.path()));
                return;
            }
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            send(ctx, Problem.of(500, "internal", "Internal error",
                    "The server could not answer this request. The error has been logged.", ctx.path()));
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null)
                send(ctx, Problem.of(404, "not-found", "Not found", "There is nothing at " + ctx.path() + ".", ctx.path()));
        });
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
            ctx.contentType(Problem.MEDIA_TYPE).result(ctx.jsonMapper().toJsonString(p, Problem.class));
        }
    }

    private static boolean prefersHtml(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/");
    }

    static String kind(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 412 -> "precondition-failed";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            default -> "http-" + status;
        };
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 412 -> "Precondition failed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 428 -> "Precondition required";
            case 429 -> "Too many requests";
            default -> "HTTP " + status;
        };
    }
}
