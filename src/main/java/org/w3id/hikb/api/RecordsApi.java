package org.w3id.hikb.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import org.apache.jena.graph.Node;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.Vary;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.search.Facet;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchRequest;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.recordjson.RecordJson;

/**
 * {@code GET /api/records/{slug}} (the full record), {@code GET /api/records} (a paged list, filtered by the
 * same facets as the search) and {@code GET /api/records/{slug}/related} (the most alike records).
 */
public record RecordsApi(KnowledgeStore store, RecordSearcher searcher, SearchApi search) implements WebServer.Routes {
    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/records", this::list);
        routes.get("/api/records/{slug}", this::get);
        routes.get("/api/records/{slug}/related", this::related);
    }

    private void get(Context ctx) {
        Params.onlyKnown(ctx, Set.of("lang"));
        Lang lang = Params.lang(ctx);
        String slug = ctx.pathParam("slug");
        ObjectNode json = store.read(dsg -> {
            Record r = read(new RecordReader(dsg), slug);
            ObjectNode o = new RecordJson(new Labels(dsg), lang).toJson(r);
            o.put("etag", r.etag());
            return o;
        });
        String etag = "\"" + json.get("etag").asText() + "\"";
        ctx.header("ETag", etag);
        Vary.on(ctx, "Accept-Language");
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.json(json);
    }

    private static Record read(RecordReader reader, String slug) {
        return reader.find(slug).flatMap(reader::read)
                .orElseThrow(() -> new NotFoundResponse("There is no record with the slug '" + Params.clip(slug) + "'."));
    }

    private void list(Context ctx) {
        Set<String> known = new LinkedHashSet<>(List.of("lang", "page", "size", "sort", "from", "to"));
        for (Facet f : Facet.values()) known.add(f.dimension());
        Params.onlyKnown(ctx, known);
        SearchRequest request = search.request(ctx, false);
        SearchResult result = searcher.search(request);
        ctx.json(store.read(dsg -> {
            ObjectNode out = search.response(request, result, new ResultItems(dsg, request.lang()), new FacetValues(dsg));
            out.remove("query");
            return out;
        }));
    }

    private void related(Context ctx) {
        Params.onlyKnown(ctx, Set.of("lang", "size"));
        Lang lang = Params.lang(ctx);
        int size = Params.integer(ctx, "size", 5, 1, 20);
        String slug = ctx.pathParam("slug");
        Record r = store.read(dsg -> read(new RecordReader(dsg), slug));
        List<SearchResult.Hit> hits = searcher.related(r, size);
        ctx.json(store.read(dsg -> {
            ResultItems items = new ResultItems(dsg, lang);
            ObjectNode out = RecordJson.JSON.objectNode();
            out.put("id", r.id().uri());
            ArrayNode a = out.putArray("related");
            for (SearchResult.Hit h : hits) items.item(h).ifPresent(a::add);
            return out;
        }));
    }
}
