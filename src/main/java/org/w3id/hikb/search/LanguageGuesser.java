package org.w3id.hikb.search;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.w3id.hikb.records.Lang;

/**
 * Tells which of the four languages an untagged text is in, by its function words: the language whose
 * stop-word list covers the most of the text's words wins. Good enough for sentences; a text with no function
 * word of any of the four (a name, a code) has no language.
 */
public final class LanguageGuesser {
    private static final Map<Lang, CharArraySet> STOP = new EnumMap<>(Map.of(
            Lang.IT, ItalianAnalyzer.getDefaultStopSet(),
            Lang.DE, GermanAnalyzer.getDefaultStopSet(),
            Lang.EN, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET,
            Lang.SV, SwedishAnalyzer.getDefaultStopSet()));

    private LanguageGuesser() {}

    public static Optional<Lang> guess(String text) {
        Map<Lang, Integer> hits = new EnumMap<>(Lang.class);
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            if (word.isEmpty()) continue;
            for (Map.Entry<Lang, CharArraySet> e : STOP.entrySet())
                if (e.getValue().contains(word)) hits.merge(e.getKey(), 1, Integer::sum);
        }
        return hits.entrySet().stream()
                .filter(e -> e.getValue() >= 2)
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }
}
