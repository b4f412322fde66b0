package org.w3id.hikb.search;

import java.util.List;
import java.util.Map;

import org.w3id.hikb.records.Lang;

/**
 * What a search found: the total, this page's hits, and the counts of every facet value. The hits carry
 * only what the index knows best (the score, the highlighted snippet and its language); everything else
 * about a record is read from the store.
 */
public record SearchResult(long total, List<Hit> hits, Map<Facet, List<FacetCount>> facets) {

    /** One found record: its URI, score and, if the words were found in its text, a highlighted snippet. */
    public record Hit(String id, float score, String snippet, Lang snippetLang) {}

    /** How many results have this value of a facet, given the other filters. */
    public record FacetCount(String value, long count) {}
}
