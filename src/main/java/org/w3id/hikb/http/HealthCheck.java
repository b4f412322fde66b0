package org.w3id.hikb.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.w3id.hikb.ops.Compactions;
import org.w3id.hikb.replication.Replication;
import org.w3id.hikb.write.WritePath;

/**
 * {@code GET /health}: the server is up, at which generation, whether a compaction is running, and its part in
 * replication (a replica's applied offset and lag). It reads nothing from the store, so it answers whatever the
 * store is doing. Plain, it is a liveness check (200 while the process serves); with {@code ?ready} or
 * {@code ?max-lag=N} it is a readiness check for a load balancer: 503 from a replica more than N log messages
 * behind (default: the max-lag setting) or no longer following, and from a fenced writer.
 */
public record HealthCheck(WritePath writes, Compactions compactions, Replication replication) implements WebServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        Long maxLag = ctx.queryParam("max-lag") == null ? null : (long) Params.integer(ctx, "max-lag", 0, 0, Integer.MAX_VALUE);
        boolean ready = replication.healthy(maxLag);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        body.put("generation", writes.generation());
        body.put("compacting", compactions.running());
        body.put("ready", ready);
        Map<String, Object> r = replication.status();
        if (r != null) body.put("replication", r);
        if (!ready && (maxLag != null || ctx.queryParam("ready") != null)) {
            ctx.header("Retry-After", "5");
            ctx.status(503);
        }
        ctx.json(body);
    }
}
