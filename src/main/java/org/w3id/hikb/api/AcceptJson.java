package org.w3id.hikb.api;

import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpResponseException;
import org.apache.jena.atlas.web.AcceptList;
import org.w3id.hikb.http.WebServer;

/**
 * The JSON API answers JSON: a client whose {@code Accept} admits no JSON gets a {@code 406} that says so,
 * rather than a body it said it cannot read. (The export, the JSON-lines dump and the documentation have
 * their own types and are left alone.)
 */
public final class AcceptJson implements WebServer.Routes {
    private static final AcceptList JSON = AcceptList.create("application/json", "application/problem+json");
    private static final List<String> OTHER_TYPES = List.of("/api/export", "/api/records.jsonl", "/api/docs", "/api/openapi.json");

    @Override
    public void addTo(RoutesConfig routes) {
        routes.before("/api/*", ctx -> {
            String accept = ctx.header("Accept");
            if (accept == null || accept.isBlank() || OTHER_TYPES.stream().anyMatch(ctx.path()::startsWith)) return;
            boolean json;
            try {
                json = AcceptList.match(new AcceptList(accept), JSON) != null;
            } catch (RuntimeException e) {
                json = false;
            }
            if (!json) throw new HttpResponseException(406, "The JSON API answers application/json; the Accept header admits none.");
        });
    }
}
