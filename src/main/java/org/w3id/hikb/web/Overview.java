package org.w3id.hikb.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.w3id.hikb.geo.CountryShapes;
import org.w3id.hikb.geo.NutsRegions;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/**
 * Where and when, for the current results ({@code src/main/jte/overview.jte}): the countries as a map of Europe
 * (with a circle for each NUTS level-2 region that has records) and as bars, each country a link that filters by it, and the initiatives and their budgets by start year as a
 * small chart; both drawn in SVG on the server (no script, no library, no tile server: the shapes ship with the
 * page, {@link CountryShapes}), the bars and a table giving the same figures to screen readers.
 */
public final class Overview {
    private static final int CHART_WIDTH = 640, CHART_HEIGHT = 160, MAX_COUNTRIES = 15;

    private Overview() {}

    /** The two parts; a part with nothing to show is an empty list. */
    public record View(String countriesHeading, List<Country> countries, long maxCountry, CountryMap map, String timelineHeading,
                       String yearHeading, String countHeading, String budgetHeading, List<Year> years, int width, int height) {}

    public record Country(String href, String label, long count) {}

    /**
     * The map: the ground (every country's outline), then each country with records as a link, shaded by its
     * class of count (1 to {@value #SHADES}, the legend giving each class's lowest count).
     */
    public record CountryMap(int width, int height, String label, List<String> ground, List<MapCountry> countries, List<Shade> legend,
                             List<MapRegion> regions, String regionsLegend) {}

    public record MapCountry(String href, String name, long count, String path, int shade) {}

    /** A NUTS level-2 region with records: a circle at a point inside it, its area in proportion to its count. */
    public record MapRegion(String href, String name, long count, String x, String y, String r) {}

    public record Shade(int shade, String from) {}

    private static final int SHADES = 5;

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
        return new View(text.get("overview.countries"), countries, max,
                map(answer.path("facets").path("country"), answer.path("facets").path("region"), params, max, text),
                text.get("overview.timeline"), text.get("facet.year"),
                text.get("overview.count"), text.get("search.budget"), years(answer.path("timeline"), lang), CHART_WIDTH, CHART_HEIGHT);
    }

    /** Every country with records that the map shows, on the ground of the others; no map when none is on it. */
    private static CountryMap map(JsonNode counts, JsonNode regionCounts, Map<String, List<String>> params, long max, Messages text) {
        CountryShapes world = CountryShapes.world();
        List<MapCountry> shown = new ArrayList<>();
        Set<String> drawn = new HashSet<>();
        for (JsonNode c : counts) {
            long count = c.path("count").asLong();
            world.country(c.path("value").asText()).filter(s -> s.path() != null && count > 0).ifPresent(s -> {
                drawn.add(s.alpha3());
                shown.add(new MapCountry(SearchPage.link(SearchPage.with(withoutPage(params), "country", c.path("value").asText())),
                        c.path("label").asText(), count, s.path(), shade(count, max)));
            });
        }
        if (shown.isEmpty()) return null;
        List<String> ground = new ArrayList<>();
        world.onTheMap().forEach(s -> { if (!drawn.contains(s.alpha3())) ground.add(s.path()); });
        ground.addAll(world.uncoded());
        List<Shade> legend = new ArrayList<>();
        // A class is in the legend when some count falls in it (with few records, several classes start at the same count).
        for (int k = 1; k <= SHADES; k++)
            if (k == SHADES || lowest(k + 1, max) > lowest(k, max)) legend.add(new Shade(k, Long.toString(lowest(k, max))));
        List<MapRegion> regions = regions(regionCounts, params);
        return new CountryMap(CountryShapes.WIDTH, CountryShapes.HEIGHT, text.get("overview.map"), ground, shown, legend,
                regions, regions.isEmpty() ? "" : text.get("overview.regions"));
    }

    /** The regions with records that have a point on the map, each a link that filters by it; the largest count the largest circle. */
    private static List<MapRegion> regions(JsonNode counts, Map<String, List<String>> params) {
        long most = 1;
        for (JsonNode c : counts) most = Math.max(most, c.path("count").asLong());
        List<MapRegion> out = new ArrayList<>();
        for (JsonNode c : counts) {
            long count = c.path("count").asLong();
            String code = c.path("value").asText();
            double r = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt((double) count / most);
            NutsRegions.get().onTheMap(code).filter(p -> count > 0).ifPresent(p -> out.add(new MapRegion(
                    SearchPage.link(SearchPage.with(withoutPage(params), "region", code)), c.path("label").asText(), count,
                    tenths(p[0]), tenths(p[1]), tenths(r))));
        }
        return out;
    }

    private static final double MIN_RADIUS = 2.5, MAX_RADIUS = 12;

    /** The class of a count, 1 to SHADES, on a logarithmic scale up to the largest count (a few countries hold most records). */
    static int shade(long count, long max) {
        int k = 1;
        while (k < SHADES && count >= lowest(k + 1, max)) k++;
        return k;
    }

    /** The lowest count of a class: just above max^((shade - 1) / SHADES). */
    static long lowest(int shade, long max) {
        if (shade == 1 || max <= 1) return 1;
        return (long) Math.floor(Math.exp((shade - 1) * Math.log(max) / SHADES)) + 1;
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
