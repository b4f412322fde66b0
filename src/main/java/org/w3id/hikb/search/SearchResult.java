package org.w3id.hikb.search;

import java.util.List;
import java.util.Map;

import org.w3id.hikb.records.Lang;

/**
 * What a search found: the total, this page's hits, the counts of every facet value, and the results by
 * start year with their budgets. The hits carry
 * only what the index knows best (the score, the highlighted snippet and its language); everything else
 * about a record is read from the store.
 */
public record SearchResult(long total, List<Hit> hits, Map<Facet, List<FacetCount>> facets, List<Year> timeline) {

    /** One found record: its URI, score and, if the words were found in its text, a highlighted snippet. */
    public record Hit(String id, float score, String snippet, Lang snippetLang) {}

    /** How many results have this value of a facet, given the other filters. */
    public record FacetCount(String value, long count) {}

    /** Of the results, how many started in a year and their total budget (in euro cents; only stated budgets). */
    public record Year(int year, long count, long budgetCents) {}
}
