package org.w3id.hikb.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/**
 * Where and when, for the current results: the countries as bars, each a link that filters by it, and the
 * initiatives and their budgets by start year as a small chart drawn in SVG on the server (no script, no
 * library), with the same figures in a table for screen readers.
 */
final class Overview {
    private static final int CHART_WIDTH = 640, CHART_HEIGHT = 160, MAX_COUNTRIES = 15;

    private Overview() {}

    static String render(JsonNode answer, Map<String, List<String>> params, Lang lang, Messages text) {
        return countries(answer.path("facets").path("country"), params, text) + timeline(answer.path("timeline"), lang, text);
    }

    private static String countries(JsonNode countries, Map<String, List<String>> params, Messages text) {
        if (!countries.isArray() || countries.isEmpty()) return "";
        long max = 1;
        for (JsonNode c : countries) max = Math.max(max, c.path("count").asLong());
        StringBuilder sb = new StringBuilder("<section aria-labelledby=\"countries-heading\"><h2 id=\"countries-heading\">")
                .append(Html.escape(text.get("overview.countries"))).append("</h2><ul class=\"bars\" id=\"countries\">");
        int shown = 0;
        for (JsonNode c : countries) {
            if (shown++ == MAX_COUNTRIES) break;
            long count = c.path("count").asLong();
            String href = SearchPage.link(SearchPage.with(withoutPage(params), "country", c.path("value").asText()));
            sb.append("<li><a href=\"").append(Html.escape(href)).append("\">").append(Html.escape(c.path("label").asText())).append("</a>")
              .append("<meter min=\"0\" max=\"").append(max).append("\" value=\"").append(count).append("\" aria-hidden=\"true\"></meter>")
              .append("<span>").append(count).append("</span></li>");
        }
        return sb.append("</ul></section>").toString();
    }

    private static Map<String, List<String>> withoutPage(Map<String, List<String>> params) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(params);
        out.remove("page");
        return out;
    }

    private static String timeline(JsonNode years, Lang lang, Messages text) {
        if (!years.isArray() || years.isEmpty()) return "";
        List<JsonNode> list = new ArrayList<>();
        years.forEach(list::add);
        long max = 1;
        for (JsonNode y : list) max = Math.max(max, y.path("count").asLong());
        int n = list.size();
        double slot = (double) CHART_WIDTH / n;
        double bar = Math.max(2, slot * 0.7);
        int plot = CHART_HEIGHT - 30;
        StringBuilder svg = new StringBuilder("<svg class=\"timeline\" role=\"img\" aria-labelledby=\"timeline-heading\" viewBox=\"0 0 ")
                .append(CHART_WIDTH).append(' ').append(CHART_HEIGHT).append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
        for (int i = 0; i < n; i++) {
            JsonNode y = list.get(i);
            long count = y.path("count").asLong();
            double h = Math.max(1, (double) count * plot / max);
            double x = i * slot + (slot - bar) / 2;
            svg.append(String.format(java.util.Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%d: %d</title></rect>",
                    x, plot - h + 10, bar, h, y.path("year").asInt(), count));
            if (i % labelEvery == 0)
                svg.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>", x + bar / 2, CHART_HEIGHT - 4, y.path("year").asInt()));
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<details><summary>").append(Html.escape(text.get("overview.timeline"))).append("</summary><table><thead><tr><th scope=\"col\">")
                .append(Html.escape(text.get("facet.year"))).append("</th><th scope=\"col\">").append(Html.escape(text.get("overview.count")))
                .append("</th><th scope=\"col\">").append(Html.escape(text.get("search.budget"))).append(" (EUR)</th></tr></thead><tbody>");
        for (JsonNode y : list) {
            BigDecimal budget = y.path("budget").decimalValue();
            table.append("<tr><td>").append(y.path("year").asInt()).append("</td><td>").append(y.path("count").asLong()).append("</td><td>")
                 .append(budget.signum() == 0 ? "" : Html.escape(SearchPage.money(budget, lang))).append("</td></tr>");
        }
        table.append("</tbody></table></details>");
        return "<section aria-labelledby=\"timeline-heading\"><h2 id=\"timeline-heading\">" + Html.escape(text.get("overview.timeline")) + "</h2>"
                + svg + table + "</section>";
    }
}
