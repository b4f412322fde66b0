package org.w3id.hikb.search;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import org.w3id.hikb.records.Lang;

/**
 * One search, as the API received it and checked it.
 *
 * @param text     what the user typed (plain words; quotes and operators have no special meaning)
 * @param lang     the reader's language: snippets prefer it on ties
 * @param page     1-based page number
 * @param size     results per page
 * @param sort     relevance, newest first, or largest budget first
 * @param filters  values per facet; several values of one facet are alternatives
 * @param fromYear earliest start year, or null
 * @param toYear   latest start year, or null
 */
public record SearchRequest(String text, Lang lang, int page, int size, Sort sort,
                            Map<Facet, Set<String>> filters, Integer fromYear, Integer toYear) {

    public enum Sort {
        RELEVANCE("relevance"), NEWEST("newest"), BUDGET("budget");

        private final String name;

        Sort(String name) { this.name = name; }

        public String apiName() { return name; }

        public static java.util.Optional<Sort> of(String s) {
            for (Sort v : values()) if (v.name.equals(s)) return java.util.Optional.of(v);
            return java.util.Optional.empty();
        }
    }

    public SearchRequest {
        filters = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
    }

    /**
     * The same search without one facet's filter (for {@link Facet#YEAR}, also without the range of years):
     * what that facet's counts are computed on.
     */
    SearchRequest without(Facet f) {
        Map<Facet, Set<String>> rest = new EnumMap<>(Facet.class);
        rest.putAll(filters);
        rest.remove(f);
        return f == Facet.YEAR ? new SearchRequest(text, lang, page, size, sort, rest, null, null)
                : new SearchRequest(text, lang, page, size, sort, rest, fromYear, toYear);
    }

    /** The same search, {@code size} results a page. */
    public SearchRequest withSize(int size) {
        return new SearchRequest(text, lang, page, size, sort, filters, fromYear, toYear);
    }

    /** The same search with one more filter. */
    public SearchRequest with(Facet f, String value) {
        Map<Facet, Set<String>> more = new EnumMap<>(Facet.class);
        more.putAll(filters);
        more.put(f, Set.of(value));
        return new SearchRequest(text, lang, page, size, sort, more, fromYear, toYear);
    }

    /** Whether there are words to search for (a browse by facets alone has none). */
    boolean hasText() { return text != null && !text.isBlank(); }
}
