package org.w3id.hikb.api;

import io.javalin.config.RoutesConfig;
import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.WebServer;

/** {@code /api/openapi.json} (OpenAPI 3.1, kept as a file) and {@code /api/docs} (Swagger UI, from a webjar). */
public final class ApiDocs implements WebServer.Routes {
    private final String openApi = Resources.text("openapi.json");
    private final String page = Resources.text("docs.html");
    private final String init = Resources.text("docs-init.js");

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        routes.get("/api/docs", ctx -> ctx.html(page));
        routes.get("/api/docs/init.js", ctx -> ctx.contentType("text/javascript").result(init));
    }

    /** Text files kept beside this package. */
    static final class Resources {
        private Resources() {}

        static String text(String name) {
            return Html.file("/org/w3id/hikb/api/" + name);
        }
    }
}
