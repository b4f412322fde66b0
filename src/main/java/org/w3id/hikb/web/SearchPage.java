package org.w3id.hikb.web;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.w3id.hikb.api.SearchApi;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.SiteHeader;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.search.Facet;
import org.w3id.hikb.search.SearchRequest;

/**
 * The search page at {@code /}, for policy makers: server-rendered HTML from the same answer
 * {@code /api/search} gives, so the page and the API never disagree. Everything the page shows is in its
 * URL (words, filters, sort, page, language), so a link to it can be shared; it works without script.
 */
public final class SearchPage implements WebServer.Routes {
    private static final List<String> FACETS = List.of("type", "country", "region", "programme", "theme", "stakeholder", "fund", "status", "language", "year");
    private static final int SHOWN_VALUES = 8;
    private static final int PAGE_SIZE = 10;
    private final SearchApi search;

    public SearchPage(SearchApi search) {
        this.search = search;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/", this::page);
    }

    private void page(Context ctx) {
        SearchRequest request = search.request(ctx, false);
        if (ctx.queryParam("size") == null && request.size() != PAGE_SIZE)
            request = request.withSize(PAGE_SIZE);
        // The page shows the health-and-care knowledge base unless asked for every record (scope=all).
        if (ctx.queryParam("scope") == null) request = request.with(Facet.SCOPE, "health");
        ObjectNode answer = search.answer(request);
        Lang lang = request.lang();
        Messages text = Messages.of(lang);
        Map<String, List<String>> params = params(ctx, lang);

        long total = answer.path("total").asLong();
        Map<String, List<String>> exportParams = new LinkedHashMap<>(params);
        exportParams.remove("page");
        exportParams.remove("size");
        String self = link(params);
        SearchView view = new SearchView(SiteHeader.header(lang, l -> link(with(params, "lang", l.code()))),
                (request.text() == null ? "" : request.text() + " · ") + text.get("site.name"), "/api/search" + query(params),
                text.get("search.skip"), text.get("search.title"), text.get("search.intro"),
                text.get("search.label"), request.text() == null ? "" : request.text(), text.get("search.placeholder"), text.get("search.button"),
                text.get("search.filters"), facets(answer.path("facets"), text), text.get("search.apply"), text.get("search.clear"),
                link(with(Map.of("lang", List.of(lang.code())), "q", params.getOrDefault("q", List.of()))),
                text.count("search.results", total),
                scopeSwitch(answer.path("facets").path("scope"), params, ctx.queryParam("scope"), lang, text),
                text.get("search.sort"), sortOptions(request.sort(), text),
                total == 0 ? List.of() : results(answer.path("results"), answer.path("facets").path("type"), lang, text),
                total == 0 ? empty(lang, text) : null, paging(params, request.page(), total, text),
                total > 0, text.get("search.export"), "/api/export" + query(with(exportParams, "format", "csv")),
                "/api/export" + query(with(exportParams, "format", "csv-excel")), "/api/export" + query(with(exportParams, "format", "json")),
                text.get("search.permalink"), self, ctx.scheme() + "://" + ctx.host() + self,
                Overview.view(answer, params, lang, text));
        ctx.html(Templates.render("search.jte", view));
    }

    /** The request's parameters, in a stable order, with the language made explicit. */
    private static Map<String, List<String>> params(Context ctx, Lang lang) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        out.put("lang", List.of(lang.code()));
        ctx.queryParamMap().forEach((k, vs) -> {
            if (k.equals("lang")) return;
            List<String> kept = vs.stream().filter(s -> !s.isBlank()).toList();
            if (!kept.isEmpty()) out.put(k, kept);
        });
        return out;
    }

    static Map<String, List<String>> with(Map<String, List<String>> params, String name, String value) {
        return with(params, name, List.of(value));
    }

    /** The parameters and one more, after them (a link's parameters keep their order: Map.of has none). */
    static Map<String, List<String>> with(Map<String, List<String>> params, String name, List<String> values) {
        Map<String, List<String>> out = new LinkedHashMap<>(params);
        out.put(name, values);
        return out;
    }

    static String link(Map<String, List<String>> params) {
        return "/" + query(params);
    }

    static String query(Map<String, List<String>> params) {
        List<String> parts = new ArrayList<>();
        params.forEach((k, vs) -> vs.forEach(v -> parts.add(enc(k) + "=" + enc(v))));
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<SearchView.FacetGroup> facets(JsonNode facets, Messages text) {
        List<SearchView.FacetGroup> out = new ArrayList<>();
        for (String f : FACETS) {
            JsonNode values = facets.path(f);
            if (!values.isArray() || values.isEmpty()) continue;
            List<SearchView.FacetValue> all = new ArrayList<>();
            for (JsonNode value : values) {
                String label = f.equals("status") ? text.get("status." + value.path("value").asText()) : value.path("label").asText();
                all.add(new SearchView.FacetValue("f-" + f + "-" + all.size(), value.path("value").asText(), label,
                        value.path("count").asLong(), value.path("selected").asBoolean()));
            }
            int shown = Math.min(all.size(), SHOWN_VALUES);
            out.add(new SearchView.FacetGroup(f, text.get("facet." + f), all.subList(0, shown), all.subList(shown, all.size())));
        }
        return out;
    }

    /**
     * Which records the page lists: the health-and-care ones (the default) or every record of every sector,
     * with the count of each and a link to the other; nothing when the store holds only health and care.
     */
    private static SearchView.Scope scopeSwitch(JsonNode counts, Map<String, List<String>> params, String asked, Lang lang, Messages text) {
        long health = 0, other = 0;
        for (JsonNode c : counts) {
            if (c.path("value").asText().equals("health")) health = c.path("count").asLong();
            else other = c.path("count").asLong();
        }
        if (other == 0) return null;
        Map<String, List<String>> rest = new LinkedHashMap<>(params);
        rest.remove("page");
        boolean all = "all".equals(asked);
        rest.remove("scope");
        String shown = all ? text.count("scope.showingAll", health + other) : text.count("scope.showingHealth", health);
        String link = all ? link(rest) : link(with(rest, "scope", "all"));
        String linkText = all ? text.count("scope.onlyHealth", health) : text.count("scope.showAll", health + other);
        return new SearchView.Scope(shown, link, linkText);
    }

    private static List<SearchView.SortOption> sortOptions(SearchRequest.Sort current, Messages text) {
        List<SearchView.SortOption> out = new ArrayList<>();
        for (SearchRequest.Sort s : SearchRequest.Sort.values())
            out.add(new SearchView.SortOption(s.apiName(), text.get("sort." + s.apiName()), s == current));
        return out;
    }

    private static List<SearchView.Result> results(JsonNode results, JsonNode types, Lang lang, Messages text) {
        Map<String, String> typeLabels = new HashMap<>();
        types.forEach(t -> typeLabels.put(t.path("value").asText(), t.path("label").asText()));
        List<SearchView.Result> out = new ArrayList<>();
        for (JsonNode r : results) {
            String href = "/doc/id/" + r.path("type").asText() + "/" + r.path("slug").asText() + "?lang=" + lang.code();
            List<String> meta = new ArrayList<>();
            List<String> programmes = new ArrayList<>();
            r.path("programmes").forEach(p -> programmes.add(p.path("label").asText()));
            if (!programmes.isEmpty()) meta.add(String.join(", ", programmes));
            List<String> countries = new ArrayList<>();
            r.path("countries").forEach(c -> countries.add(c.path("label").asText()));
            if (!countries.isEmpty()) meta.add(String.join(", ", countries));
            String start = r.path("startDate").asText(""), end = r.path("endDate").asText("");
            if (!start.isEmpty() || !end.isEmpty())
                meta.add(text.get("search.period") + " " + (start.isEmpty() ? "…" : start) + (end.isEmpty() ? "" : " – " + end));
            if (r.has("totalBudget"))
                meta.add(text.get("search.budget") + " " + money(r.path("totalBudget").decimalValue(), lang) + " " + r.path("currency").asText(""));
            List<String> sources = new ArrayList<>();
            r.path("language").forEach(l -> sources.add(languageName(l.asText(), text)));
            if (!sources.isEmpty()) meta.add(text.get("search.sourceLanguage") + " " + String.join(", ", sources));
            // No summary (most CORDIS records): what the record does say of itself.
            List<SearchView.Fact> facts = new ArrayList<>();
            r.path("facts").forEach(f -> facts.add(new SearchView.Fact(f.path("label").asText(), clip(f.path("value").asText()), langOf(f.path("lang").asText(""), null))));
            out.add(new SearchView.Result(href, r.path("title").asText(), langOf(r.path("titleLanguage").asText(), lang),
                    typeLabels.getOrDefault(r.path("type").asText(), r.path("type").asText()), String.join(" · ", meta),
                    r.has("snippet") ? r.path("snippet").asText() : null, langOf(r.path("snippetLanguage").asText(""), null),
                    r.hasNonNull("summary") ? clip(r.path("summary").asText()) : null, langOf(r.path("summaryLanguage").asText(""), null), facts));
        }
        return out;
    }

    private static SearchView.Empty empty(Lang lang, Messages text) {
        List<SearchView.Example> examples = new ArrayList<>();
        for (String example : text.get("search.examples").split("\\|")) examples.add(new SearchView.Example("/?lang=" + lang.code() + "&q=" + enc(example), example));
        return new SearchView.Empty(text.get("search.none"), text.get("search.none.tips"), examples);
    }

    private static SearchView.Paging paging(Map<String, List<String>> params, int page, long total, Messages text) {
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pages <= 1) return null;
        String label = text.get("search.page", page, pages);
        return new SearchView.Paging(label, page > 1 ? link(with(params, "page", Integer.toString(page - 1))) : null, text.get("search.previous"),
                label, page < pages && (long) (page + 1) * PAGE_SIZE <= 10_000 ? link(with(params, "page", Integer.toString(page + 1))) : null,
                text.get("search.next"));
    }

    /** A text's language tag for its {@code lang} attribute, or null (no attribute) when it is the page's or unknown. */
    private static String langOf(String tag, Lang page) {
        return tag == null || tag.isEmpty() || (page != null && tag.equals(page.code())) ? null : tag;
    }

    static String languageName(String code, Messages text) {
        return Lang.of(code).map(l -> {
            String authority = l.authority().getURI();
            String name = text.find("lang." + authority.substring(authority.lastIndexOf('/') + 1));
            return name == null ? code : name;
        }).orElse(code);
    }

    static String money(BigDecimal amount, Lang lang) {
        NumberFormat f = NumberFormat.getNumberInstance(locale(lang));
        f.setMaximumFractionDigits(0);
        return f.format(amount);
    }

    static Locale locale(Lang lang) {
        return lang.formats();
    }

    private static String clip(String s) {
        return s.length() <= 320 ? s : s.substring(0, s.lastIndexOf(' ', 317) > 0 ? s.lastIndexOf(' ', 317) : 317) + " …";
    }
}
