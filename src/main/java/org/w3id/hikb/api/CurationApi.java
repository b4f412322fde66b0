package org.w3id.hikb.api;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Caller;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.Problem;
import org.w3id.hikb.http.ProblemException;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.Replaced;
import org.w3id.hikb.write.History;
import org.w3id.hikb.write.WritePath;
import org.w3id.hikb.recordjson.RecordJsonReader;
import org.w3id.hikb.recordjson.RecordJson;

/**
 * Curating records without SPARQL, with a bearer token:
 * <ul>
 * <li>{@code POST /api/records}: create; {@code PUT /api/records/{slug}}: replace; {@code PATCH}: a JSON Merge
 *     Patch (RFC 7396) of the record's JSON form; {@code DELETE} (admin). The body is the JSON form
 *     {@code GET} returns, or Turtle, N-Triples or JSON-LD of the record's statements.</li>
 * <li>Changing a record needs {@code If-Match} with its ETag: no ETag is a {@code 428}, a stale one a
 *     {@code 412}, so no one overwrites a change they have not seen.</li>
 * <li>{@code GET /api/records/{slug}/history} lists the versions (who, when, what operation);
 *     {@code GET .../history/{n}} returns version {@code n}; {@code POST .../history/{n}/restore} (admin) makes
 *     it the current one again.</li>
 * </ul>
 * Every write goes through the write path: the shapes (a refusal lists each violation with the JSON pointer of
 * the field), one transaction, the change log, the history, the search index, the change feed.
 */
public record CurationApi(KnowledgeStore store, WritePath writes, BearerAuth auth) implements WebServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/api/records", this::create);
        routes.put("/api/records/{slug}", this::replace);
        routes.patch("/api/records/{slug}", this::patch);
        routes.delete("/api/records/{slug}", this::delete);
        routes.get("/api/records/{slug}/history", this::history);
        routes.get("/api/records/{slug}/history/{n}", this::version);
        routes.post("/api/records/{slug}/history/{n}/restore", this::restore);
    }

    private void create(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        Body body = body(ctx);
        RecordId id = body.json() != null ? jsonId(body.json()) : idOf(body.rdf());
        Graph content = body.json() != null ? fromJson(id, body.json()) : fromRdf(id, body.rdf());
        Commit commit = commit(Change.PutRecord.create(id, content, Instant.now()), caller, body.json());
        ctx.status(201).header("Location", "/api/records/" + id.slug());
        answer(ctx, id, commit);
    }

    private void replace(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        RecordId id = existing(ctx.pathParam("slug"));
        String ifMatch = ifMatch(ctx, id);
        Body body = body(ctx);
        // A JSON body replaces what the JSON form can say, and keeps the statements it cannot (an RDF body says all).
        Graph content = body.json() != null ? fromJson(id, body.json()) : fromRdf(id, body.rdf());
        Replaced replaced = body.json() != null ? RecordJson.replaced() : Replaced.EVERYTHING;
        answer(ctx, id, commit(Change.PutRecord.replace(id, content, ifMatch, Instant.now(), replaced), caller, body.json()));
    }

    private void patch(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.EDITOR);
        RecordId id = existing(ctx.pathParam("slug"));
        String ifMatch = ifMatch(ctx, id);
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (!type.startsWith("application/merge-patch+json"))
            throw new HttpResponseException(415, "A PATCH is a JSON Merge Patch: send it as application/merge-patch+json.");
        JsonNode patch = RequestBodies.json(ctx);
        if (!patch.isObject()) throw new BadRequestResponse("A merge patch of a record is a JSON object.");
        // The patch applies to the record as it is now; the ETag, checked again inside the write, says it still is.
        ObjectNode current = store.read(dsg -> new RecordJson(new Labels(dsg), Lang.EN).toJson(
                new RecordReader(dsg).read(id).orElseThrow(() -> new NotFoundResponse("There is no record '" + id.slug() + "'."))));
        JsonNode merged = MergePatch.apply(current, patch);
        Graph content = fromJson(id, merged);
        // Only the members the patch names change; every other statement of the record stays as it is.
        List<String> members = new ArrayList<>();
        patch.fieldNames().forEachRemaining(members::add);
        answer(ctx, id, commit(Change.PutRecord.replace(id, content, ifMatch, Instant.now(), RecordJson.replaced(members)), caller, merged));
    }

    private void delete(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.ADMIN);
        RecordId id = existing(ctx.pathParam("slug"));
        Commit commit = commit(new Change.DeleteRecord(id, ifMatch(ctx, id)), caller, null);
        ctx.json(Map.of("deleted", id.uri(), "generation", commit.generation()));
    }

    private void history(Context ctx) {
        Params.onlyKnown(ctx, Set.of());
        RecordId id = known(ctx.pathParam("slug"));
        ObjectNode out = RecordJson.JSON.objectNode();
        out.put("id", id.uri());
        ArrayNode versions = out.putArray("versions");
        store.read(dsg -> History.versions(dsg, id.node())).forEach(v -> {
            ObjectNode o = versions.addObject();
            o.put("version", v.generation()).put("time", v.time().toString()).put("agent", v.agent()).put("operation", v.operation());
            if (v.added() != null) o.put("statementsAdded", v.added()).put("statementsDeleted", v.deleted());
            o.put("href", "/api/records/" + id.slug() + "/history/" + v.generation());
        });
        if (versions.isEmpty()) throw new NotFoundResponse("The change log has nothing about '" + id.slug() + "'.");
        ctx.json(out);
    }

    private void version(Context ctx) {
        Params.onlyKnown(ctx, Set.of("lang"));
        Lang lang = Params.lang(ctx);
        RecordId id = known(ctx.pathParam("slug"));
        long n = versionNumber(ctx);
        ObjectNode json = store.read(dsg -> {
            List<Quad> quads = History.stateAt(dsg, id.node(), n)
                    .orElseThrow(() -> new NotFoundResponse("'" + id.slug() + "' has no version " + n + "; see its history."));
            if (quads.isEmpty()) throw new NotFoundResponse("At version " + n + " '" + id.slug() + "' had been deleted.");
            ObjectNode o = new RecordJson(new Labels(dsg), lang).toJson(asRecord(id, quads));
            o.put("version", n);
            return o;
        });
        ctx.json(json);
    }

    private void restore(Context ctx) {
        Caller caller = auth.require(ctx.header("Authorization"), ctx.ip(), Role.ADMIN);
        RecordId id = known(ctx.pathParam("slug"));
        long n = versionNumber(ctx);
        List<Quad> quads = store.read(dsg -> History.stateAt(dsg, id.node(), n))
                .orElseThrow(() -> new NotFoundResponse("'" + id.slug() + "' has no version " + n + "; see its history."));
        Commit commit = commit(new Change.RestoreRecord(id, quads), caller, null);
        answer(ctx, id, commit);
    }

    // ---- reading requests

    private record Body(JsonNode json, Graph rdf) {}

    private static Body body(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim();
        if (type.equals("application/json"))
            return new Body(RequestBodies.json(ctx), null);
        org.apache.jena.riot.Lang lang = RDFLanguages.contentTypeToLang(type);
        if (lang != null && RDFLanguages.isTriples(lang)) {
            try {
                return new Body(null, RdfFiles.parse(new ByteArrayInputStream(ctx.bodyAsBytes()), lang, "request", ctx.url()));
            } catch (InvalidDataException e) {
                throw new BadRequestResponse(e.violations().isEmpty() ? e.getMessage() : e.violations().get(0).message());
            }
        }
        throw new HttpResponseException(415, "Send the record as application/json (the form GET returns), or as text/turtle, "
                + "application/n-triples or application/ld+json; not '" + type + "'.");
    }

    /**
     * The ETag a change must find, from {@code If-Match} (RFC 9110, 13.1.1): {@code *} is any current version
     * (null: the record must exist, which the write checks); of a list, the one the record has now, if any (the
     * write checks it again, in its transaction); a weak tag never matches. No header is a 428.
     */
    private String ifMatch(Context ctx, RecordId id) {
        String v = ctx.header("If-Match");
        if (v == null || v.isBlank())
            throw new HttpResponseException(428, "Changing a record needs If-Match with its ETag (from GET /api/records/{slug}), "
                    + "so that a change made meanwhile by someone else is not overwritten.");
        if (v.strip().equals("*")) return null;
        List<String> tags = new ArrayList<>();
        for (String t : v.split(",")) {
            String tag = t.strip();
            if (tag.startsWith("W/")) continue;
            if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) tag = tag.substring(1, tag.length() - 1);
            if (!tag.isEmpty()) tags.add(tag);
        }
        if (tags.isEmpty()) return "";
        if (tags.size() == 1) return tags.get(0);
        String now = store.read(dsg -> { RecordReader r = new RecordReader(dsg); return r.read(id).map(Record::etag).orElse(null); });
        return tags.contains(now) ? now : tags.get(0);
    }

    private RecordId existing(String slug) {
        return store.read(dsg -> new RecordReader(dsg).find(slug))
                .orElseThrow(() -> new NotFoundResponse("There is no record with the slug '" + Params.clip(slug) + "'."));
    }

    /** A record that exists, or existed: its URI from the history if it is gone. */
    private RecordId known(String slug) {
        if (!RecordId.isSlug(slug)) throw new NotFoundResponse("There is no record with the slug '" + Params.clip(slug) + "'.");
        Optional<RecordId> now = store.read(dsg -> new RecordReader(dsg).find(slug));
        if (now.isPresent()) return now.get();
        for (RecordType t : RecordType.values()) {
            RecordId id = new RecordId(t, slug);
            if (!store.read(dsg -> History.versions(dsg, id.node())).isEmpty()) return id;
        }
        throw new NotFoundResponse("There is no record with the slug '" + Params.clip(slug) + "', now or before.");
    }

    private static long versionNumber(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("Versions are numbered: see the record's history.");
        }
    }

    private static RecordId jsonId(JsonNode json) {
        try {
            return RecordJsonReader.idOf(json);
        } catch (RecordJsonReader.BadRecordException e) {
            throw badRecord(e, "/api/records");
        }
    }

    private static ProblemException badRecord(RecordJsonReader.BadRecordException e, String instance) {
        return new ProblemException(Problem.of(400, "bad-record", e.getMessage(), instance)
                .withViolations(e.problems().stream().map(p -> Map.of("pointer", p.pointer(), "message", p.message())).toList()));
    }

    private static RecordId idOf(Graph rdf) {
        List<RecordId> ids = new ArrayList<>();
        rdf.find().forEachRemaining(t -> RecordId.of(t.getSubject()).filter(r -> !ids.contains(r)).ifPresent(ids::add));
        if (ids.size() != 1)
            throw new BadRequestResponse("The statements must be about exactly one record (and its #parts); they are about " + ids.size() + ".");
        return ids.get(0);
    }

    private static Graph fromJson(RecordId id, JsonNode json) {
        try {
            return RecordJsonReader.read(id, json);
        } catch (RecordJsonReader.BadRecordException e) {
            throw badRecord(e, "/api/records/" + id.slug());
        }
    }

    private static Graph fromRdf(RecordId id, Graph rdf) {
        String prefix = id.uri() + "#";
        rdf.find().forEachRemaining(t -> {
            Node s = t.getSubject();
            if (!s.equals(id.node()) && !(s.isURI() && s.getURI().startsWith(prefix)))
                throw new BadRequestResponse("Every statement must be about " + id.uri() + " or one of its #parts, not " + s + ".");
        });
        return rdf;
    }

    /** Commits; a refusal by the shapes says where in the JSON body each violation is (the 422 is made centrally). */
    private Commit commit(Change change, Caller caller, JsonNode json) {
        try {
            return writes.commit(change, caller.agent());
        } catch (InvalidDataException e) {
            throw e.locatedBy(v -> pointer(json, v));
        }
    }

    /** Where a violation is in the JSON form: {@code /startDate}, {@code /funding/0/totalBudget}. */
    static String pointer(JsonNode json, Violation v) {
        String property = v.property() == null ? null : Namespaces.prefixes().expandPrefix(v.property().replaceAll("^<|>$", ""));
        String focus = v.focus();
        String at = "";
        List<RecordJson.Field> fields = RecordJson.RECORD;
        if (focus != null && v.record() != null && !focus.equals(v.record())) {
            for (RecordJson.Field f : RecordJson.RECORD) {
                if (f.kind() != RecordJson.Kind.PARTS) continue;
                JsonNode items = json == null ? null : json.get(f.json());
                if (items == null || !items.isArray()) continue;
                for (int i = 0; i < items.size(); i++) {
                    String id = items.get(i).path("id").asText("");
                    if (focus.equals(id) || focus.equals(v.record() + "#" + f.json() + "-" + i)) {
                        at = "/" + f.json() + "/" + i;
                        fields = f.parts();
                    }
                }
            }
        }
        if (property == null) return at;
        for (RecordJson.Field f : fields)
            if (f.property().getURI().equals(property)) return at + "/" + f.json();
        return at;
    }

    private void answer(Context ctx, RecordId id, Commit commit) {
        ObjectNode json = store.read(dsg -> {
            Record r = new RecordReader(dsg).read(id).orElseThrow(() -> new NotFoundResponse("The record is gone."));
            ObjectNode o = new RecordJson(new Labels(dsg), Lang.EN).toJson(r);
            o.put("etag", r.etag());
            o.put("generation", commit.generation());
            return o;
        });
        ctx.header("ETag", "\"" + json.get("etag").asText() + "\"");
        ctx.json(json);
    }

    private static Record asRecord(RecordId id, List<Quad> quads) {
        Graph g = GraphFactory.createDefaultGraph();
        Set<Node> graphs = new java.util.LinkedHashSet<>();
        for (Quad q : quads) {
            g.add(q.asTriple());
            graphs.add(q.getGraph());
        }
        return new Record(id, g, graphs);
    }

}
