package org.w3id.hikb.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/**
 * Where and when, for the current results ({@code src/main/jte/overview.jte}): the countries as bars, each a
 * link that filters by it, and the initiatives and their budgets by start year as a small chart drawn in SVG
 * on the server (no script, no library), with the same figures in a table for screen readers.
 */
public final class Overview {
    private static final int CHART_WIDTH = 640, CHART_HEIGHT = 160, MAX_COUNTRIES = 15;

    private Overview() {}

    /** The two parts; a part with nothing to show is an empty list. */
    public record View(String countriesHeading, List<Country> countries, long maxCountry, String timelineHeading, String yearHeading,
                       String countHeading, String budgetHeading, List<Year> years, int width, int height) {}

    public record Country(String href, String label, long count) {}

    /** A start year's bar (its place in the chart, with one decimal) and its row in the table. */
    public record Year(int year, long count, String budget, String x, String y, String width, String height, boolean labelled, String labelX) {}

    static View view(JsonNode answer, Map<String, List<String>> params, Lang lang, Messages text) {
        List<Country> countries = new ArrayList<>();
        long max = 1;
        for (JsonNode c : answer.path("facets").path("country")) max = Math.max(max, c.path("count").asLong());
        for (JsonNode c : answer.path("facets").path("country")) {
            if (countries.size() == MAX_COUNTRIES) break;
            countries.add(new Country(SearchPage.link(SearchPage.with(withoutPage(params), "country", c.path("value").asText())),
                    c.path("label").asText(), c.path("count").asLong()));
        }
        return new View(text.get("overview.countries"), countries, max, text.get("overview.timeline"), text.get("facet.year"),
                text.get("overview.count"), text.get("search.budget"), years(answer.path("timeline"), lang), CHART_WIDTH, CHART_HEIGHT);
    }

    private static Map<String, List<String>> withoutPage(Map<String, List<String>> params) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>(params);
        out.remove("page");
        return out;
    }

    private static List<Year> years(JsonNode timeline, Lang lang) {
        List<JsonNode> list = new ArrayList<>();
        timeline.forEach(list::add);
        long max = 1;
        for (JsonNode y : list) max = Math.max(max, y.path("count").asLong());
        int n = list.size();
        double slot = (double) CHART_WIDTH / Math.max(1, n);
        double bar = Math.max(2, slot * 0.7);
        int plot = CHART_HEIGHT - 30;
        int labelEvery = Math.max(1, (int) Math.ceil(n / 12.0));
        List<Year> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            JsonNode y = list.get(i);
            long count = y.path("count").asLong();
            double h = Math.max(1, (double) count * plot / max);
            double x = i * slot + (slot - bar) / 2;
            BigDecimal budget = y.path("budget").decimalValue();
            out.add(new Year(y.path("year").asInt(), count, budget.signum() == 0 ? "" : SearchPage.money(budget, lang),
                    tenths(x), tenths(plot - h + 10), tenths(bar), tenths(h), i % labelEvery == 0, tenths(x + bar / 2)));
        }
        return out;
    }

    private static String tenths(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
