package org.w3id.hikb.http;

import java.util.Map;

import io.javalin.config.RoutesConfig;
import org.w3id.hikb.write.WritePath;

/** {@code GET /health}: is the store open and answering, and at which generation. */
public final class HealthCheck implements WebServer.Routes {
    private final WritePath writes;

    public HealthCheck(WritePath writes) {
        this.writes = writes;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "up", "generation", writes.generation())));
    }
}
