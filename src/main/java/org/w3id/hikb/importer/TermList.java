package org.w3id.hikb.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.w3id.hikb.records.Lang;
import org.w3id.hikb.search.Analyzers;
import org.w3id.hikb.search.TextAnalysis;

/**
 * A list of terms that say what a text is about ({@code health-terms.tsv}, one theme of {@code theme-terms.tsv}): per
 * language, words and phrases compared as the search compares words (stemmed, folded). A {@code word} term
 * counts as a whole word or phrase, a {@code part} term also inside a German or Swedish compound, a
 * {@code weak} term only beside one that is not weak ("wellbeing": of farmers, of loggers, of patients), a
 * {@code not} phrase cancels the terms it covers ("structural health", "plant diseases"), and a {@code host}
 * word cancels every term of its text: the health, infections and diagnoses it names are those of crops,
 * ants or farmed fish ("Studying Wolbachia infection in ants", "biosensors for pathogens in aquaculture").
 */
final class TermList {
    private record Term(List<String> words, String kind) {}

    private final Map<Lang, Map<String, List<Term>>> byFirstWord = new EnumMap<>(Lang.class);

    private TermList() {
        for (Lang l : Lang.values()) byFirstWord.put(l, new HashMap<>());
    }

    /** Reads a resource next to this class: lines {@code language TAB term TAB word|part|weak|not|host}, {@code #} comments. */
    static TermList read(String resource, Analyzers analyzers) {
        TermList list = new TermList();
        lines(resource, cols -> list.add(resource, cols[0], cols[1], cols[2], analyzers));
        return list;
    }

    /**
     * Reads a resource of several lists, one per theme: lines {@code theme TAB language TAB term TAB kind}, in
     * the order of their first line.
     */
    static Map<String, TermList> readPerTheme(String resource, Analyzers analyzers) {
        Map<String, TermList> lists = new LinkedHashMap<>();
        lines(resource, cols -> lists.computeIfAbsent(cols[0], k -> new TermList()).add(resource, cols[1], cols[2], cols[3], analyzers));
        return lists;
    }

    private static void lines(String resource, Consumer<String[]> each) {
        try (InputStream in = TermList.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("No resource " + resource);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                each.accept(line.split("\t"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String resource, String language, String term, String kind, Analyzers analyzers) {
        Lang lang = Lang.of(language).orElseThrow(() -> new IllegalStateException(resource + ": no language " + language + " for " + term));
        List<String> words = new ArrayList<>();
        for (List<String> position : TextAnalysis.positions(analyzers.language(lang), term)) words.add(position.get(0));
        // A phrase whose other words are stop words would count as its one remaining word: "enabled by it" as "enabling".
        if (words.size() == 1 && term.strip().split("[\\s\\-]+").length > 1)
            throw new IllegalStateException(resource + ": the phrase '" + term + "' (" + language + ") is one word once its stop words are dropped: '"
                    + words.get(0) + "'; write that word, or a phrase that keeps two");
        if (!words.isEmpty())
            byFirstWord.get(lang).computeIfAbsent(words.get(0), k -> new ArrayList<>()).add(new Term(words, kind.strip()));
    }

    /**
     * How many places of an analysed text hold a term that counts: not covered by a {@code not} phrase, and
     * weak ones only beside a term that is not; none at all in a text that names a {@code host}.
     */
    int count(Lang lang, List<List<String>> positions) {
        Map<String, List<Term>> terms = byFirstWord.get(lang);
        boolean[] cancelled = new boolean[positions.size()];
        List<Integer> hits = new ArrayList<>();
        List<Integer> weak = new ArrayList<>();
        for (int i = 0; i < positions.size(); i++) {
            List<String> position = positions.get(i);
            for (int k = 0; k < position.size(); k++) {
                boolean whole = k == 0;
                for (Term t : terms.getOrDefault(position.get(k), List.of())) {
                    boolean at = t.words().size() == 1 ? whole || t.kind().equals("part") : whole && follows(positions, i, t.words());
                    if (!at) continue;
                    switch (t.kind()) {
                        case "host" -> { return 0; }
                        case "not" -> {
                            for (int j = i; j < Math.min(positions.size(), i + t.words().size()); j++) cancelled[j] = true;
                        }
                        case "weak" -> weak.add(i);
                        default -> hits.add(i);
                    }
                }
            }
        }
        long strong = hits.stream().distinct().filter(i -> !cancelled[i]).count();
        return strong == 0 ? 0 : (int) (strong + weak.stream().distinct().filter(i -> !cancelled[i] && !hits.contains(i)).count());
    }

    /** Whether an analysed text names a {@code host}: what it says of health is not said of people. */
    boolean namesHost(Lang lang, List<List<String>> positions) {
        Map<String, List<Term>> terms = byFirstWord.get(lang);
        for (int i = 0; i < positions.size(); i++)
            for (Term t : terms.getOrDefault(positions.get(i).get(0), List.of()))
                if (t.kind().equals("host") && follows(positions, i, t.words())) return true;
        return false;
    }

    /** Whether the words of a phrase stand, as whole words, from position {@code at} on. */
    static boolean follows(List<List<String>> positions, int at, List<String> words) {
        if (at + words.size() > positions.size()) return false;
        for (int k = 1; k < words.size(); k++)
            if (!positions.get(at + k).get(0).equals(words.get(k))) return false;
        return true;
    }
}
