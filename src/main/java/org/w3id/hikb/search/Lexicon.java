package org.w3id.hikb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * The cross-lingual lexicon: every label of the knowledge base's concepts (preferred and alternative, in
 * four languages) and of EuroVoc, analysed the way the search analyses text. A phrase of a query that is a
 * concept's label in some language is recognised as that concept, whatever language the query is in; the
 * search then also looks for the records tagged with the concept and for the concept's labels in the other
 * languages. EuroVoc concepts lead to the knowledge base's own concepts that match them.
 */
final class Lexicon {
    static final String EUROVOC = Namespaces.EUROVOC;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    private static final int LONGEST = 5;

    /** A concept found in the query, with the words of the query it spans. */
    record Match(Node concept, int from, int to) {}

    private final Analyzers analyzers;
    private final Map<Lang, Map<String, Set<Node>>> byLabel = new EnumMap<>(Lang.class);
    private final Map<Node, Map<Lang, String>> prefLabels = new HashMap<>();
    private final Map<Node, Set<Node>> ownConcepts = new HashMap<>();
    /** One-word labels by language, then by first letter: where a misspelt word's concept is looked for. */
    private final Map<Lang, Map<Character, List<String>>> oneWordLabels = new EnumMap<>(Lang.class);
    /** The knowledge base's own concepts' labels, for autocompletion. */
    private final List<Label> ownLabels = new ArrayList<>();

    record Label(Node concept, Lang lang, String text) {}

    private Lexicon(Analyzers analyzers) {
        this.analyzers = analyzers;
        for (Lang l : Lang.values()) byLabel.put(l, new HashMap<>());
    }

    /** Reads the labels; must be called inside a read transaction. */
    static Lexicon fromStore(DatasetGraph dsg, Analyzers analyzers) {
        Lexicon lx = new Lexicon(analyzers);
        for (Node p : List.of(Terms.PREF_LABEL, Terms.ALT_LABEL))
            dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                Node c = q.getSubject();
                Node o = q.getObject();
                if (!c.isURI() || !o.isLiteral() || !(isOwn(c) || c.getURI().startsWith(EUROVOC))) return;
                Lang.of(o.getLiteralLanguage()).ifPresent(l -> lx.add(c, l, o.getLiteralLexicalForm(), p.equals(Terms.PREF_LABEL)));
            });
        for (Node p : List.of(Terms.EXACT_MATCH, Terms.CLOSE_MATCH))
            dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                if (isOwn(q.getSubject()) && q.getObject().isURI())
                    lx.ownConcepts.computeIfAbsent(q.getObject(), k -> new LinkedHashSet<>()).add(q.getSubject());
            });
        return lx;
    }

    static boolean isOwn(Node c) {
        return c.isURI() && c.getURI().startsWith(Namespaces.CONCEPT);
    }

    private void add(Node concept, Lang lang, String label, boolean preferred) {
        String key = key(lang, label);
        if (!key.isEmpty() && !TextAnalysis.lostItsMeaning(label, List.of(key.split(" ")))) {
            Set<Node> concepts = byLabel.get(lang).computeIfAbsent(key, k -> new LinkedHashSet<>());
            if (concepts.isEmpty() && !key.contains(" "))
                oneWordLabels.computeIfAbsent(lang, l -> new HashMap<>()).computeIfAbsent(key.charAt(0), c -> new ArrayList<>()).add(key);
            concepts.add(concept);
        }
        if (preferred) prefLabels.computeIfAbsent(concept, k -> new EnumMap<>(Lang.class)).put(lang, label);
        if (isOwn(concept)) ownLabels.add(new Label(concept, lang, label));
    }

    /** The words of a query, as the lexicon and the search see them. */
    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    /** The concepts named by phrases of the query, longest phrases first, each word in at most one match. */
    List<Match> find(List<String> words) {
        return find(words, w -> false);
    }

    /**
     * As {@link #find(List)}, and a word that is no label and that {@code unknown} says the index does not
     * know either may name a concept whose label it misspells.
     */
    List<Match> find(List<String> words, java.util.function.Predicate<String> unknown) {
        List<Match> out = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int matched = 0;
            for (int n = Math.min(LONGEST, words.size() - i); n >= 1 && matched == 0; n--) {
                String phrase = String.join(" ", words.subList(i, i + n));
                Set<Node> concepts = new LinkedHashSet<>();
                for (Lang l : Lang.values()) {
                    String key = key(l, phrase);
                    if (!key.isEmpty()) concepts.addAll(byLabel.get(l).getOrDefault(key, Set.of()));
                }
                if (!concepts.isEmpty()) {
                    for (Node c : concepts) out.add(new Match(c, i, i + n));
                    matched = n;
                }
            }
            if (matched == 0 && unknown.test(words.get(i)))
                for (Node c : misspelt(words.get(i))) out.add(new Match(c, i, i + 1));
            i += Math.max(1, matched);
        }
        return out;
    }

    /**
     * The concepts of a one-word label one edit away from a word of five letters or more (two from ten), when
     * the word is no label at all: "telemedicne" still names telemedicine.
     */
    private Set<Node> misspelt(String word) {
        if (word.codePointCount(0, word.length()) < 5) return Set.of();
        int allowed = word.length() >= 10 ? 2 : 1;
        Set<Node> best = new LinkedHashSet<>();
        int bestDistance = allowed + 1;
        for (Lang l : Lang.values()) {
            String key = key(l, word);
            // Stems of five letters or more: "oklar" is stemmed "okl", one edit from "öl" (beer) and "öken" (desert).
            if (key.codePointCount(0, key.length()) < 5 || key.contains(" ")) continue;
            // A typo is rarely in the first letter: only labels that start like the word are compared.
            for (String label : oneWordLabels.getOrDefault(l, Map.of()).getOrDefault(key.charAt(0), List.of())) {
                if (Math.abs(label.length() - key.length()) > allowed) continue;
                int d = distance(key, label, allowed);
                if (d < bestDistance) {
                    best.clear();
                    bestDistance = d;
                }
                if (d == bestDistance) best.addAll(byLabel.get(l).get(label));
            }
        }
        // Many near labels mean the word is ambiguous, not misspelt.
        return best.size() <= 3 ? best : Set.of();
    }

    /** Levenshtein distance, or {@code limit + 1} as soon as it is sure to exceed the limit. */
    static int distance(String a, String b, int limit) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin > limit) return limit + 1;
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The preferred labels of a concept, by language. */
    Map<Lang, String> prefLabels(Node concept) {
        return prefLabels.getOrDefault(concept, Map.of());
    }

    /** The knowledge base's own concepts a concept stands for: itself if it is one, or those matching it. */
    Set<Node> ownConceptsFor(Node concept) {
        if (isOwn(concept)) return Set.of(concept);
        return ownConcepts.getOrDefault(concept, Set.of());
    }

    List<Label> ownLabels() { return ownLabels; }

    private String key(Lang lang, String text) {
        return String.join(" ", tokens(analyzers.language(lang), text));
    }

    /** The tokens of a text grouped by position: a compound's parts share the whole word's position. */
    static List<List<String>> positions(Analyzer analyzer, String text) {
        List<List<String>> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute inc =
                    ts.addAttribute(org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (inc.getPositionIncrement() > 0 || out.isEmpty()) out.add(new ArrayList<>());
                out.get(out.size() - 1).add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
