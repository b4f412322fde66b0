package org.w3id.hikb.importer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.search.Analyzers;
import org.w3id.hikb.search.CompoundWords;
import org.w3id.hikb.search.LanguageGuesser;
import org.w3id.hikb.search.TextAnalysis;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * Tags imported records with the knowledge base's themes, as derived statements ({@code hikb:derivedTheme}),
 * never as curated ones. A record is first judged to be about health or care at all: its source's own
 * classification says so (a mapping rule, such as Horizon 2020's programme part "Health, demographic
 * change and wellbeing" or an FP7 topic code of ICT for health), or its text holds one of the health terms
 * of {@code health-terms.tsv} outside the phrases where they mean something else ("structural health").
 * Failing both, a model learnt from the titles the sources file under health ({@link HealthModel}) may
 * still say so. Only then is it tagged with each specific theme whose terms ({@code theme-terms.tsv}) its
 * texts hold: the themes of the labelling guideline (data/imports/health-sample/README.md), each measured
 * against the hand-labelled samples; the others (clusters, living labs, smart specialisation) are left to
 * curators, since no sample measures them. Terms are compared as the search compares words: stemmed, folded
 * and, for German and Swedish, with a compound's parts.
 */
public final class ThemeClassifier {
    private static final String THEME = Namespaces.CONCEPT + "theme/";
    static final Node HEALTH = NodeFactory.createURI(THEME + "health-and-care");
    /** Short texts that name what a record is about: one health term in them is enough. */
    private static final List<Node> NAMING = List.of(Terms.TITLE, HIKB.keyword, HIKB.programmePart);
    /** Longer texts, which may name health in passing. */
    private static final List<Node> LONG_TEXTS = List.of(Terms.ABSTRACT, Terms.DESCRIPTION, HIKB.objective);

    private final Analyzers analyzers;
    /** What says a text is about health or care; per specific theme, what says a health text is about it. */
    private final TermList healthTerms;
    private final Map<Node, TermList> themeTerms = new LinkedHashMap<>();

    private final HealthModel titles = HealthModel.load();

    private ThemeClassifier(Analyzers analyzers) {
        this.analyzers = analyzers;
        this.healthTerms = TermList.read("health-terms.tsv", analyzers);
        TermList.readPerTheme("theme-terms.tsv", analyzers)
                .forEach((id, terms) -> themeTerms.put(NodeFactory.createURI(THEME + id), terms));
    }

    /** The classifier, with the compound words the store's dictionaries know; must be called inside a read transaction. */
    public static ThemeClassifier fromStore(DatasetGraph dsg) {
        return new ThemeClassifier(new Analyzers(CompoundWords.fromStore(dsg)));
    }

    /**
     * The themes of a record: empty if it is not about health or care.
     *
     * @param sourceSaysHealth the source's own classification puts the record under health
     */
    public Set<Node> themes(Graph record, Node self, boolean sourceSaysHealth, String sourceLanguage) {
        // Each text is analysed once, for the health terms and for every theme's.
        List<Map<Lang, List<List<String>>>> naming = readings(record, self, NAMING, sourceLanguage);
        List<Map<Lang, List<List<String>>>> longer = readings(record, self, LONG_TEXTS, sourceLanguage);
        if (!sourceSaysHealth && !aboutHealth(record, self, naming, longer)) return Set.of();
        Set<Node> found = new LinkedHashSet<>();
        found.add(HEALTH);
        evidence(naming, longer).forEach((theme, e) -> {
            if (e.naming() > 0 || e.longer() >= LONGER_TEXT_PLACES.getOrDefault(theme.getURI().substring(THEME.length()), 1))
                found.add(theme);
        });
        return found;
    }

    /**
     * The themes whose terms a record's longer texts must hold in two places, not one, when its naming texts hold
     * none: one mention of imaging, software or older people in a summary is often an aside. Chosen on the
     * first passes of every labelled sample up to {@code heldout12.tsv} (1,604 health records): precision /
     * recall with one place and with two, diagnostics 0.839 / 0.903 and 0.861 / 0.888, digital health 0.795 /
     * 0.803 and 0.816 / 0.803, ageing 0.820 / 0.872 and 0.851 / 0.851, home care 0.842 / 1.000 and 0.889 /
     * 1.000, proximity medicine 0.722 / 0.812 and 0.765 / 0.812; for the other themes a second place loses
     * more than it gains (chronic patients 0.912 / 1.000 and 0.939 / 0.885).
     */
    private static final Map<String, Integer> LONGER_TEXT_PLACES = Map.of(
            "advanced-diagnostics", 2, "digital-health", 2, "ageing", 2, "home-care", 2, "proximity-medicine", 2);

    /** How many places of a record's naming texts, and of its longer texts, hold a theme's terms. */
    public record Evidence(int naming, int longer) {}

    /** Per specific theme, the evidence a record's texts give for it (whether or not the record is about health). */
    public Map<Node, Evidence> evidence(Graph record, Node self, String sourceLanguage) {
        return evidence(readings(record, self, NAMING, sourceLanguage), readings(record, self, LONG_TEXTS, sourceLanguage));
    }

    private Map<Node, Evidence> evidence(List<Map<Lang, List<List<String>>>> naming, List<Map<Lang, List<List<String>>>> longer) {
        Map<Node, Evidence> out = new LinkedHashMap<>();
        themeTerms.forEach((theme, terms) -> out.put(theme, new Evidence(count(terms, naming), count(terms, longer))));
        return out;
    }

    /**
     * Whether a record's texts say it is about health or care (its source's own classification left aside):
     * a health term in a title, keyword or programme part ({@code naming}), or two in its longer texts (a
     * summary that names medical imaging once, as one use among others of an astronomy method, does not make
     * it a health record).
     */
    private boolean aboutHealth(Graph record, Node self, List<Map<Lang, List<List<String>>>> naming, List<Map<Lang, List<List<String>>>> longer) {
        if (count(healthTerms, naming) > 0) return true;
        if (count(healthTerms, longer) >= 2) return true;
        // The biomedical titles no term names ("Autoimmune encephalitis", "bone metastases"): the model
        // learnt from the titles the sources themselves file under health.
        boolean[] model = { false };
        record.find(self, Terms.TITLE, Node.ANY).forEachRemaining(t -> {
            Node o = t.getObject();
            if (o.isLiteral() && Lang.of(o.getLiteralLanguage()).map(l -> l == Lang.EN).orElse(false)
                    && !healthTerms.namesHost(Lang.EN, TextAnalysis.positions(analyzers.language(Lang.EN), o.getLiteralLexicalForm())))
                model[0] |= titles.aboutHealth(o.getLiteralLexicalForm());
        });
        return model[0];
    }

    /**
     * Per text, its analysed words in each language it is read in: its own, English, and the languages
     * its letters belong to (a term list counts the most any reading holds). Regional records name health in English loanwords
     * ("Teilnahme an der Arab Health", "Digital Health", "Jahrestagung ... of Rheumatology"), and a short
     * title's language is often a guess ("Hållbar Hälsa" has no function word and was tagged with its source's
     * English). Reading every text in all four languages would find Italian doctors in "the Medici".
     */
    private List<Map<Lang, List<List<String>>>> readings(Graph record, Node self, List<Node> properties, String sourceLanguage) {
        List<Map<Lang, List<List<String>>>> out = new java.util.ArrayList<>();
        for (Node p : properties)
            record.find(self, p, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (!o.isLiteral()) return;
                String text = o.getLiteralLexicalForm();
                Set<Lang> readAs = java.util.EnumSet.of(Lang.EN);
                language(o, sourceLanguage).ifPresent(readAs::add);
                readAs.addAll(lettersOf(text));
                Map<Lang, List<List<String>>> reading = new java.util.EnumMap<>(Lang.class);
                for (Lang l : readAs) reading.put(l, TextAnalysis.positions(analyzers.language(l), text));
                out.add(reading);
            });
        return out;
    }

    /** The terms of a list in some texts: per text, the most any of its readings holds. */
    private static int count(TermList terms, List<Map<Lang, List<List<String>>>> readings) {
        int n = 0;
        for (Map<Lang, List<List<String>>> reading : readings) {
            int most = 0;
            for (Map.Entry<Lang, List<List<String>>> e : reading.entrySet()) most = Math.max(most, terms.count(e.getKey(), e.getValue()));
            n += most;
        }
        return n;
    }

    /** The languages whose letters a text holds: å, ä and ö Swedish; ä, ö, ü and ß German; à, è, ì, ò, ù Italian. */
    static Set<Lang> lettersOf(String text) {
        Set<Lang> out = java.util.EnumSet.noneOf(Lang.class);
        for (int i = 0; i < text.length(); i++) {
            switch (Character.toLowerCase(text.charAt(i))) {
                case 'å' -> out.add(Lang.SV);
                case 'ä', 'ö' -> { out.add(Lang.SV); out.add(Lang.DE); }
                case 'ü', 'ß' -> out.add(Lang.DE);
                case 'à', 'è', 'ì', 'ò', 'ù' -> out.add(Lang.IT);
                default -> { }
            }
        }
        return out;
    }

    /** The language of a text: its tag, or guessed from its words, or the source's. */
    private static Optional<Lang> language(Node literal, String sourceLanguage) {
        return literal.getLiteralLanguage().isEmpty()
                ? LanguageGuesser.guess(literal.getLiteralLexicalForm()).or(() -> Lang.of(sourceLanguage))
                : Lang.of(literal.getLiteralLanguage());
    }
}
