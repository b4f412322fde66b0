package org.w3id.hikb.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.w3id.hikb.vocab.Terms;

/**
 * The word lists that German and Swedish compounds are split against. They are the words of the
 * vocabularies' German and Swedish labels (EuroVoc and the knowledge base's own concept schemes, read from
 * the store) plus a short hand-kept list of common words ({@code compound-words-de.txt}, {@code -sv.txt}).
 * The fingerprint changes when the lists do; the index is then rebuilt, so documents and queries are always
 * split the same way.
 */
public final class CompoundWords {
    private final CharArraySet german;
    private final CharArraySet swedish;
    private final String fingerprint;

    private CompoundWords(Set<String> de, Set<String> sv) {
        this.german = new CharArraySet(de, false);
        this.swedish = new CharArraySet(sv, false);
        this.fingerprint = hash(de, sv);
    }

    /** Reads the labels; must be called inside a read transaction. */
    public static CompoundWords fromStore(DatasetGraph dsg) {
        Set<String> de = new TreeSet<>(handKept("de"));
        Set<String> sv = new TreeSet<>(handKept("sv"));
        for (Node p : new Node[] { Terms.PREF_LABEL, Terms.ALT_LABEL })
            dsg.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(q -> {
                Node o = q.getObject();
                if (!o.isLiteral()) return;
                switch (o.getLiteralLanguage()) {
                    case "de" -> words(o.getLiteralLexicalForm(), 4, GermanAnalyzer.getDefaultStopSet(), de);
                    case "sv" -> words(o.getLiteralLexicalForm(), 3, SwedishAnalyzer.getDefaultStopSet(), sv);
                    default -> { }
                }
            });
        return new CompoundWords(de, sv);
    }

    /** Only the hand-kept lists: for tests of the analysis alone. */
    public static CompoundWords handKeptOnly() {
        return new CompoundWords(new TreeSet<>(handKept("de")), new TreeSet<>(handKept("sv")));
    }

    public CharArraySet german() { return german; }
    public CharArraySet swedish() { return swedish; }
    public String fingerprint() { return fingerprint; }

    private static void words(String label, int minLength, CharArraySet stop, Set<String> into) {
        try (StandardTokenizer tokenizer = new StandardTokenizer();
             TokenStream ts = new LowerCaseFilter(tokenizer)) {
            tokenizer.setReader(new StringReader(label));
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                String w = term.toString();
                if (w.length() >= minLength && w.chars().allMatch(Character::isLetter) && !stop.contains(w))
                    into.add(w);
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> handKept(String lang) {
        Set<String> out = new TreeSet<>();
        try (InputStream in = CompoundWords.class.getResourceAsStream("compound-words-" + lang + ".txt")) {
            if (in == null) throw new IllegalStateException("Missing compound-words-" + lang + ".txt");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) out.add(line.toLowerCase(java.util.Locale.ROOT));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String hash(Set<String> de, Set<String> sv) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (String w : de) md.update(("de:" + w + "\n").getBytes(StandardCharsets.UTF_8));
            for (String w : sv) md.update(("sv:" + w + "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
