package org.w3id.hikb.search;

import java.util.List;

import org.w3id.hikb.records.Lang;

/** The names of the index's fields, in one place for the indexer and the searcher. */
final class Fields {
    private Fields() {}

    /** The record URI: the document's key. */
    static final String ID = "id";
    /** The record's URI as sorted doc values: the last sort key, so equal scores come in the same order on every node. */
    static final String ORDER = "order";
    /** 1 for a curated record (a bundled data file's, or created through the curation API), else 0: a browse shows them first. */
    static final String CURATED = "curated";
    /** Acronyms and the slug, analysed as names (split at hyphens and case changes, and joined). */
    static final String NAME = "name";
    /** Acronyms, titles and the slug reduced to letters and digits: an exact-name match ranks first. */
    static final String NAME_EXACT = "name_exact";
    /** URIs of the concepts a record is tagged with (themes, stakeholders, sectors, instrument types...). */
    static final String CONCEPT = "concept";
    /** URIs of the themes the classifier derived for an imported record. */
    static final String DERIVED_CONCEPT = "concept_derived";
    /** Titles and acronyms as plain words, for autocompletion. */
    static final String SUGGEST = "suggest";
    /** Start and end as days since 1970 (end derived from start and duration where needed), budget in cents. */
    static final String START = "start";
    static final String END = "end";
    static final String START_YEAR = "start_year";
    static final String BUDGET = "budget";

    /** Text families, each with one field per language and one for other languages. */
    static final String TITLE = "title";
    static final String SUMMARY = "summary";
    static final String TEXT = "text";
    /** The names of what a record links to (its programme, places, partners, concepts), searched but not shown. */
    static final String LINKS = "links";
    static final List<String> TEXT_FAMILIES = List.of(TITLE, SUMMARY, TEXT, LINKS);

    static String text(String family, Lang lang) { return family + "_" + lang.code(); }
    static String textOther(String family) { return family + "_xx"; }
}
