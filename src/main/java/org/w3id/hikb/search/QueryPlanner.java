package org.w3id.hikb.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.facet.DrillDownQuery;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.QueryBuilder;
import org.w3id.hikb.records.Lang;

/**
 * Turns what a user typed into a Lucene query. The words are looked for in every language's fields,
 * each analysed as that language analyses it (so an Italian query meets Italian stems), with titles weighing
 * more than summaries and summaries more than the rest. On top of that:
 * <ul>
 *   <li>a record whose name or acronym is exactly the query comes first;</li>
 *   <li>the words close together (a phrase, give or take a few words) count extra;</li>
 *   <li>a phrase that is a concept's label, in any of the four languages, finds the records tagged with the
 *       concept and the concept's labels in the other languages (cross-lingual search);</li>
 *   <li>words of five letters or more also match with a typo or two, at a low weight.</li>
 * </ul>
 */
final class QueryPlanner {
    static final float TITLE = 3f, SUMMARY = 2f, TEXT = 1f, LINKS = 0.8f, NAME = 4f;
    private static final float EXACT_NAME = 40f, PHRASE = 2f, CONCEPT = 2.5f, DERIVED_CONCEPT = 1f, TRANSLATION = 0.6f, FUZZY = 0.3f;
    private static final float TIE = 0.3f, ACROSS_LANGUAGES = 0.05f, PARTS = 0.5f;
    /** How far apart the words may be and still count as close: a few words per word of the query. */
    private static final int PROXIMITY_PER_WORD = 3;
    static final int MAX_LENGTH = 500;
    /** A query naming more concepts than this is a long text, not a search for concepts: the rest are ignored. */
    private static final int MAX_CONCEPTS = 12;

    /** A translation counts a little less than the word as typed. */
    private static final float TRANSLATED = 0.9f;
    /**
     * Leaf queries a search may hold (Lucene refuses more than 1,024): a long query keeps its most selective
     * units whole, gives the next ones no translations, and drops the rest.
     */
    private static final int LEAF_BUDGET = 700;
    /** Words of a phrase clause: a pasted paragraph is not one phrase. */
    private static final int PHRASE_WORDS = 12;

    private final Analyzers analyzers;
    private final Lexicon lexicon;
    private final Set<String> fieldsWithText;
    private final java.util.function.Predicate<Term> termExists;
    private final java.util.function.ToIntFunction<Term> docFreq;
    private final Translations translations;

    QueryPlanner(Analyzers analyzers, Lexicon lexicon, Set<String> fieldsWithText, java.util.function.ToIntFunction<Term> docFreq,
                 Translations translations) {
        this.analyzers = analyzers;
        this.lexicon = lexicon;
        this.fieldsWithText = fieldsWithText;
        this.docFreq = docFreq;
        this.termExists = t -> docFreq.applyAsInt(t) > 0;
        this.translations = translations;
    }

    /** How a query was read: its units, their translations, and which were searched for. */
    record Plan(Lang lang, List<Translations.Unit> units, List<Translations.Unit> searched, List<Translations.Unit> untranslated) {}

    /**
     * The units of a query typed by a reader of {@code lang}, within the leaf budget: the most selective
     * (rarest in the index) first.
     */
    Plan plan(List<String> words, Lang lang) {
        // A search asks twice (its query, then what to highlight): the plan is made once per planner.
        Plan last = lastPlan;
        if (last != null && last.lang() == lang && lastWords.equals(words)) return last;
        Plan made = makePlan(words, lang);
        lastWords = List.copyOf(words);
        lastPlan = made;
        return made;
    }

    private List<String> lastWords = List.of();
    private Plan lastPlan;

    private Plan makePlan(List<String> words, Lang lang) {
        List<Translations.Unit> units = new ArrayList<>();
        for (Translations.Unit u : translations.units(words, lang, this::existsIn, this::conceptLabels))
            units.add(new Translations.Unit(u.from(), u.to(), u.text(), inIndex(u.renderings())));
        List<Translations.Unit> byRarity = new ArrayList<>(units);
        java.util.Map<Translations.Unit, Integer> df = new java.util.HashMap<>();
        for (Translations.Unit u : units) df.put(u, frequency(u.text(), lang));
        byRarity.sort(java.util.Comparator.comparingInt(df::get));
        int own = (Lang.values().length + 1) * Fields.TEXT_FAMILIES.size() + 1;
        int budget = LEAF_BUDGET;
        Set<Translations.Unit> kept = new java.util.HashSet<>(), bare = new java.util.HashSet<>();
        for (Translations.Unit u : byRarity) {
            int size = u.to() - u.from();
            int translated = u.renderings().stream().mapToInt(r -> Math.max(1, Lexicon.words(r.text()).size())).sum() * Fields.TEXT_FAMILIES.size();
            if (budget >= own * size + translated) {
                kept.add(u);
                budget -= own * size + translated;
            } else if (budget >= own * size) {
                bare.add(u);
                budget -= own * size;
            }
        }
        List<Translations.Unit> searched = new ArrayList<>();
        List<Translations.Unit> untranslated = new ArrayList<>();
        for (Translations.Unit u : units) {
            if (kept.contains(u)) searched.add(u);
            else if (bare.contains(u)) {
                Translations.Unit b = new Translations.Unit(u.from(), u.to(), u.text(), List.of());
                searched.add(b);
                untranslated.add(u);
            }
        }
        return new Plan(lang, units, searched, untranslated);
    }

    /** How many translations of a unit into one language are searched for. */
    private static final int TRANSLATIONS_PER_LANGUAGE = 3;

    /**
     * Of a unit's candidate translations, per language, the few the index holds most: a translation none of
     * whose records exist cannot be found and only costs time; of "Ziel" (bourn, destination, target, goal...)
     * a health knowledge base holds "target" and "goal". Each keeps its dictionary's weight, scaled by its
     * rank here.
     */
    private List<Translations.Rendering> inIndex(List<Translations.Rendering> candidates) {
        Map<Lang, List<Translations.Rendering>> byLang = new java.util.EnumMap<>(Lang.class);
        Map<Translations.Rendering, Integer> df = new java.util.HashMap<>();
        for (Translations.Rendering r : candidates) {
            int f = rarestWord(r.text(), r.lang());
            if (f == 0) continue;
            df.put(r, f);
            byLang.computeIfAbsent(r.lang(), l -> new ArrayList<>()).add(r);
        }
        List<Translations.Rendering> out = new ArrayList<>();
        byLang.forEach((l, rs) -> {
            // The dictionary's order matters most; among close ranks, what the index holds more.
            rs.sort(java.util.Comparator.comparingDouble(r -> -r.weight() * Math.log(2 + df.get(r))));
            for (int k = 0; k < Math.min(TRANSLATIONS_PER_LANGUAGE, rs.size()); k++) {
                Translations.Rendering r = rs.get(k);
                out.add(new Translations.Rendering(r.lang(), r.text(), Math.max(r.weight(), 1f / (1 + k)) , r.via()));
            }
        });
        return out;
    }

    /** The fewest records holding one of a text's words in its language's fields (0: some word is in none). */
    private int rarestWord(String text, Lang lang) {
        int min = Integer.MAX_VALUE;
        for (List<String> position : Lexicon.positions(analyzers.language(lang), text)) {
            int best = 0;
            for (String family : List.of(Fields.TITLE, Fields.SUMMARY, Fields.TEXT))
                best = Math.max(best, docFreq.applyAsInt(new Term(Fields.text(family, lang), position.get(0))));
            min = Math.min(min, best);
        }
        return min == Integer.MAX_VALUE ? 0 : min;
    }

    /**
     * A text that is, as a whole, a label of a concept: the concept's preferred labels in the other languages
     * (EuroVoc's and the knowledge base's own schemes), as translations.
     */
    private List<Translations.Rendering> conceptLabels(String text, Lang lang) {
        List<String> words = Lexicon.words(text);
        List<Translations.Rendering> out = new ArrayList<>();
        // A single word may be a concept's alternative label in a wide sense ("Patienten" for "health and care"):
        // dictionaries translate words, concepts translate the phrases they lack.
        if (words.size() < 2) return out;
        for (Lexicon.Match m : lexicon.find(words))
            if (m.from() == 0 && m.to() == words.size())
                lexicon.prefLabels(m.concept()).forEach((l, label) -> {
                    if (l != lang && out.stream().noneMatch(r -> r.lang() == l && r.text().equalsIgnoreCase(label)))
                        out.add(new Translations.Rendering(l, label, 0.8f, Lexicon.isOwn(m.concept()) ? "concept" : "eurovoc"));
                });
        return out;
    }

    /** How many records hold a text's words in the reader's language's titles, summaries and texts, at most. */
    private int frequency(String text, Lang lang) {
        int max = 0;
        for (String token : Lexicon.tokens(analyzers.language(lang), text))
            for (String family : List.of(Fields.TITLE, Fields.SUMMARY, Fields.TEXT))
                max = Math.max(max, docFreq.applyAsInt(new Term(Fields.text(family, lang), token)));
        return max;
    }

    /** Whether a word is in the index, analysed as its language analyses it, in some text field of that language. */
    private boolean existsIn(String word, Lang lang) {
        for (List<String> position : Lexicon.positions(analyzers.language(lang), word))
            for (String family : Fields.TEXT_FAMILIES)
                if (termExists.test(new Term(Fields.text(family, lang), position.get(0)))) return true;
        return false;
    }

    /** The query for the words alone (no filters); a browse without words matches everything. */
    Query words(String text, Lang lang) {
        if (text == null || text.isBlank()) return new MatchAllDocsQuery();
        List<String> words = Lexicon.words(text);
        if (words.isEmpty())
            throw new BadSearchException("The query has no words to search for: letters or digits are needed.");
        Plan plan = plan(words, lang);
        BooleanQuery.Builder top = new BooleanQuery.Builder();
        top.add(unitsEverywhere(words, plan), Occur.SHOULD);
        top.add(new BoostQuery(new TermQuery(new Term(Fields.NAME_EXACT, Analyzers.exactName(text))), EXACT_NAME), Occur.SHOULD);
        List<String> first = words.subList(0, Math.min(words.size(), PHRASE_WORDS));
        Query name = new QueryBuilder(analyzers.namesForQuery()).createBooleanQuery(Fields.NAME, String.join(" ", first), Occur.MUST);
        if (name != null) top.add(new BoostQuery(name, NAME), Occur.SHOULD);
        if (first.size() > 1) addPhrases(top, String.join(" ", first));
        List<String> content = contentWords(words, lang);
        Set<String> translated = new java.util.HashSet<>();
        for (Translations.Unit u : plan.units()) if (!u.renderings().isEmpty()) translated.addAll(words.subList(u.from(), u.to()));
        addConcepts(top, content.subList(0, Math.min(content.size(), 3 * PHRASE_WORDS)), translated);
        addTypos(top, content.subList(0, Math.min(content.size(), PHRASE_WORDS)).stream().filter(w -> !translated.contains(w)).toList(), lang);
        return top.build();
    }

    /** The words that are no function words of the reader's language (all of them, for a one-word query). */
    static List<String> contentWords(List<String> words, Lang lang) {
        if (words.size() == 1) return words;
        List<String> out = new ArrayList<>();
        for (String w : words) if (!Translations.isStopWord(w, lang)) out.add(w);
        return out.isEmpty() ? words : out;
    }

    /**
     * What to highlight: the query's words and the labels of the concepts it names, as plain terms in each
     * language's shown fields. Far cheaper to highlight than the search query (no phrases, no fuzzy automata),
     * and it still marks "telemedicine" in an English text found by the Italian "telemedicina".
     */
    /** The query's own words, per language, as that language's analyzer makes them (whole words only). */
    Map<Lang, java.util.Set<String>> ownTokens(String text) {
        Map<Lang, java.util.Set<String>> out = new java.util.EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            java.util.Set<String> tokens = new java.util.HashSet<>();
            for (List<String> position : Lexicon.positions(analyzers.language(l), text)) tokens.add(position.get(0));
            out.put(l, tokens);
        }
        return out;
    }

    Query highlighting(String text, Lang lang) {
        List<String> words = Lexicon.words(text);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Map<Lang, List<String>> texts = new java.util.EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) texts.put(l, new ArrayList<>(List.of(String.join(" ", words))));
        for (Translations.Unit u : plan(words, lang).searched())
            for (Translations.Rendering r : u.renderings()) texts.get(r.lang()).add(r.text());
        List<Lexicon.Match> matches = lexicon.find(contentWords(words, lang));
        for (Lexicon.Match m : matches.subList(0, Math.min(matches.size(), MAX_CONCEPTS)))
            lexicon.prefLabels(m.concept()).forEach((l, label) -> texts.get(l).add(label));
        java.util.Set<Term> terms = new java.util.LinkedHashSet<>();
        for (Lang l : Lang.values())
            for (String t : texts.get(l))
                for (List<String> position : Lexicon.positions(analyzers.language(l), t))
                    for (String family : List.of(Fields.TITLE, Fields.SUMMARY, Fields.TEXT))
                        terms.add(new Term(Fields.text(family, l), position.get(0)));
        for (String family : List.of(Fields.TITLE, Fields.SUMMARY, Fields.TEXT))
            for (String token : Lexicon.tokens(analyzers.other(), String.join(" ", words)))
                terms.add(new Term(Fields.textOther(family), token));
        terms.stream().filter(t -> fieldsWithText.contains(t.field())).limit(1000)
                .forEach(t -> b.add(new TermQuery(t), Occur.SHOULD));
        return b.build();
    }

    /**
     * Each unit of the query (a word, or a phrase a dictionary has) is one clause: its best match in any
     * language, as typed or as one of its translations (a record translated into four languages counts the
     * word about once, not four times; a word with twenty translations weighs what a word with one does) and,
     * within a language, its best field. How many units must match is counted over the units, whatever
     * language each matched in: an English record that holds the translations of most of a German query's
     * words is found.
     */
    private Query unitsEverywhere(List<String> words, Plan plan) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (Translations.Unit u : plan.searched()) {
            List<Query> alternatives = new ArrayList<>();
            Query own = own(words.subList(u.from(), u.to()));
            if (own != null) alternatives.add(own);
            for (Translations.Rendering r : u.renderings()) {
                Analyzer analyzer = analyzers.language(r.lang());
                List<Query> families = new ArrayList<>();
                for (String family : Fields.TEXT_FAMILIES) {
                    String field = Fields.text(family, r.lang());
                    if (!fieldsWithText.contains(field)) continue;
                    // A phrase is searched as a phrase: one that analysis leaves a single word of ("efter full":
                    // "full") would match far too much, and is left out.
                    Query q = Lexicon.words(r.text()).size() > 1 ? phrase(analyzer, field, r.text(), 1) : wordQuery(analyzer, field, r.text());
                    if (q != null) families.add(new BoostQuery(q, weight(family) * r.weight() * TRANSLATED));
                }
                if (!families.isEmpty()) alternatives.add(new DisjunctionMaxQuery(families, TIE));
            }
            if (!alternatives.isEmpty()) {
                b.add(new DisjunctionMaxQuery(alternatives, ACROSS_LANGUAGES), Occur.SHOULD);
                clauses++;
            }
        }
        b.setMinimumNumberShouldMatch(minimumToMatch(clauses));
        return b.build();
    }

    /**
     * How many of a query's units a record must match: one of two, two of three, then four in ten. Across
     * languages a translation is often missed (a rare word, a compound the dictionaries split wrongly), so
     * fewer units are asked for than within one language; the records matching more rank first.
     */
    static int minimumToMatch(int units) {
        if (units <= 2) return Math.min(units, 1);
        if (units == 3) return 2;
        return (int) Math.ceil(units * 0.4);
    }

    /** The words of a unit as typed, in every language's fields: each word's best language, all words needed. */
    private Query own(List<String> unitWords) {
        List<Query> each = new ArrayList<>();
        for (String w : unitWords) {
            List<Query> languages = new ArrayList<>();
            for (Lang l : Lang.values())
                addLanguage(languages, analyzers.language(l), w, family -> Fields.text(family, l), 1f);
            addLanguage(languages, analyzers.other(), w, Fields::textOther, 0.8f);
            add(languages, analyzers.namesForQuery(), Fields.NAME, w, NAME);
            if (!languages.isEmpty()) each.add(new DisjunctionMaxQuery(languages, ACROSS_LANGUAGES));
        }
        if (each.isEmpty()) return null;
        if (each.size() == 1) return each.get(0);
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        each.forEach(q -> all.add(q, Occur.MUST));
        return all.build();
    }

    private void addLanguage(List<Query> into, Analyzer analyzer, String word, java.util.function.UnaryOperator<String> field, float weight) {
        List<Query> families = new ArrayList<>();
        for (String family : Fields.TEXT_FAMILIES)
            add(families, analyzer, field.apply(family), word, weight(family) * weight);
        if (!families.isEmpty()) into.add(new DisjunctionMaxQuery(families, TIE));
    }

    private void add(List<Query> into, Analyzer analyzer, String field, String text, float boost) {
        if (!fieldsWithText.contains(field)) return;
        Query q = field.equals(Fields.NAME) ? new QueryBuilder(analyzer).createBooleanQuery(field, text) : wordQuery(analyzer, field, text);
        if (q != null) into.add(new BoostQuery(q, boost));
    }

    /**
     * The query for one typed word in one field. A compound is split by the analyzer into the whole word and
     * its parts at the same position: it matches the whole word, or all of its parts (so "hemtjänst" finds
     * "hem ... tjänst" but not a text that only says "hem").
     */
    static Query wordQuery(Analyzer analyzer, String field, String word) {
        List<List<String>> positions = Lexicon.positions(analyzer, word);
        if (positions.isEmpty()) return null;
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (List<String> stack : positions) {
            Query whole = new TermQuery(new Term(field, stack.get(0)));
            List<String> parts = compoundParts(stack.get(0), stack.subList(1, stack.size()));
            if (parts.isEmpty()) {
                all.add(whole, Occur.MUST);
                continue;
            }
            BooleanQuery.Builder allParts = new BooleanQuery.Builder();
            parts.forEach(t -> allParts.add(new TermQuery(new Term(field, t)), Occur.MUST));
            // The word as typed counts for more than its parts found apart.
            all.add(new BooleanQuery.Builder().add(whole, Occur.SHOULD).add(new BoostQuery(allParts.build(), PARTS), Occur.SHOULD).build(), Occur.MUST);
        }
        BooleanQuery q = all.build();
        if (q.clauses().size() >= 3) {
            // A word of many parts ("In-vivo-Click-PET-Tracer"): most of its parts, in a text in any language.
            BooleanQuery.Builder most = new BooleanQuery.Builder();
            q.clauses().forEach(c -> most.add(c.getQuery(), Occur.SHOULD));
            return most.setMinimumNumberShouldMatch((q.clauses().size() + 1) / 2).build();
        }
        return q.clauses().size() == 1 ? q.clauses().get(0).getQuery() : q;
    }

    /**
     * The words near each other, each as the whole word (a compound's parts are left out: as alternatives in a
     * phrase they would let any two small parts anywhere near each other match).
     */
    static Query phrase(Analyzer analyzer, String field, String text, int slop) {
        List<List<String>> positions = Lexicon.positions(analyzer, text);
        if (positions.size() < 2) return null;
        org.apache.lucene.search.PhraseQuery.Builder b = new org.apache.lucene.search.PhraseQuery.Builder().setSlop(slop);
        for (int i = 0; i < positions.size(); i++) b.add(new Term(field, positions.get(i).get(0)), i);
        return b.build();
    }

    /**
     * The parts that together stand for a compound: the largest ones (not inside another part), at least two,
     * covering most of the word. "landsbygdsområden" stands for landsbygd + område; a lone "land" found
     * inside it does not.
     */
    static List<String> compoundParts(String whole, List<String> candidates) {
        List<String> distinct = candidates.stream().filter(t -> !t.equals(whole)).distinct().toList();
        List<String> largest = distinct.stream()
                .filter(t -> distinct.stream().noneMatch(o -> !o.equals(t) && o.contains(t)))
                .toList();
        int covered = largest.stream().mapToInt(String::length).sum();
        return largest.size() >= 2 && covered >= 0.6 * whole.length() ? largest : List.of();
    }

    private void addPhrases(BooleanQuery.Builder top, String text) {
        List<Query> phrases = new ArrayList<>();
        for (Lang l : Lang.values())
            for (String family : Fields.TEXT_FAMILIES) {
                String field = Fields.text(family, l);
                if (!fieldsWithText.contains(field)) continue;
                Query q = phrase(analyzers.language(l), field, text, PROXIMITY_PER_WORD * Lexicon.words(text).size());
                if (q != null) phrases.add(new BoostQuery(q, weight(family)));
            }
        if (!phrases.isEmpty()) top.add(new BoostQuery(new DisjunctionMaxQuery(phrases, TIE), PHRASE), Occur.SHOULD);
    }

    /**
     * Concepts the query names: their records, and their labels in the other languages. A concept weighs as
     * much of the query as its label covers: in "broadband in sparsely populated areas" the concept "rural
     * areas" counts for half, so records that say both things outrank records only tagged with one.
     */
    private void addConcepts(BooleanQuery.Builder top, List<String> words, Set<String> translated) {
        Map<Node, Float> own = new java.util.LinkedHashMap<>();
        List<Query> translations = new ArrayList<>();
        // A word a dictionary translates is no misspelt label.
        List<Lexicon.Match> matches = lexicon.find(words, w -> w.codePointCount(0, w.length()) >= 5 && !known(w) && !translated.contains(w));
        for (Lexicon.Match m : matches.subList(0, Math.min(matches.size(), MAX_CONCEPTS))) {
            float share = (float) (m.to() - m.from()) / words.size();
            for (Node c : lexicon.ownConceptsFor(m.concept())) own.merge(c, share, Math::max);
            for (Map.Entry<Lang, String> label : lexicon.prefLabels(m.concept()).entrySet())
                for (String family : Fields.TEXT_FAMILIES) {
                    String field = Fields.text(family, label.getKey());
                    if (!fieldsWithText.contains(field)) continue;
                    Query q = phrase(analyzers.language(label.getKey()), field, label.getValue(), 1);
                    if (q == null) q = wordQuery(analyzers.language(label.getKey()), field, label.getValue());
                    if (q != null) translations.add(new BoostQuery(q, weight(family) * share));
                }
        }
        own.forEach((c, share) -> {
            top.add(new BoostQuery(new TermQuery(new Term(Fields.CONCEPT, c.getURI())), CONCEPT * share), Occur.SHOULD);
            top.add(new BoostQuery(new TermQuery(new Term(Fields.DERIVED_CONCEPT, c.getURI())), DERIVED_CONCEPT * share), Occur.SHOULD);
        });
        if (!translations.isEmpty())
            top.add(new BoostQuery(new DisjunctionMaxQuery(translations, TIE), TRANSLATION), Occur.SHOULD);
    }

    /**
     * Typo tolerance: a word of five letters or more that the index does not know in any language, and that no
     * dictionary of the reader's language knows either, may be one letter off (one edit keeps the automata
     * small: two edits on a long word cost a second a query), best in the reader's language. A word the index
     * or a dictionary knows is taken as typed, so German "ältere" is never "corrected" into English "alternative".
     */
    private void addTypos(BooleanQuery.Builder top, List<String> words, Lang lang) {
        List<Query> fuzzy = new ArrayList<>();
        for (String w : words) {
            if (w.codePointCount(0, w.length()) < 5 || known(w)) continue;
            for (Lang l : Lang.values()) {
                // Only the whole word's stem: a compound's parts with a typo allowed would match too much.
                String token = Lexicon.tokens(analyzers.language(l), w).stream().max((a, b) -> a.length() - b.length()).orElse("");
                if (token.length() < 4) continue;
                for (String family : List.of(Fields.TITLE, Fields.SUMMARY, Fields.TEXT)) {
                    String field = Fields.text(family, l);
                    if (fieldsWithText.contains(field))
                        fuzzy.add(new BoostQuery(new FuzzyQuery(new Term(field, token), 1, 1, 10, true), weight(family) * (l == lang ? 1f : 0.5f)));
                }
            }
        }
        if (!fuzzy.isEmpty()) top.add(new BoostQuery(new DisjunctionMaxQuery(fuzzy, TIE), FUZZY), Occur.SHOULD);
    }

    /** Whether some field of some language holds the whole word as its analyzer makes it (parts do not count). */
    private boolean known(String word) {
        for (Lang l : Lang.values())
            for (List<String> position : Lexicon.positions(analyzers.language(l), word))
                for (String family : Fields.TEXT_FAMILIES)
                    if (termExists.test(new Term(Fields.text(family, l), position.get(0)))) return true;
        return false;
    }

    private static float weight(String family) {
        return switch (family) {
            case Fields.TITLE -> TITLE;
            case Fields.SUMMARY -> SUMMARY;
            case Fields.LINKS -> LINKS;
            default -> TEXT;
        };
    }

    /** The filters of a request (facets, status on {@code today}, start years), to AND with the words. */
    static Query filters(SearchRequest r, FacetsConfigView facets, LocalDate today) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        boolean any = false;
        for (Map.Entry<Facet, Set<String>> e : r.filters().entrySet()) {
            BooleanQuery.Builder alternatives = new BooleanQuery.Builder();
            for (String value : e.getValue())
                alternatives.add(e.getKey() == Facet.STATUS ? status(value, today)
                        : new TermQuery(DrillDownQuery.term(facets.indexFieldName(e.getKey()), e.getKey().dimension(), value)), Occur.SHOULD);
            b.add(alternatives.build(), Occur.FILTER);
            any = true;
        }
        if (r.fromYear() != null || r.toYear() != null) {
            b.add(IntPoint.newRangeQuery(Fields.START_YEAR,
                    r.fromYear() == null ? Integer.MIN_VALUE : r.fromYear(),
                    r.toYear() == null ? Integer.MAX_VALUE : r.toYear()), Occur.FILTER);
            any = true;
        }
        return any ? b.build() : null;
    }

    /**
     * {@link org.w3id.hikb.records.RunningPeriod#statusOn} as a Lucene query, so that a status filter finds the
     * records the status facet counts: planned if it starts after today (whatever its end says); otherwise
     * closed if it ended before today, ongoing if it ends today or later; neither without an end.
     */
    private static Query status(String value, LocalDate today) {
        long day = today.toEpochDay();
        Query startsLater = LongPoint.newRangeQuery(Fields.START, day + 1, Long.MAX_VALUE);
        return switch (value) {
            case "planned" -> startsLater;
            case "closed" -> new BooleanQuery.Builder()
                    .add(LongPoint.newRangeQuery(Fields.END, Long.MIN_VALUE, day - 1), Occur.FILTER)
                    .add(startsLater, Occur.MUST_NOT)
                    .build();
            case "ongoing" -> new BooleanQuery.Builder()
                    .add(LongPoint.newRangeQuery(Fields.END, day, Long.MAX_VALUE), Occur.FILTER)
                    .add(startsLater, Occur.MUST_NOT)
                    .build();
            default -> throw new BadSearchException("Unknown status '" + value + "': use planned, ongoing or closed.");
        };
    }

    /** Where the facets' drill-down terms live. */
    interface FacetsConfigView {
        String indexFieldName(Facet f);
    }
}
