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
}
