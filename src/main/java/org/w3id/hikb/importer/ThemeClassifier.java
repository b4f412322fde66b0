package org.w3id.hikb.importer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
 * still say so. Only then is it tagged with every theme whose label (preferred or alternative, in any of the
 * four languages) its text contains, and with digital health when it names ICT, data or software
 * ({@code digital-terms.tsv}). Terms and labels are compared as the search compares words: stemmed,
 * folded and, for German and Swedish, with a compound's parts.
 */
public final class ThemeClassifier {
    static final Node HEALTH = NodeFactory.createURI(Namespaces.CONCEPT + "theme/health-and-care");
    static final Node DIGITAL_HEALTH = NodeFactory.createURI(Namespaces.CONCEPT + "theme/digital-health");
    private static final List<Node> TEXTS = List.of(Terms.TITLE, Terms.ABSTRACT, Terms.DESCRIPTION, HIKB.objective, HIKB.keyword);
    /** Short texts that name what a record is about: one health term in them is enough. */
    private static final List<Node> NAMING = List.of(Terms.TITLE, HIKB.keyword, HIKB.programmePart);
    /** Longer texts, which may name health in passing. */
    private static final List<Node> LONG_TEXTS = List.of(Terms.ABSTRACT, Terms.DESCRIPTION, HIKB.objective);
    private static final Node SCHEME = NodeFactory.createURI(Namespaces.CONCEPT + "theme");

    private final Analyzers analyzers;
    /** Per language: the first word of a label to the labels (as word lists) that start with it, and their themes. */
    private final Map<Lang, Map<String, List<Label>>> labels = new EnumMap<>(Lang.class);
    /** What says a text is about health or care, and what says a health text is about digital health. */
    private final TermList healthTerms, digitalTerms;

    private record Label(List<String> words, Node theme) {}

    private final HealthModel titles = HealthModel.load();

    private ThemeClassifier(Analyzers analyzers) {
        this.analyzers = analyzers;
        for (Lang l : Lang.values()) labels.put(l, new HashMap<>());
        this.healthTerms = TermList.read("health-terms.tsv", analyzers);
        this.digitalTerms = TermList.read("digital-terms.tsv", analyzers);
    }

    /** Reads the theme scheme's labels; must be called inside a read transaction. */
    public static ThemeClassifier fromStore(DatasetGraph dsg) {
        ThemeClassifier c = new ThemeClassifier(new Analyzers(CompoundWords.fromStore(dsg)));
        dsg.find(Node.ANY, Node.ANY, Terms.IN_SCHEME, SCHEME).forEachRemaining(q -> {
            Node theme = q.getSubject();
            for (Node p : List.of(Terms.PREF_LABEL, Terms.ALT_LABEL))
                dsg.find(Node.ANY, theme, p, Node.ANY).forEachRemaining(l -> {
                    Node o = l.getObject();
                    if (o.isLiteral()) Lang.of(o.getLiteralLanguage()).ifPresent(lang -> c.add(lang, o.getLiteralLexicalForm(), theme));
                });
        });
        return c;
    }

    private void add(Lang lang, String label, Node theme) {
        List<String> words = wholeWords(lang, label);
        if (TextAnalysis.lostItsMeaning(label, words)) return;
        if (!words.isEmpty())
            labels.get(lang).computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(new Label(words, theme));
    }

    private List<String> wholeWords(Lang lang, String text) {
        List<String> out = new ArrayList<>();
        for (List<String> position : TextAnalysis.positions(analyzers.language(lang), text)) out.add(position.get(0));
        return out;
    }

    /**
     * The themes of a record: empty if it is not about health or care.
     *
     * @param sourceSaysHealth the source's own classification puts the record under health
     */
    public Set<Node> themes(Graph record, Node self, boolean sourceSaysHealth, String sourceLanguage) {
        Set<Node> found = new LinkedHashSet<>();
        texts(record, self, TEXTS, sourceLanguage, (l, positions) -> match(l, positions, found));
        if (!sourceSaysHealth && !aboutHealth(record, self, sourceLanguage)) return Set.of();
        found.add(HEALTH);
        int[] digital = { 0 };
        texts(record, self, TEXTS, sourceLanguage, (l, positions) -> digital[0] += digitalTerms.count(l, positions));
        if (digital[0] > 0) found.add(DIGITAL_HEALTH);
        return found;
    }

    /**
     * Whether a record's texts say it is about health or care (its source's own classification left aside):
     * a health term in a title, keyword or programme part, or two in its longer texts (a summary that names
     * medical imaging once, as one use among others of an astronomy method, does not make it a health record).
     */
    public boolean aboutHealth(Graph record, Node self, String sourceLanguage) {
        if (healthTerms(record, self, NAMING, sourceLanguage) > 0) return true;
        if (healthTerms(record, self, LONG_TEXTS, sourceLanguage) >= 2) return true;
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
     * How many health terms some texts hold: each text read in its language, in English, and in the languages
     * its letters belong to, and the most of them counted. Regional records name health in English loanwords
     * ("Teilnahme an der Arab Health", "Digital Health", "Jahrestagung ... of Rheumatology"), and a short
     * title's language is often a guess ("Hållbar Hälsa" has no function word and was tagged with its source's
     * English). Reading every text in all four languages would find Italian doctors in "the Medici".
     */
    private int healthTerms(Graph record, Node self, List<Node> properties, String sourceLanguage) {
        int[] n = { 0 };
        for (Node p : properties)
            record.find(self, p, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (!o.isLiteral()) return;
                String text = o.getLiteralLexicalForm();
                Set<Lang> readAs = java.util.EnumSet.of(Lang.EN);
                language(o, sourceLanguage).ifPresent(readAs::add);
                readAs.addAll(lettersOf(text));
                int most = 0;
                for (Lang l : readAs) most = Math.max(most, healthTerms.count(l, TextAnalysis.positions(analyzers.language(l), text)));
                n[0] += most;
            });
        return n[0];
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

    /** Each text of the record's properties, analysed in its language (tagged, guessed, or the source's). */
    private void texts(Graph record, Node self, List<Node> properties, String sourceLanguage,
                       java.util.function.BiConsumer<Lang, List<List<String>>> each) {
        for (Node p : properties)
            record.find(self, p, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (!o.isLiteral()) return;
                language(o, sourceLanguage).ifPresent(l -> each.accept(l, TextAnalysis.positions(analyzers.language(l), o.getLiteralLexicalForm())));
            });
    }


    private void match(Lang lang, List<List<String>> positions, Set<Node> into) {
        Map<String, List<Label>> byFirst = labels.get(lang);
        for (int i = 0; i < positions.size(); i++) {
            for (String token : positions.get(i)) {
                for (Label label : byFirst.getOrDefault(token, List.of())) {
                    if (label.words().size() == 1 || token.equals(positions.get(i).get(0)) && TermList.follows(positions, i, label.words()))
                        into.add(label.theme());
                }
            }
        }
    }

}
