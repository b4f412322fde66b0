package org.w3id.hikb.api;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.search.Facet;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchRequest;
import org.w3id.hikb.search.SearchResult;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.recordjson.RecordJson;

/**
 * {@code GET /api/search} and {@code GET /api/suggest}: multilingual search with facets, and autocompletion.
 * The index finds and ranks; titles, summaries and facet names come from the store in the reader's language.
 */
public final class SearchApi implements WebServer.Routes {
    static final int MAX_SIZE = 100;
    static final int MAX_DEPTH = 10_000;
    static final Set<String> PARAMS = params();
    private final KnowledgeStore store;
    private final RecordSearcher searcher;

    public SearchApi(KnowledgeStore store, RecordSearcher searcher) {
        this.store = store;
        this.searcher = searcher;
    }

    private static Set<String> params() {
        Set<String> p = new LinkedHashSet<>(List.of("q", "lang", "page", "size", "sort", "from", "to", "explain", "min-generation"));
        for (Facet f : Facet.values()) p.add(f.dimension());
        return p;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/api/search", this::search);
        routes.get("/api/suggest", this::suggest);
    }

    private void search(Context ctx) {
        Params.onlyKnown(ctx, PARAMS);
        sayGeneration(ctx);
        SearchRequest request = request(ctx, true);
        ObjectNode answer = answer(request);
        String explain = ctx.queryParam("explain");
        if (explain != null && !explain.equals("false")) {
            if (!explain.equals("true")) throw new BadRequestResponse("explain is true or false, not '" + Params.clip(explain) + "'.");
            explain(request, answer);
        }
        ctx.json(answer);
    }

    /**
     * Every answer says the generation its search index reflects ({@code HIKB-Index-Generation}); a client that
     * must see its own write asks with {@code ?min-generation} (http/ReadYourWrites, which waits before this runs).
     */
    private void sayGeneration(Context ctx) {
        ctx.header("HIKB-Index-Generation", Long.toString(searcher.index().generation()));
    }

    /**
     * Adds to an answer how its query was read (units, translations and where each came from) and, to each
     * result, which fields and terms matched ({@code ?explain=true}).
     */
    private static final int EXPLAINED = 20;

    private void explain(SearchRequest request, ObjectNode answer) {
        List<String> ids = new java.util.ArrayList<>();
        // Explaining a score costs about a search: the first results only, whatever the page size.
        answer.path("results").forEach(r -> { if (ids.size() < EXPLAINED) ids.add(r.path("id").asText()); });
        RecordSearcher.Explanation e = searcher.explain(request, ids);
        ObjectNode out = answer.putObject("explain");
        out.put("queryLanguage", e.lang().code());
        ArrayNode units = out.putArray("units");
        for (org.w3id.hikb.search.Translations.Unit u : e.units()) {
            ObjectNode o = units.addObject().put("text", u.text()).put("translated", !e.untranslated().contains(u));
            ArrayNode rs = o.putArray("translations");
            for (org.w3id.hikb.search.Translations.Rendering t : u.renderings())
                rs.addObject().put("lang", t.lang().code()).put("text", t.text()).put("weight", t.weight()).put("via", t.via());
        }
        answer.path("results").forEach(r -> {
            ArrayNode why = ((ObjectNode) r).putArray("matched");
            e.matched().getOrDefault(r.path("id").asText(), List.of()).forEach(why::add);
        });
    }

    /** Reads and checks the parameters of a search (or, without words, of a browse by facets). */
    public SearchRequest request(Context ctx, boolean wordsRequired) {
        Lang lang = Params.lang(ctx);
        String q = Params.text("q", ctx.queryParam("q"), 500);
        int size = Params.integer(ctx, "size", 10, 1, MAX_SIZE);
        // Pages reach the first MAX_DEPTH results: with this size, the last page is MAX_DEPTH / size.
        int page = Params.integer(ctx, "page", 1, 1, MAX_DEPTH / size);
        String sortName = ctx.queryParam("sort");
        SearchRequest.Sort sort = sortName == null || sortName.isBlank() ? SearchRequest.Sort.RELEVANCE
                : SearchRequest.Sort.of(sortName).orElseThrow(() -> new BadRequestResponse("Unknown sort '" + Params.clip(sortName) + "': use relevance, newest or budget."));
        Map<Facet, Set<String>> filters = new EnumMap<>(Facet.class);
        store.read(dsg -> {
            FacetValues values = new FacetValues(dsg);
            for (Facet f : Facet.values()) {
                List<String> asked = ctx.queryParams(f.dimension());
                for (String v : asked) {
                    if (v.isBlank()) continue;
                    if (!values.known(f, v))
                        throw new BadRequestResponse("Unknown value '" + Params.clip(v) + "' for facet '" + f.dimension() + "'.");
                    if (f == Facet.SCOPE && v.equals("all")) continue; // every record: no filter
                    filters.computeIfAbsent(f, k -> new LinkedHashSet<>()).add(v);
                }
            }
            return null;
        });
        Integer from = ctx.queryParam("from") == null ? null : Params.integer(ctx, "from", 0, 1000, 9999);
        Integer to = ctx.queryParam("to") == null ? null : Params.integer(ctx, "to", 9999, 1000, 9999);
        if (from != null && to != null && from > to)
            throw new BadRequestResponse("'from' (" + from + ") is after 'to' (" + to + ").");
        boolean noWords = q == null || q.isEmpty();
        // The API wants words or a filter (an empty q= is a mistake there); the page also lists everything.
        if (noWords && wordsRequired && (ctx.queryParam("q") != null || (filters.isEmpty() && from == null && to == null)))
            throw new BadRequestResponse("The query is empty: give some words in 'q', or filter by a facet to browse.");
        return new SearchRequest(noWords ? null : q, lang, page, size, sort, filters, from, to);
    }

    /** The JSON answer to a search: what the API sends, and what the search page shows. */
    public ObjectNode answer(SearchRequest r) {
        SearchResult result = searcher.search(r);
        return store.read(dsg -> response(r, result, new ResultItems(dsg, r.lang()), new FacetValues(dsg)));
    }

    ObjectNode response(SearchRequest r, SearchResult result, ResultItems items, FacetValues values) {
        ObjectNode out = RecordJson.JSON.objectNode();
        if (r.text() != null) out.put("query", r.text()); // a browse by facets has no words
        out.put("lang", r.lang().code());
        out.put("total", result.total());
        out.put("page", r.page());
        out.put("size", r.size());
        out.put("sort", r.sort().apiName());
        ArrayNode results = out.putArray("results");
        for (SearchResult.Hit h : result.hits()) items.item(h).ifPresent(results::add);
        ObjectNode facets = out.putObject("facets");
        result.facets().forEach((f, counts) -> {
            ArrayNode a = facets.putArray(f.dimension());
            Set<String> selected = r.filters().getOrDefault(f, Set.of());
            for (SearchResult.FacetCount c : counts)
                a.addObject().put("value", c.value()).put("label", values.label(f, c.value(), r.lang()))
                        .put("count", c.count()).put("selected", selected.contains(c.value()));
        });
        ArrayNode timeline = out.putArray("timeline");
        for (SearchResult.Year y : result.timeline())
            timeline.addObject().put("year", y.year()).put("count", y.count())
                    .put("budget", java.math.BigDecimal.valueOf(y.budgetCents(), 2));
        return out;
    }

    private void suggest(Context ctx) {
        Params.onlyKnown(ctx, Set.of("q", "lang", "size"));
        Lang lang = Params.lang(ctx);
        String q = Params.text("q", ctx.queryParam("q"), 100);
        if (q == null || q.isEmpty()) throw new BadRequestResponse("Give the beginning of a word in 'q'.");
        int size = Params.integer(ctx, "size", 8, 1, 20);
        List<RecordSearcher.Suggestion> found = searcher.suggest(q, lang, size);
        ctx.json(store.read(dsg -> {
            Labels labels = new Labels(dsg);
            ObjectNode out = RecordJson.JSON.objectNode();
            out.put("query", q);
            ArrayNode a = out.putArray("suggestions");
            for (RecordSearcher.Suggestion s : found) {
                ObjectNode o = a.addObject().put("kind", s.kind()).put("id", s.id());
                if (s.kind().equals("record")) {
                    RecordId.ofUri(s.id()).ifPresent(id -> o.put("slug", id.slug()).put("type", id.type().segment()));
                    o.put("label", labels.label(org.apache.jena.graph.NodeFactory.createURI(s.id()), lang));
                } else {
                    o.put("label", s.label()).put("labelLanguage", s.lang().code());
                    String u = s.id();
                    o.put("scheme", u.substring(0, u.lastIndexOf('/')).substring(u.indexOf("/concept/") + 9));
                }
            }
            return out;
        }));
    }
}
