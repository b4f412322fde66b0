package org.w3id.hikb.search;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.compound.DictionaryCompoundWordTokenFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.w3id.hikb.records.Lang;

/**
 * How text is analysed, one analyzer per field family, shared by indexing and querying.
 *
 * <ul>
 *   <li>Italian: elision ({@code l'innovazione}), stop words, light stemming, accent folding.</li>
 *   <li>German and Swedish: compound splitting against a word list ({@code Gesundheitsinnovation} also
 *       yields {@code gesundheit} and {@code innovation}; {@code landsbygdsområden} yields {@code landsbygd}
 *       and {@code område}), then stop words, light stemming and folding.</li>
 *   <li>English: possessives, stop words, Porter stemming, folding.</li>
 *   <li>Names: acronyms and identifiers split at hyphens, digits and case changes and also joined, so
 *       {@code HACK-IT-NET}, {@code hack it net} and {@code hackitnet} meet.</li>
 *   <li>Other: text in any other language, standard tokenising and folding.</li>
 * </ul>
 */
public final class Analyzers {
    private static final CharArraySet ITALIAN_ARTICLES = new CharArraySet(Arrays.asList(
            "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl", "negl",
            "sugl", "un", "m", "t", "s", "v", "d"), true);
    private static final int NAME_FLAGS = WordDelimiterGraphFilter.GENERATE_WORD_PARTS
            | WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS | WordDelimiterGraphFilter.CATENATE_ALL
            | WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE | WordDelimiterGraphFilter.SPLIT_ON_NUMERICS
            | WordDelimiterGraphFilter.PRESERVE_ORIGINAL | WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

    private final Map<Lang, Analyzer> languages = new EnumMap<>(Lang.class);
    private final Analyzer plain = plainWords();
    private final Analyzer namesForIndex = names(true);
    private final Analyzer namesForQuery = names(false);

    public Analyzers(CompoundWords compounds) {
        languages.put(Lang.IT, italian());
        languages.put(Lang.DE, germanic(compounds.german(), GermanAnalyzer.getDefaultStopSet(), Lang.DE));
        languages.put(Lang.EN, english());
        languages.put(Lang.SV, germanic(compounds.swedish(), SwedishAnalyzer.getDefaultStopSet(), Lang.SV));
    }

    public Analyzer language(Lang lang) { return languages.get(lang); }
    /** Text in a language other than the four: plain words, no stemming. */
    public Analyzer other() { return plain; }
    public Analyzer namesForQuery() { return namesForQuery; }
    /** Lower-cased, folded words with no stemming: autocompletion and exact names. */
    public Analyzer plain() { return plain; }

    /** The analyzer of every field for indexing (the query side uses the per-language ones directly). */
    public Analyzer forIndexing() {
        Map<String, Analyzer> perField = new HashMap<>();
        for (Lang l : Lang.values())
            for (String family : Fields.TEXT_FAMILIES)
                perField.put(Fields.text(family, l), languages.get(l));
        for (String family : Fields.TEXT_FAMILIES)
            perField.put(Fields.textOther(family), plain);
        perField.put(Fields.NAME, namesForIndex);
        perField.put(Fields.SUGGEST, plain);
        return new PerFieldAnalyzerWrapper(plain, perField);
    }

    /** Lower case, no accents, nothing but letters and digits: how exact names are compared. */
    public static String exactName(String s) {
        String folded = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static Analyzer italian() {
        CharArraySet stop = ItalianAnalyzer.getDefaultStopSet();
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new ElisionFilter(source, ITALIAN_ARTICLES);
                ts = new LowerCaseFilter(ts);
                ts = new StopFilter(ts, stop);
                ts = new ItalianLightStemFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static Analyzer english() {
        CharArraySet stop = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new EnglishPossessiveFilter(source);
                ts = new LowerCaseFilter(ts);
                ts = new StopFilter(ts, stop);
                ts = new PorterStemFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    /** German and Swedish: split compounds first, on lower-cased whole words, then stem every piece. */
    private static Analyzer germanic(CharArraySet dictionary, CharArraySet stop, Lang lang) {
        int minSubword = lang == Lang.SV ? 3 : 4;
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(source);
                ts = new DictionaryCompoundWordTokenFilter(ts, dictionary, 6, minSubword, 20, false);
                ts = new StopFilter(ts, stop);
                if (lang == Lang.DE) {
                    ts = new GermanNormalizationFilter(ts);
                    ts = new GermanLightStemFilter(ts);
                } else {
                    ts = new SwedishLightStemFilter(ts);
                }
                ts = new ASCIIFoldingFilter(ts);
                // A part that stems to the whole word ("digitale" -> "digital") must not count twice.
                ts = new RemoveDuplicatesTokenFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static Analyzer names(boolean forIndex) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new WhitespaceTokenizer();
                TokenStream ts = new WordDelimiterGraphFilter(source, NAME_FLAGS, null);
                if (forIndex) ts = new FlattenGraphFilter(ts);
                ts = new LowerCaseFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }

    private static Analyzer plainWords() {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer source = new StandardTokenizer();
                TokenStream ts = new LowerCaseFilter(source);
                ts = new ASCIIFoldingFilter(ts);
                return new TokenStreamComponents(source, ts);
            }
        };
    }
}
