package org.w3id.hikb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RunningPeriod;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.vocab.HIKB;

/**
 * Runs searches, autocompletion and "more like this" on the record index. Facet counts follow the other
 * active filters: each filtered facet is counted on the search without its own filter, so a user can see
 * what ticking another box of the same facet would add.
 */
public final class RecordSearcher {
    private static final int MAX_FACET_VALUES = 300;
    private final RecordIndex index;
    private final Translations translations;

    /** The index searched (its generation, and waiting for one). */
    public RecordIndex index() { return index; }

    public RecordSearcher(RecordIndex index) {
        this(index, Translations.none());
    }

    /** A searcher that translates queries with these dictionaries. */
    public RecordSearcher(RecordIndex index, Translations translations) {
        this.index = index;
        this.translations = translations;
    }

    public SearchResult search(SearchRequest r) {
        return index.search(snap -> search(snap, r, LocalDate.now()));
    }

    private SearchResult search(RecordIndex.Snapshot snap, SearchRequest r, LocalDate today) throws IOException {
        IndexSearcher searcher = snap.searcher();
        QueryPlanner planner = planner(snap);
        Query words = planner.words(r.text(), r.lang());
        Query main = and(words, QueryPlanner.filters(r, this::indexFieldName, today));
        int wanted = r.page() * r.size();
        FacetsCollectorManager.FacetsResult found = FacetsCollectorManager.search(searcher, main, wanted, sort(r), true, new FacetsCollectorManager(true));
        FacetsCollector all = found.facetsCollector();
        long total = all.getMatchingDocs().stream().mapToLong(md -> md.totalHits).sum();

        ScoreDoc[] page = Arrays.copyOfRange(found.topDocs().scoreDocs,
                Math.min(found.topDocs().scoreDocs.length, (r.page() - 1) * r.size()), found.topDocs().scoreDocs.length);
        List<SearchResult.Hit> hits = r.hasText()
                ? highlight(snap, planner.highlighting(r.text(), r.lang()), planner.ownTokens(r.text()), page, r)
                : highlight(snap, words, Map.of(), page, r);

        Map<Facet, List<SearchResult.FacetCount>> facets = new EnumMap<>(Facet.class);
        for (Facet f : Facet.values()) {
            FacetsCollector counted = all;
            if (r.filters().containsKey(f) || (f == Facet.YEAR && (r.fromYear() != null || r.toYear() != null))) {
                counted = searcher.search(and(words, QueryPlanner.filters(r.without(f), this::indexFieldName, today)), new FacetsCollectorManager());
            }
            facets.put(f, f == Facet.STATUS ? statusCounts(counted, today) : counts(snap.facets(), counted, f));
        }
        return new SearchResult(total, hits, facets, timeline(all));
    }

    /**
     * Every result of a search, in its order, without snippets or facets: what an export needs. The page and
     * size of the request are ignored.
     */
    public List<SearchResult.Hit> all(SearchRequest r) {
        return index.search(snap -> {
            IndexSearcher searcher = snap.searcher();
            Query main = and(planner(snap).words(r.text(), r.lang()), QueryPlanner.filters(r, this::indexFieldName, LocalDate.now()));
            int n = Math.max(1, searcher.count(main));
            TopDocs top = searcher.search(main, n, sort(r), true);
            List<SearchResult.Hit> out = new ArrayList<>(top.scoreDocs.length);
            var stored = searcher.storedFields();
            for (ScoreDoc d : top.scoreDocs)
                out.add(new SearchResult.Hit(idOf(stored, d.doc), d.score, null, null));
            return out;
        });
    }

    /** The record id of a hit, its only stored field read. */
    private static String idOf(StoredFields stored, int doc) throws IOException {
        return stored.document(doc, ID_ONLY).get(Fields.ID);
    }

    private static final Set<String> ID_ONLY = Set.of(Fields.ID);

    private QueryPlanner planner(RecordIndex.Snapshot snap) {
        IndexReader reader = snap.searcher().getIndexReader();
        Set<String> fields = fieldNames(reader);
        return new QueryPlanner(snap.analysis().analyzers(), snap.analysis().lexicon(), fields, term -> {
            try {
                return reader.docFreq(term);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, translations);
    }

    private String indexFieldName(Facet f) {
        return index.facetsConfig().getDimConfig(f.dimension()).indexFieldName;
    }

    private static Query and(Query words, Query filters) {
        if (filters == null) return words;
        return new BooleanQuery.Builder().add(words, Occur.MUST).add(filters, Occur.FILTER).build();
    }

    /**
     * The order of the results; equal ones by record URI, so every node (a replica's index holds its documents in
     * another order than the writer's) pages through the same list. A browse without words, where every record
     * scores the same, shows the curated records first (the initiatives of the seed documents and the curators'
     * own), then the newest.
     */
    private static Sort sort(SearchRequest r) {
        return switch (r.sort()) {
            case RELEVANCE -> r.hasText() ? new Sort(SortField.FIELD_SCORE, BY_URI) : new Sort(CURATED_FIRST, NEWEST_FIRST, BY_URI);
            case NEWEST -> descendingLong(Fields.START);
            case BUDGET -> descendingLong(Fields.BUDGET);
        };
    }

    private static final SortField BY_URI = new SortField(Fields.ORDER, SortField.Type.STRING);
    private static final SortField CURATED_FIRST = new SortField(Fields.CURATED, SortField.Type.INT, true);
    private static final SortField NEWEST_FIRST = newestFirst();

    private static SortField newestFirst() {
        SortField f = new SortField(Fields.START, SortField.Type.LONG, true);
        f.setMissingValue(Long.MIN_VALUE);
        return f;
    }

    private static Sort descendingLong(String field) {
        SortField f = new SortField(field, SortField.Type.LONG, true);
        f.setMissingValue(Long.MIN_VALUE);
        return new Sort(f, SortField.FIELD_SCORE, BY_URI);
    }

    private static List<SearchResult.FacetCount> counts(SortedSetDocValuesReaderState state, FacetsCollector fc, Facet f) throws IOException {
        if (state == null || state.getOrdRange(f.dimension()) == null) return List.of();
        FacetResult result = new SortedSetDocValuesFacetCounts(state, fc).getTopChildren(MAX_FACET_VALUES, f.dimension());
        List<SearchResult.FacetCount> out = new ArrayList<>();
        if (result != null)
            for (LabelAndValue lv : result.labelValues) out.add(new SearchResult.FacetCount(lv.label, lv.value.longValue()));
        return out;
    }

    /** The results by start year, with the sum of their budgets: read from the doc values of every match. */
    private static List<SearchResult.Year> timeline(FacetsCollector fc) throws IOException {
        Map<Integer, long[]> byYear = new java.util.TreeMap<>();
        for (FacetsCollector.MatchingDocs md : fc.getMatchingDocs()) {
            NumericDocValues starts = DocValues.getNumeric(md.context.reader(), Fields.START);
            NumericDocValues budgets = DocValues.getNumeric(md.context.reader(), Fields.BUDGET);
            DocIdSetIterator it = md.bits.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                if (!starts.advanceExact(doc)) continue;
                long[] sums = byYear.computeIfAbsent(LocalDate.ofEpochDay(starts.longValue()).getYear(), y -> new long[2]);
                sums[0]++;
                if (budgets.advanceExact(doc)) sums[1] += budgets.longValue();
            }
        }
        List<SearchResult.Year> out = new ArrayList<>();
        byYear.forEach((y, sums) -> out.add(new SearchResult.Year(y, sums[0], sums[1])));
        return out;
    }

    /** Planned, ongoing and closed are counted from the dates, on the day of the search. */
    private static List<SearchResult.FacetCount> statusCounts(FacetsCollector fc, LocalDate today) throws IOException {
        Map<RunningPeriod.Status, Long> counts = new EnumMap<>(RunningPeriod.Status.class);
        for (FacetsCollector.MatchingDocs md : fc.getMatchingDocs()) {
            NumericDocValues starts = DocValues.getNumeric(md.context.reader(), Fields.START);
            NumericDocValues ends = DocValues.getNumeric(md.context.reader(), Fields.END);
            DocIdSetIterator it = md.bits.iterator();
            for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                var start = starts.advanceExact(doc) ? java.util.Optional.of(LocalDate.ofEpochDay(starts.longValue())) : java.util.Optional.<LocalDate>empty();
                var end = ends.advanceExact(doc) ? java.util.Optional.of(LocalDate.ofEpochDay(ends.longValue())) : java.util.Optional.<LocalDate>empty();
                new RunningPeriod(start, end).statusOn(today).ifPresent(s -> counts.merge(s, 1L, Long::sum));
            }
        }
        List<SearchResult.FacetCount> out = new ArrayList<>();
        counts.forEach((s, n) -> out.add(new SearchResult.FacetCount(s.name().toLowerCase(Locale.ROOT), n)));
        out.sort((a, b) -> Long.compare(b.count(), a.count()));
        return out;
    }

    /**
     * The best snippet of each hit: a text where the query's own words matched, in the reader's language if
     * one did, else the field and language with the most highlighted words.
     *
     * @param own the query's own words per language: a mark on one of them counts ten times a mark on a
     *            concept's label in another language, so the snippet is in the language the words matched
     */
    private static List<SearchResult.Hit> highlight(RecordIndex.Snapshot snap, Query words, Map<Lang, Set<String>> own,
                                                    ScoreDoc[] page, SearchRequest r) throws IOException {
        IndexSearcher searcher = snap.searcher();
        List<String> fields = new ArrayList<>();
        Set<String> present = fieldNames(searcher.getIndexReader());
        for (String family : List.of(Fields.SUMMARY, Fields.TEXT, Fields.TITLE)) {
            for (Lang l : Lang.values()) if (present.contains(Fields.text(family, l))) fields.add(Fields.text(family, l));
            if (present.contains(Fields.textOther(family))) fields.add(Fields.textOther(family));
        }
        Map<String, String[]> snippets = Map.of();
        if (page.length > 0 && r.hasText() && !fields.isEmpty()) {
            UnifiedHighlighter uh = UnifiedHighlighter.builder(searcher, snap.analysis().analyzers().forIndexing())
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                    .withMaxNoHighlightPassages(0)
                    .withHandleMultiTermQuery(false)
                    .withMaxLength(20_000)
                    .build();
            int[] passages = new int[fields.size()];
            Arrays.fill(passages, 2);
            TopDocs pageDocs = new TopDocs(new TotalHits(page.length, TotalHits.Relation.EQUAL_TO), page);
            snippets = uh.highlightFields(fields.toArray(String[]::new), words, pageDocs, passages);
        }
        var stored = searcher.getIndexReader().storedFields();
        List<SearchResult.Hit> hits = new ArrayList<>();
        for (int i = 0; i < page.length; i++) {
            String id = idOf(stored, page[i].doc);
            String best = null;
            Lang bestLang = null;
            int bestScore = 0;
            for (String field : fields) {
                String s = snippets.getOrDefault(field, new String[page.length])[i];
                if (s == null) continue;
                Lang lang = Lang.of(field.substring(field.lastIndexOf('_') + 1)).orElse(null);
                int marks = marks(s, lang == null ? null : snap.analysis().analyzers().language(lang), lang == null ? Set.of() : own.getOrDefault(lang, Set.of()));
                if (marks == 0) continue;
                // A text where the query's own words matched first; among those (or among the texts where only
                // translations matched) the reader's language; then most matched words; then a summary over
                // other text over a title.
                int score = (marks >= OWN_MARK ? 10_000_000 : 0) + (lang == r.lang() ? 1_000_000 : 0) + marks * 10
                        + (field.startsWith(Fields.SUMMARY) ? 3 : field.startsWith(Fields.TEXT) ? 2 : 1);
                if (score > bestScore) {
                    best = s;
                    bestLang = lang;
                    bestScore = score;
                }
            }
            hits.add(new SearchResult.Hit(id, Float.isNaN(page[i].score) ? 0f : page[i].score, best, bestLang));
        }
        return hits;
    }

    /** What a mark on one of the query's own words counts, against 1 for a mark on a translation. */
    private static final int OWN_MARK = 10;
    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile("<mark>(.*?)</mark>");
    /** The field names of each index snapshot, merged once per snapshot rather than once per use. */
    private static final Map<IndexReader.CacheKey, Set<String>> FIELD_NAMES = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Set<String> fieldNames(IndexReader reader) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) return mergedFieldNames(reader);
        return FIELD_NAMES.computeIfAbsent(helper.getKey(), k -> mergedFieldNames(reader));
    }

    private static Set<String> mergedFieldNames(IndexReader reader) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (FieldInfo fi : FieldInfos.getMergedFieldInfos(reader)) names.add(fi.name);
        return java.util.Collections.unmodifiableSet(names);
    }

    /** Marked words, a mark on one of the query's own words counting ten. */
    private static int marks(String snippet, org.apache.lucene.analysis.Analyzer analyzer, Set<String> own) {
        int score = 0;
        java.util.regex.Matcher m = MARK.matcher(snippet);
        while (m.find()) {
            boolean ownWord = analyzer != null && Lexicon.positions(analyzer, m.group(1)).stream().anyMatch(p -> own.contains(p.get(0)));
            score += ownWord ? OWN_MARK : 1;
        }
        return score;
    }

    /** A suggestion while typing: a record (by URI) or one of the knowledge base's concepts. */
    public record Suggestion(String kind, String id, String label, Lang lang) {}

    /** Records whose names start with what was typed, then concepts whose labels do. */
    public List<Suggestion> suggest(String text, Lang lang, int max) {
        return index.search(snap -> {
            List<String> typed = Lexicon.tokens(snap.analysis().analyzers().plain(), text);
            List<Suggestion> out = new ArrayList<>();
            if (typed.isEmpty()) return out;
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            for (int i = 0; i < typed.size() - 1; i++) words.add(new TermQuery(new Term(Fields.SUGGEST, typed.get(i))), Occur.MUST);
            words.add(new PrefixQuery(new Term(Fields.SUGGEST, typed.get(typed.size() - 1))), Occur.MUST);
            Query q = new BooleanQuery.Builder()
                    .add(words.build(), Occur.SHOULD)
                    .add(new BoostQuery(new PrefixQuery(new Term(Fields.NAME_EXACT, Analyzers.exactName(text))), 2f), Occur.SHOULD)
                    .build();
            var stored = snap.searcher().getIndexReader().storedFields();
            for (ScoreDoc sd : snap.searcher().search(q, max).scoreDocs)
                out.add(new Suggestion("record", idOf(stored, sd.doc), null, null));
            String folded = String.join(" ", typed);
            Map<Node, Lexicon.Label> concepts = new LinkedHashMap<>();
            for (Lexicon.Label l : snap.analysis().lexicon().ownLabels()) {
                String label = String.join(" ", Lexicon.tokens(snap.analysis().analyzers().plain(), l.text()));
                if (!(label.startsWith(folded) || label.contains(" " + folded))) continue;
                Lexicon.Label seen = concepts.get(l.concept());
                if (seen == null || (l.lang() == lang && seen.lang() != lang)) concepts.put(l.concept(), l);
            }
            concepts.values().stream().limit(Math.max(1, max / 2))
                    .forEach(l -> out.add(new Suggestion("concept", l.concept().getURI(), l.text(), l.lang())));
            return out;
        });
    }

    /** What makes records alike besides their words: the concepts they are tagged with. */
    private static final List<Node> SIMILARITY = List.of(HIKB.theme, HIKB.derivedTheme, HIKB.targetGroup, HIKB.sector, HIKB.instrumentType);

    /** The records most alike {@code r}: sharing its concepts and its words. */
    public List<SearchResult.Hit> related(Record r, int max) {
        Set<Node> concepts = new LinkedHashSet<>();
        SIMILARITY.forEach(p -> concepts.addAll(r.values(p)));
        return related(r.id().uri(), concepts, max);
    }

    /** The records most alike a record: sharing its concepts and its words. */
    public List<SearchResult.Hit> related(String uri, Collection<Node> concepts, int max) {
        return index.search(snap -> {
            IndexSearcher searcher = snap.searcher();
            TopDocs self = searcher.search(new TermQuery(new Term(Fields.ID, uri)), 1);
            if (self.scoreDocs.length == 0) return List.of();
            IndexReader reader = searcher.getIndexReader();
            MoreLikeThis mlt = new MoreLikeThis(reader);
            mlt.setAnalyzer(snap.analysis().analyzers().forIndexing());
            List<String> textFields = new ArrayList<>();
            for (String name : fieldNames(reader))
                if (name.startsWith(Fields.TITLE + "_") || name.startsWith(Fields.SUMMARY + "_") || name.startsWith(Fields.TEXT + "_"))
                    textFields.add(name);
            mlt.setFieldNames(textFields.toArray(String[]::new));
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(3);
            // Words in more than a twentieth of the records are boilerplate ("Marie Curie Action", "project"):
            // sharing them makes no two records alike.
            mlt.setMaxDocFreqPct(5);
            mlt.setMaxQueryTerms(50);
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(mlt.like(self.scoreDocs[0].doc), Occur.SHOULD);
            for (Node c : new LinkedHashSet<>(concepts))
                // Health and care is every record's theme here: it makes none alike.
                if (c.isURI() && !c.getURI().endsWith("/theme/health-and-care")) {
                    b.add(new BoostQuery(new TermQuery(new Term(Fields.CONCEPT, c.getURI())), 3f), Occur.SHOULD);
                    b.add(new BoostQuery(new TermQuery(new Term(Fields.DERIVED_CONCEPT, c.getURI())), 1.5f), Occur.SHOULD);
                }
            b.add(new TermQuery(new Term(Fields.ID, uri)), Occur.MUST_NOT);
            var stored = reader.storedFields();
            List<SearchResult.Hit> out = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(b.build(), max).scoreDocs)
                out.add(new SearchResult.Hit(idOf(stored, sd.doc), sd.score, null, null));
            return out;
        });
    }

    /**
     * Why a search found what it found: how the query was read (its units and their translations) and, for
     * each of the given records, the fields and terms that matched.
     *
     * @param units       each unit of the query: its words and its translations (language, text, weight, source)
     * @param untranslated units searched as typed only, to keep a long query within Lucene's limits
     * @param matched     per record URI, the {@code field:term} pairs of its score, best first
     */
    public record Explanation(Lang lang, List<Translations.Unit> units, List<Translations.Unit> untranslated,
                              Map<String, List<String>> matched) {}

    public Explanation explain(SearchRequest r, List<String> ids) {
        return index.search(snap -> {
            QueryPlanner planner = planner(snap);
            List<String> words = r.hasText() ? Lexicon.words(r.text()) : List.of();
            QueryPlanner.Plan plan = words.isEmpty() ? null : planner.plan(words, r.lang());
            Query main = and(planner.words(r.text(), r.lang()), QueryPlanner.filters(r, this::indexFieldName, LocalDate.now()));
            Map<String, List<String>> matched = new LinkedHashMap<>();
            for (String id : ids) {
                TopDocs d = snap.searcher().search(new TermQuery(new Term(Fields.ID, id)), 1);
                if (d.scoreDocs.length == 0) continue;
                org.apache.lucene.search.Explanation e = snap.searcher().explain(main, d.scoreDocs[0].doc);
                Map<String, Double> leaves = new LinkedHashMap<>();
                leaves(e, leaves);
                matched.put(id, leaves.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue(), x.getValue()))
                        .map(Map.Entry::getKey).limit(20).toList());
            }
            return new Explanation(r.lang(), plan == null ? List.of() : plan.units(), plan == null ? List.of() : plan.untranslated(), matched);
        });
    }

    private static final java.util.regex.Pattern LEAF = java.util.regex.Pattern.compile("^weight\\(([a-z_]+):(\"[^\"]*\"|\\S+)");

    /** The matching leaves of an explanation ({@code weight(title_en:robot ...)}), each with its share of the score. */
    private static void leaves(org.apache.lucene.search.Explanation e, Map<String, Double> into) {
        if (!e.isMatch()) return;
        java.util.regex.Matcher m = LEAF.matcher(e.getDescription());
        if (m.find()) {
            into.merge(m.group(1) + ":" + m.group(2), e.getValue().doubleValue(), Double::sum);
            return;
        }
        for (org.apache.lucene.search.Explanation d : e.getDetails()) leaves(d, into);
    }

    /** The best records for some words typed by an English reader. */
    public List<SearchResult.Hit> textSearch(String text, int limit) {
        return textSearch(text, Lang.EN, limit);
    }

    /** For SPARQL: the URIs and scores of the best records for some words in a language. */
    public List<SearchResult.Hit> textSearch(String text, Lang lang, int limit) {
        return index.search(snap -> {
            Query q = planner(snap).words(text, lang);
            var stored = snap.searcher().getIndexReader().storedFields();
            List<SearchResult.Hit> out = new ArrayList<>();
            for (ScoreDoc sd : snap.searcher().search(q, limit).scoreDocs)
                out.add(new SearchResult.Hit(idOf(stored, sd.doc), sd.score, null, null));
            return out;
        });
    }
}
