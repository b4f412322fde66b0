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
import org.w3id.hikb.http.Html;
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
    private static final String TEMPLATE = Html.template("/org/w3id/hikb/web/search.html");
    private static final List<String> FACETS = List.of("type", "country", "programme", "theme", "stakeholder", "fund", "status", "language", "year");
    private static final int SHOWN_VALUES = 8;
    private static final int PAGE_SIZE = 10;
    /** Searches that find something, offered when one finds nothing. */
    private static final Map<Lang, List<String>> EXAMPLES = Map.of(
            Lang.IT, List.of("telemedicina aree rurali", "trasferimento tecnologico", "assistenza domiciliare"),
            Lang.DE, List.of("Innovationstransfer Gesundheit Alpenraum", "Telemedizin", "Pflege zu Hause"),
            Lang.EN, List.of("digital health", "technology transfer", "home care"),
            Lang.SV, List.of("hemtjänst digital teknik", "telemedicin", "innovation"));

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
            request = new SearchRequest(request.text(), request.lang(), request.page(), PAGE_SIZE, request.sort(), request.filters(), request.fromYear(), request.toYear());
        // The page shows the health-and-care knowledge base unless asked for every record (scope=all).
        if (ctx.queryParam("scope") == null) request = request.with(Facet.SCOPE, "health");
        ObjectNode answer = search.answer(request);
        Lang lang = request.lang();
        Messages text = Messages.of(lang);
        Map<String, List<String>> params = params(ctx, lang);

        Map<String, String> v = SiteHeader.values(lang, l -> link(with(params, "lang", l.code())));
        v.put("skip", text.get("search.skip"));
        v.put("title", text.get("search.title"));
        v.put("pageTitle", (request.text() == null ? "" : request.text() + " · ") + text.get("site.name"));
        v.put("intro", text.get("search.intro"));
        v.put("label", text.get("search.label"));
        v.put("placeholder", text.get("search.placeholder"));
        v.put("button", text.get("search.button"));
        v.put("q", request.text() == null ? "" : request.text());
        v.put("filters", text.get("search.filters"));
        v.put("facets", facets(answer.path("facets"), text));
        v.put("apply", text.get("search.apply"));
        v.put("clear", text.get("search.clear"));
        v.put("clearLink", link(Map.of("lang", List.of(lang.code()), "q", params.getOrDefault("q", List.of()))));
        long total = answer.path("total").asLong();
        v.put("count", text.get("search.results", NumberFormat.getIntegerInstance(locale(lang)).format(total)));
        v.put("scopeSwitch", scopeSwitch(answer.path("facets").path("scope"), params, ctx.queryParam("scope"), lang, text));
        v.put("sortLabel", text.get("search.sort"));
        v.put("sortOptions", sortOptions(request.sort(), text));
        v.put("results", total == 0 ? empty(lang, text) : results(answer.path("results"), answer.path("facets").path("type"), lang, text));
        v.put("paging", paging(params, request.page(), total, text));
        Map<String, List<String>> exportParams = new LinkedHashMap<>(params);
        exportParams.remove("page");
        exportParams.remove("size");
        v.put("exportLabel", text.get("search.export"));
        v.put("exportHidden", total == 0 ? " hidden" : "");
        v.put("csvLink", "/api/export" + query(with(exportParams, "format", "csv")));
        v.put("excelLink", "/api/export" + query(with(exportParams, "format", "csv-excel")));
        v.put("jsonExportLink", "/api/export" + query(with(exportParams, "format", "json")));
        v.put("jsonLink", "/api/search" + query(params));
        v.put("permalinkLabel", text.get("search.permalink"));
        String self = link(params);
        v.put("selfLink", self);
        v.put("selfLinkText", ctx.scheme() + "://" + ctx.host() + self);
        v.put("overview", Overview.render(answer, params, lang, text));
        ctx.html(Html.render(TEMPLATE, v));
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
        Map<String, List<String>> out = new LinkedHashMap<>(params);
        out.put(name, List.of(value));
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

    private static String facets(JsonNode facets, Messages text) {
        StringBuilder sb = new StringBuilder();
        for (String f : FACETS) {
            JsonNode values = facets.path(f);
            if (!values.isArray() || values.isEmpty()) continue;
            sb.append("<fieldset><legend>").append(Html.escape(text.get("facet." + f))).append("</legend>");
            int i = 0;
            boolean open = false;
            for (JsonNode value : values) {
                if (i == SHOWN_VALUES) {
                    sb.append("<details><summary>…</summary>");
                    open = true;
                }
                String id = "f-" + f + "-" + i++;
                String label = f.equals("status") ? text.get("status." + value.path("value").asText()) : value.path("label").asText();
                sb.append("<label for=\"").append(id).append("\"><input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(f)
                  .append("\" value=\"").append(Html.escape(value.path("value").asText())).append("\"")
                  .append(value.path("selected").asBoolean() ? " checked" : "").append("> ").append(Html.escape(label))
                  .append(" <span class=\"count\">(").append(value.path("count").asLong()).append(")</span></label>");
            }
            if (open) sb.append("</details>");
            sb.append("</fieldset>");
        }
        return sb.toString();
    }

    /**
     * Which records the page lists: the health-and-care ones (the default) or every record of every sector,
     * with the count of each and a link to the other; nothing when the store holds only health and care.
     */
    private static String scopeSwitch(JsonNode counts, Map<String, List<String>> params, String asked, Lang lang, Messages text) {
        long health = 0, other = 0;
        for (JsonNode c : counts) {
            if (c.path("value").asText().equals("health")) health = c.path("count").asLong();
            else other = c.path("count").asLong();
        }
        if (other == 0) return "";
        NumberFormat n = NumberFormat.getIntegerInstance(locale(lang));
        Map<String, List<String>> rest = new LinkedHashMap<>(params);
        rest.remove("page");
        boolean all = "all".equals(asked);
        rest.remove("scope");
        String shown = all ? text.get("scope.showingAll", n.format(health + other)) : text.get("scope.showingHealth", n.format(health));
        String link = all ? link(rest) : link(with(rest, "scope", "all"));
        String linkText = all ? text.get("scope.onlyHealth", n.format(health)) : text.get("scope.showAll", n.format(health + other));
        return "<p class=\"note\" id=\"scope\">" + Html.escape(shown) + " · <a href=\"" + Html.escape(link) + "\">" + Html.escape(linkText) + "</a></p>";
    }

    private static String sortOptions(SearchRequest.Sort current, Messages text) {
        StringBuilder sb = new StringBuilder();
        for (SearchRequest.Sort s : SearchRequest.Sort.values())
            sb.append("<option value=\"").append(s.apiName()).append("\"").append(s == current ? " selected" : "").append(">")
              .append(Html.escape(text.get("sort." + s.apiName()))).append("</option>");
        return sb.toString();
    }

    private static String results(JsonNode results, JsonNode types, Lang lang, Messages text) {
        Map<String, String> typeLabels = new HashMap<>();
        types.forEach(t -> typeLabels.put(t.path("value").asText(), t.path("label").asText()));
        StringBuilder sb = new StringBuilder("<ol class=\"results\">");
        for (JsonNode r : results) {
            String href = "/doc/id/" + r.path("type").asText() + "/" + r.path("slug").asText() + "?lang=" + lang.code();
            sb.append("<li><h3><a href=\"").append(Html.escape(href)).append("\"").append(langAttr(r.path("titleLanguage").asText(), lang)).append(">")
              .append(Html.escape(r.path("title").asText())).append("</a> <span class=\"badge\">")
              .append(Html.escape(typeLabels.getOrDefault(r.path("type").asText(), r.path("type").asText()))).append("</span></h3>");
            List<String> meta = new ArrayList<>();
            List<String> programmes = new ArrayList<>();
            r.path("programmes").forEach(p -> programmes.add(p.path("label").asText()));
            if (!programmes.isEmpty()) meta.add(Html.escape(String.join(", ", programmes)));
            List<String> countries = new ArrayList<>();
            r.path("countries").forEach(c -> countries.add(c.path("label").asText()));
            if (!countries.isEmpty()) meta.add(Html.escape(String.join(", ", countries)));
            String start = r.path("startDate").asText(""), end = r.path("endDate").asText("");
            if (!start.isEmpty() || !end.isEmpty())
                meta.add(Html.escape(text.get("search.period") + " " + (start.isEmpty() ? "…" : start) + (end.isEmpty() ? "" : " – " + end)));
            if (r.has("totalBudget"))
                meta.add(Html.escape(text.get("search.budget") + " " + money(r.path("totalBudget").decimalValue(), lang) + " " + r.path("currency").asText("")));
            List<String> sources = new ArrayList<>();
            r.path("language").forEach(l -> sources.add(languageName(l.asText(), text)));
            if (!sources.isEmpty()) meta.add(Html.escape(text.get("search.sourceLanguage") + " " + String.join(", ", sources)));
            sb.append("<p class=\"meta\">").append(String.join(" · ", meta)).append("</p>");
            if (r.has("snippet"))
                // The snippet is HTML already: the highlighter escaped the text and added only <mark>.
                sb.append("<p class=\"snippet\"").append(langAttr(r.path("snippetLanguage").asText(""), null)).append(">").append(r.path("snippet").asText()).append("</p>");
            else if (r.hasNonNull("summary"))
                sb.append("<p class=\"snippet\"").append(langAttr(r.path("summaryLanguage").asText(""), null)).append(">").append(Html.escape(clip(r.path("summary").asText()))).append("</p>");
            else if (r.path("facts").size() > 0) {
                // No summary (most CORDIS records): what the record does say of itself.
                List<String> facts = new ArrayList<>();
                r.path("facts").forEach(f -> facts.add(Html.escape(f.path("label").asText()) + ": <span" + langAttr(f.path("lang").asText(""), null) + ">"
                        + Html.escape(clip(f.path("value").asText())) + "</span>"));
                sb.append("<p class=\"snippet facts\">").append(String.join(" · ", facts)).append("</p>");
            }
            sb.append("</li>");
        }
        return sb.append("</ol>").toString();
    }

    private static String empty(Lang lang, Messages text) {
        StringBuilder sb = new StringBuilder("<p>").append(Html.escape(text.get("search.none"))).append("</p><p>")
                .append(Html.escape(text.get("search.none.tips"))).append("</p><ul>");
        for (String example : EXAMPLES.get(lang))
            sb.append("<li><a href=\"").append(Html.escape("/?lang=" + lang.code() + "&q=" + enc(example))).append("\">").append(Html.escape(example)).append("</a></li>");
        return sb.append("</ul>").toString();
    }

    private static String paging(Map<String, List<String>> params, int page, long total, Messages text) {
        long pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        if (pages <= 1) return "";
        StringBuilder sb = new StringBuilder("<nav class=\"paging\" aria-label=\"").append(Html.escape(text.get("search.page", page, pages))).append("\">");
        if (page > 1)
            sb.append("<a rel=\"prev\" href=\"").append(Html.escape(link(with(params, "page", Integer.toString(page - 1))))).append("\">")
              .append(Html.escape(text.get("search.previous"))).append("</a>");
        sb.append("<span>").append(Html.escape(text.get("search.page", page, pages))).append("</span>");
        if (page < pages && (long) (page + 1) * PAGE_SIZE <= 10_000)
            sb.append("<a rel=\"next\" href=\"").append(Html.escape(link(with(params, "page", Integer.toString(page + 1))))).append("\">")
              .append(Html.escape(text.get("search.next"))).append("</a>");
        return sb.append("</nav>").toString();
    }

    private static String langAttr(String tag, Lang page) {
        if (tag == null || tag.isEmpty() || (page != null && tag.equals(page.code()))) return "";
        return " lang=\"" + Html.escape(tag) + "\"";
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
