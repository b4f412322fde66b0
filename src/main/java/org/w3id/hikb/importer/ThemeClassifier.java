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
 * change and wellbeing"), or its text names health or care in one of the four languages. Only then is it
 * tagged with every theme whose label (preferred or alternative, in any of the four languages) its text
 * contains. The labels are compared as the search compares words: stemmed, folded and, for German and
 * Swedish, with a compound's parts.
 */
public final class ThemeClassifier {
    static final Node HEALTH = NodeFactory.createURI(Namespaces.CONCEPT + "theme/health-and-care");
    private static final List<Node> TEXTS = List.of(Terms.TITLE, Terms.ABSTRACT, Terms.DESCRIPTION, HIKB.objective, HIKB.keyword);
    /** Read only for whether a record is about health at all: a programme part names a field, not a theme. */
    private static final List<Node> FIELD_NAMES = List.of(HIKB.programmePart);
    private static final Node SCHEME = NodeFactory.createURI(Namespaces.CONCEPT + "theme");

    private final Analyzers analyzers;
    /** Per language: the first word of a label to the labels (as word lists) that start with it, and their themes. */
    private final Map<Lang, Map<String, List<Label>>> labels = new EnumMap<>(Lang.class);

    private record Label(List<String> words, Node theme) {}

    private ThemeClassifier(Analyzers analyzers) {
        this.analyzers = analyzers;
        for (Lang l : Lang.values()) labels.put(l, new HashMap<>());
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
        Set<Node> found = matches(record, self, TEXTS, sourceLanguage);
        boolean health = sourceSaysHealth || found.contains(HEALTH)
                || matches(record, self, FIELD_NAMES, sourceLanguage).contains(HEALTH);
        if (!health) return Set.of();
        found.add(HEALTH);
        return found;
    }

    private Set<Node> matches(Graph record, Node self, List<Node> properties, String sourceLanguage) {
        Set<Node> found = new LinkedHashSet<>();
        for (Node p : properties)
            record.find(self, p, Node.ANY).forEachRemaining(t -> {
                Node o = t.getObject();
                if (!o.isLiteral()) return;
                Optional<Lang> lang = o.getLiteralLanguage().isEmpty()
                        ? LanguageGuesser.guess(o.getLiteralLexicalForm()).or(() -> Lang.of(sourceLanguage))
                        : Lang.of(o.getLiteralLanguage());
                lang.ifPresent(l -> match(l, o.getLiteralLexicalForm(), found));
            });
        return found;
    }

    private void match(Lang lang, String text, Set<Node> into) {
        List<List<String>> positions = TextAnalysis.positions(analyzers.language(lang), text);
        Map<String, List<Label>> byFirst = labels.get(lang);
        for (int i = 0; i < positions.size(); i++) {
            for (String token : positions.get(i)) {
                for (Label label : byFirst.getOrDefault(token, List.of())) {
                    if (label.words().size() == 1 || token.equals(positions.get(i).get(0)) && follows(positions, i, label.words()))
                        into.add(label.theme());
                }
            }
        }
    }

    private static boolean follows(List<List<String>> positions, int at, List<String> words) {
        if (at + words.size() > positions.size()) return false;
        for (int k = 1; k < words.size(); k++)
            if (!positions.get(at + k).get(0).equals(words.get(k))) return false;
        return true;
    }
}
