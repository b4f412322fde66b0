package org.w3id.hikb.web;

import java.util.List;

import org.w3id.hikb.http.SiteHeader;

/**
 * What the search page ({@code src/main/jte/search.jte}) shows, every text already in the reader's language
 * and every value plain text (the template escapes it): a value that is null is not shown, and a language
 * tag that is null is the page's own.
 */
public record SearchView(SiteHeader.Header header, String pageTitle, String jsonLink, String skip, String title, String intro,
                  String label, String q, String placeholder, String button,
                  String filters, List<FacetGroup> facets, String apply, String clear, String clearLink,
                  String count, Scope scope, String sortLabel, List<SortOption> sortOptions,
                  List<Result> results, Empty empty, Paging paging,
                  boolean exports, String exportLabel, String csvLink, String excelLink, String jsonExportLink,
                  String permalinkLabel, String selfLink, String selfLinkText, Overview.View overview) {

    /** A facet's values, the first few shown and the rest behind a disclosure. */
    public record FacetGroup(String name, String legend, List<FacetValue> shown, List<FacetValue> more) {}

    public record FacetValue(String id, String value, String label, long count, boolean checked) {}

    /** Which records are listed (health and care, or all) and the link to the other choice. */
    public record Scope(String shown, String href, String linkText) {}

    public record SortOption(String value, String label, boolean selected) {}

    /**
     * One result. {@code snippetHtml} is markup already (the highlighter escaped the text and added only
     * {@code <mark>}); else {@code summary}, else {@code facts} stand under the title.
     */
    public record Result(String href, String title, String titleLang, String typeLabel, String meta,
                  String snippetHtml, String snippetLang, String summary, String summaryLang, List<Fact> facts) {}

    public record Fact(String label, String value, String lang) {}

    /** What the page says when nothing is found, with searches that find something. */
    public record Empty(String none, String tips, List<Example> examples) {}

    public record Example(String href, String text) {}

    public record Paging(String label, String previousHref, String previous, String current, String nextHref, String next) {}
}
