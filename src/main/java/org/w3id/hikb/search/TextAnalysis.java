package org.w3id.hikb.search;

import java.util.List;

import org.apache.lucene.analysis.Analyzer;

/** The words of a text as an analyzer sees them, for code outside the search that must compare words the same way. */
public final class TextAnalysis {
    private TextAnalysis() {}

    /** The tokens grouped by position: a compound's whole word first, then its parts. */
    public static List<List<String>> positions(Analyzer analyzer, String text) {
        return Lexicon.positions(analyzer, text);
    }

    /**
     * Whether analysing a label of several words left a single word: "health IT" loses "IT" as an English
     * stop word and would then stand for every text about health. Such a label cannot be matched safely.
     */
    public static boolean lostItsMeaning(String label, List<String> words) {
        return words.size() == 1 && Lexicon.words(label).size() > 1;
    }
}
