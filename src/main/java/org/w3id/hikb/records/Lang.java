package org.w3id.hikb.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.w3id.hikb.vocab.Namespaces;

/** The four languages every curated record speaks, with their EU language authority URIs. */
public enum Lang {
    IT("it", "ITA", "it-IT"), DE("de", "DEU", "de-DE"), EN("en", "ENG", "en-IE"), SV("sv", "SWE", "sv-SE");

    private final String code;
    private final String authorityCode;
    private final Locale formats;

    Lang(String code, String authorityCode, String formats) {
        this.code = code;
        this.authorityCode = authorityCode;
        this.formats = Locale.forLanguageTag(formats);
    }

    public String code() { return code; }

    /**
     * How numbers, amounts and dates are written for readers of this language: the language in a country of the
     * euro area or the EU where it is spoken (English as in Ireland, Swedish as in Sweden; {@code sv-SV} would be
     * El Salvador).
     */
    public Locale formats() { return formats; }

    /**
     * An amount in a currency (ISO 4217 code) as readers of this language write it: {@code 1 622 001,85 €} in
     * Swedish, {@code €1,622,001.85} in English, {@code 40.000,00 SEK} in Italian.
     */
    public String money(java.math.BigDecimal amount, String currency) {
        java.text.NumberFormat f = java.text.NumberFormat.getCurrencyInstance(formats);
        f.setCurrency(java.util.Currency.getInstance(currency));
        return f.format(amount);
    }

    public Node authority() { return NodeFactory.createURI(Namespaces.LANGUAGE + authorityCode); }

    /** The language of a two-letter code or a language tag such as {@code de-AT}; empty if it is none of the four. */
    public static Optional<Lang> of(String tag) {
        if (tag == null || tag.isBlank()) return Optional.empty();
        String primary = tag.toLowerCase(Locale.ROOT).split("[-_]", -1)[0].trim();  // "-" alone: found by fuzzing, it was a 500
        for (Lang l : values())
            if (l.code.equals(primary)) return Optional.of(l);
        return Optional.empty();
    }

    /** The language of an EU language authority URI ({@code .../language/ITA}). */
    public static Optional<Lang> ofAuthority(Node uri) {
        for (Lang l : values())
            if (l.authority().equals(uri)) return Optional.of(l);
        return Optional.empty();
    }

    /** The order in which to look for a text: the asked language, then English, then the others. */
    public List<Lang> fallbackChain() {
        List<Lang> chain = new ArrayList<>(List.of(this));
        if (this != EN) chain.add(EN);
        for (Lang l : values())
            if (!chain.contains(l)) chain.add(l);
        return chain;
    }

    /**
     * The best of the languages an {@code Accept-Language} header asks for (RFC 4647 lookup, by the JDK's
     * {@link Locale.LanguageRange}: weights respected, {@code q=0} meaning "not this one"), or English. A header
     * that does not parse is as good as none (the JDK's parser throws {@link IllegalArgumentException} for most
     * bad ranges, but {@link ArrayIndexOutOfBoundsException} for a lone {@code -}).
     */
    public static Lang fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) return EN;
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return EN;
        }
        List<Locale> offered = new ArrayList<>();
        for (Lang l : values()) offered.add(Locale.forLanguageTag(l.code()));
        Locale best = Locale.lookup(ranges, offered);
        return best == null ? EN : of(best.getLanguage()).orElse(EN);
    }
}
