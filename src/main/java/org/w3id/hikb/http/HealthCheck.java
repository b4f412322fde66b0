package org.w3id.hikb.http;

import java.util.Map;

import io.javalin.config.RoutesConfig;
import org.w3id.hikb.ops.Compactions;
import org.w3id.hikb.write.WritePath;

/**
 * {@code GET /health}: the server is up, at which generation, and whether a compaction is running. It reads
 * nothing from the store, so it answers whatever the store is doing.
 */
public final class HealthCheck implements WebServer.Routes {
    private final WritePath writes;
    private final Compactions compactions;

    public HealthCheck(WritePath writes, Compactions compactions) {
        this.writes = writes;
        this.compactions = compactions;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "up", "generation", writes.generation(),
                "compacting", compactions.running())));
    }
}
