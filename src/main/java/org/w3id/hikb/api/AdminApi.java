package org.w3id.hikb.api;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.load.Loader;
import org.w3id.hikb.ops.Backups;
import org.w3id.hikb.ops.Compactions;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.StoreDigest;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.History;
import org.w3id.hikb.write.WritePath;
import org.w3id.hikb.recordjson.RecordLines;

/**
 * Operations over HTTP, for an admin token, while the server goes on serving: {@code POST /api/admin/backup},
 * {@code GET /api/admin/backups}, {@code POST /api/admin/restore?backup=NAME}, {@code POST /api/admin/compact} (202: a background job, followed at {@code GET /api/admin/compactions/ID}),
 * {@code POST /api/admin/records} (JSON lines), {@code POST /api/admin/reload} (the bundle's changed files). And the export of every record as JSON lines, open to all:
 * {@code GET /api/records.jsonl}.
 *
 * @param reloadBundle loads the bundle's files that changed since they were loaded, as the agent given
 */
public record AdminApi(KnowledgeStore store, WritePath writes, Compactions compactions, BearerAuth auth, long maxUploadBytes,
                       Function<String, Loader.Report> reloadBundle) implements WebServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/admin/backup", this::backup);
        routes.get("/api/admin/backups", this::backups);
        routes.post("/api/admin/restore", this::restore);
        routes.post("/api/admin/compact", this::compact);
        routes.get("/api/admin/compactions", this::compactions);
        routes.get("/api/admin/compactions/{id}", this::compaction);
        routes.post("/api/admin/records", this::importRecords);
        routes.post("/api/admin/purge", this::purge);
        routes.post("/api/admin/reload", this::reload);
        routes.get("/api/records.jsonl", this::exportRecords);
        routes.get("/api/admin/digest", this::digest);
    }

    /**
     * The store's digest (SHA-256 over its sorted N-Quads, the node's own log position left out) at its
     * generation, read in one transaction: two nodes with the same digest hold the same quads. It reads every
     * quad (seconds for the health scope), so it is for operators (admin).
     */
    private void digest(Context ctx) {
        admin(ctx);
        ctx.json(store.read(dsg -> Map.of("generation", History.generation(dsg), "sha256", StoreDigest.of(dsg))));
    }

    private Caller admin(Context ctx) {
        return auth.require(ctx.header("Authorization"), ctx.ip(), Role.ADMIN);
    }

    private void backup(Context ctx) {
        admin(ctx);
        Backups.Backup b = Backups.backup(store, null);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", b.name());
        out.put("generation", b.generation());
        out.put("quads", b.quads());
        out.put("bytes", b.bytes());
        out.put("sha256", b.sha256());
        if (b.logOffset() >= 0) out.put("logOffset", b.logOffset());
        ctx.status(201).json(out);
    }

    /** Loads the bundled ontology and data files that changed since they were loaded (a deployment's update). */
    private void reload(Context ctx) {
        Caller caller = admin(ctx);
        Loader.Report r = reloadBundle.apply(caller.agent());
        ctx.json(Map.of("loaded", r.loaded(), "unchanged", r.unchanged(), "generation", r.commit() == null ? -1 : r.commit().generation()));
    }

    private void backups(Context ctx) {
        admin(ctx);
        ctx.json(Map.of("backups", Backups.list(store).stream().map(p -> p.getFileName().toString()).toList()));
    }

    private void restore(Context ctx) {
        Caller caller = admin(ctx);
        java.nio.file.Path file;
        try {
            file = Backups.named(store, ctx.queryParam("backup"));
        } catch (StoreException e) {
            throw new NotFoundResponse(e.getMessage());
        }
        Backups.Restored r;
        try {
            r = Backups.restore(writes, store, file, caller.agent(), null);
        } catch (StoreException e) {
            // A backup file that cannot be read (cut short, not N-Quads): the store is as it was, or as far as the restore got.
            throw new HttpResponseException(422, e.getMessage());
        }
        ctx.json(Map.of("restored", file.getFileName().toString(), "generation", r.generation(),
                "quadsAdded", r.quadsAdded(), "quadsDeleted", r.quadsDeleted(), "writes", r.writes()));
    }

    /**
     * Removes a text from every earlier version of the records ({@code {"text": "..."}}); 409 while the current
     * data still holds it. What a purge reaches: the history graph, and so the versions served, SPARQL over
     * the history and every dump made afterwards. What it cannot reach: backups already written (delete those
     * files), and copies others have harvested.
     */
    private void purge(Context ctx) {
        Caller caller = admin(ctx);
        com.fasterxml.jackson.databind.JsonNode body = RequestBodies.json(ctx);
        if (!body.path("text").isTextual())
            throw new BadRequestResponse("Send {\"text\": \"...\"}: the text to remove from the records' history.");
        Change.Purge purge;
        try {
            purge = new Change.Purge(body.path("text").asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage());
        }
        Commit commit = writes.commit(purge, caller.agent());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("purged", commit.changed());
        out.put("generation", commit.generation());
        out.put("records", purge.purged().stream().map(n -> n.getURI()).sorted().toList());
        ctx.json(out);
    }

    /** Starts a compaction in the background: 202 and where to follow it. */
    private void compact(Context ctx) {
        Caller caller = admin(ctx);
        Compactions.Job job = compactions.request(caller.agent());
        ctx.header("Location", "/api/admin/compactions/" + job.id());
        ctx.status(202).json(jobJson(job));
    }

    private void compactions(Context ctx) {
        admin(ctx);
        ctx.json(Map.of("compactions", compactions.jobs().stream().map(AdminApi::jobJson).toList()));
    }

    private void compaction(Context ctx) {
        admin(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("There is no compaction '" + Params.clip(ctx.pathParam("id")) + "'.");
        }
        Compactions.Job job = compactions.job(id);
        if (job == null) throw new NotFoundResponse("There is no compaction " + id + " (the last 20 are kept).");
        ctx.json(jobJson(job));
    }

    private static Map<String, Object> jobJson(Compactions.Job job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id());
        out.put("state", job.state().name().toLowerCase(java.util.Locale.ROOT));
        out.put("trigger", job.trigger());
        out.put("requested", job.requested().toString());
        out.put("started", job.started() == null ? null : job.started().toString());
        out.put("finished", job.finished() == null ? null : job.finished().toString());
        out.put("bytesBefore", job.bytesBefore() < 0 ? null : job.bytesBefore());
        out.put("bytesAfter", job.bytesAfter() < 0 ? null : job.bytesAfter());
        if (job.error() != null) out.put("error", job.error());
        return out;
    }

    private void importRecords(Context ctx) {
        Caller caller = admin(ctx);
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim();
        if (!type.equals("application/x-ndjson") && !type.equals("application/jsonl") && !type.equals("application/json-lines"))
            throw new HttpResponseException(415, "Send one record per line as application/x-ndjson.");
        long length = ctx.req().getContentLengthLong();
        if (length > maxUploadBytes)
            throw new HttpResponseException(413, "The body has " + length + " bytes; at most " + maxUploadBytes + " are accepted (max-upload-mb).");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new java.io.BufferedInputStream(limited(ctx.bodyInputStream())), Params.strictUtf8()))) {
            RecordLines.Report r = RecordLines.importLines(writes, in, caller.agent(), null);
            ctx.json(Map.of("lines", r.lines(), "imported", r.imported(), "refused", r.refused()));
        } catch (IOException e) {
            throw unreadable(e);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        }
    }

    private HttpResponseException unreadable(IOException e) {
        if (e instanceof java.nio.charset.CharacterCodingException)
            return new BadRequestResponse("The body is not valid UTF-8; the lines before the first bad byte were imported, none after it.");
        if (e instanceof TooLarge)
            return new HttpResponseException(413, "The body passed " + maxUploadBytes + " bytes (max-upload-mb); the lines before were imported, none after.");
        return new BadRequestResponse("The body could not be read: " + e.getMessage());
    }

    private static final class TooLarge extends IOException {
        TooLarge() { super("body too large"); }
    }

    /** The body, cut off with {@link TooLarge} past {@code maxUploadBytes} (a chunked body has no length to check first). */
    private java.io.InputStream limited(java.io.InputStream in) {
        return new java.io.FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0 && ++read > maxUploadBytes) throw new TooLarge();
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0 && (read += n) > maxUploadBytes) throw new TooLarge();
                return n;
            }
        };
    }

    private void exportRecords(Context ctx) {
        ctx.contentType("application/x-ndjson; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"hikb-records.jsonl\"");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            RecordLines.export(store, out, null);
        } catch (IOException | UncheckedIOException e) {
            // The client went away.
        }
    }
}
