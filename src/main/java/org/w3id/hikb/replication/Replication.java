package org.w3id.hikb.replication;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.write.WritePath;

/**
 * This node's part in replication (docs/scale-out.md), made from the configuration: a single node (nothing
 * runs); the writer (its commits keep their patches in the outbox, and a publisher sends them to the log); or
 * a read replica (it follows the log, takes no writes of its own, and answers a write with 307 to the writer).
 */
public final class Replication implements WebServer.Routes, AutoCloseable {
    /** Node operations that write nothing replicated, so a replica runs them itself. */
    private static final Set<String> LOCAL = Set.of("/api/admin/backup", "/api/admin/compact");
    private static final Set<HandlerType> WRITES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final Config.Replication config;
    private final WritePath writes;
    private final LogPublisher publisher;
    private final LogFollower follower;

    private Replication(Config.Replication config, WritePath writes, LogPublisher publisher, LogFollower follower) {
        this.config = config;
        this.writes = writes;
        this.publisher = publisher;
        this.follower = follower;
    }

    /**
     * Wires the write path for the node's role before anything is written: a writer's commits (and those of a
     * store that was ever a writer's: a command run while the server is stopped) keep their patches in the outbox;
     * a replica's writes are closed. Nothing talks to Kafka until {@link #start}.
     */
    public static Replication of(Config config, WritePath writes) {
        Config.Replication r = config.replication();
        Path data = config.dataDir();
        if (r.role() == Config.Role.PRIMARY || Outbox.existsIn(data)) {
            Outbox outbox = Outbox.in(data);
            writes.keepPatchesIn(outbox);
            if (r.role() == Config.Role.PRIMARY)
                return new Replication(r, writes, new LogPublisher(new KafkaLog(r.servers(), r.topic()), outbox, writes, NodeId.of(data)), null);
        }
        if (r.role() == Config.Role.REPLICA) {
            writes.closeWrites("This node is a read replica of the log " + r.topic() + ": write to the writer"
                    + (r.writerUrl() == null ? " (this replica was not told where it is: writer-url)." : ", " + r.writerUrl() + "."));
            return new Replication(r, writes, null, new LogFollower(new KafkaLog(r.servers(), r.topic()), writes));
        }
        return new Replication(r, writes, null, null);
    }

    public Config.Role role() { return config.role(); }

    /** Starts publishing (writer) or following (replica). */
    public void start() {
        if (publisher != null) publisher.start();
        if (follower != null) follower.start();
    }

    /**
     * Whether this node should be sent requests: a replica that follows the log at most {@code maxLag}
     * messages behind (null: the configured max-lag), a writer that is not fenced; a single node always.
     */
    public boolean healthy(Long maxLag) {
        if (follower != null) return follower.healthy(maxLag != null ? maxLag : config.maxLag());
        return publisher == null || !publisher.fenced();
    }

    /** What {@code /health} says of replication (null for a single node). */
    public Map<String, Object> status() {
        if (publisher == null && follower == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", config.role().name().toLowerCase(java.util.Locale.ROOT));
        m.putAll(publisher != null ? publisher.status() : follower.status());
        if (follower != null) m.put("writer", config.writerUrl());
        return m;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        if (follower == null) return;
        routes.beforeMatched(this::redirectWrite);
    }

    /** On a replica, a write goes to the writer: 307 keeps its method and body (RFC 9110, 15.4.8). */
    private void redirectWrite(Context ctx) {
        if (!WRITES.contains(ctx.method()) || LOCAL.contains(ctx.path())) return;
        if (config.writerUrl() == null) return; // the write path answers 503 (writes closed), saying why
        String query = ctx.queryString();
        ctx.header("Location", config.writerUrl() + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query));
        ctx.header("Cache-Control", "no-store");
        ctx.status(HttpStatus.TEMPORARY_REDIRECT);
        ctx.skipRemainingHandlers();
    }

    @Override
    public void close() {
        if (publisher != null) publisher.close();
        if (follower != null) follower.close();
    }
}
