package org.w3id.hikb.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import gg.jte.support.LocalizationSupport;
import org.w3id.hikb.records.Lang;

/**
 * The interface's texts in the four languages, from {@code i18n/messages_<lang>.properties} (UTF-8). Every
 * file has every key (a test checks it); {@code {0}} in a text is filled with the arguments. A count has
 * two texts, {@code <key>.one} for 1 and {@code <key>.other} for every other number: the plural rule of
 * Italian, German, English and Swedish alike. A template reads the texts that hold markup (our own, never
 * a reader's) through {@link #localize}, which escapes the arguments and keeps the text's markup.
 */
public final class Messages implements LocalizationSupport {
    private static final Map<Lang, Properties> TEXTS = load();
    private final Lang lang;

    private Messages(Lang lang) {
        this.lang = lang;
    }

    public static Messages of(Lang lang) {
        return new Messages(lang);
    }

    public Lang lang() { return lang; }

    public String get(String key, Object... args) {
        String text = TEXTS.get(lang).getProperty(key);
        if (text == null) throw new IllegalArgumentException("No text '" + key + "' in " + lang.code());
        return args.length == 0 ? text : new MessageFormat(text.replace("'", "''")).format(args);
    }

    /** The text for {@code key}, or null if there is none. */
    public String find(String key) {
        return TEXTS.get(lang).getProperty(key);
    }

    /** For the templates' {@code localize}: the text, which must exist. */
    @Override
    public String lookup(String key) {
        return get(key);
    }

    /** A number of things in words: "1 risultato", "12.400 risultati" (the number as the language writes it). */
    public String count(String key, long n) {
        return get(key + (n == 1 ? ".one" : ".other"), NumberFormat.getIntegerInstance(lang.formats()).format(n));
    }

    /**
     * A duration ({@code xsd:duration} of years, months, weeks or days, as the sources give it: "P3Y", "P2Y6M")
     * in words: "3 anni", "2 Jahre, 6 Monate"; a duration with hours or worse is returned as it is.
     */
    public String duration(String iso) {
        Period p;
        try {
            p = Period.parse(iso.strip());
        } catch (DateTimeParseException e) {
            return iso;
        }
        if (p.isNegative() || p.isZero()) return iso;
        List<String> parts = new ArrayList<>();
        if (p.getYears() > 0) parts.add(count("duration.years", p.getYears()));
        if (p.getMonths() > 0) parts.add(count("duration.months", p.getMonths()));
        if (p.getDays() > 0) parts.add(count("duration.days", p.getDays()));
        return String.join(", ", parts);
    }

    /** Every key of a language's file, for the test that they all agree. */
    public static java.util.Set<String> keys(Lang lang) {
        return TEXTS.get(lang).stringPropertyNames();
    }

    private static Map<Lang, Properties> load() {
        Map<Lang, Properties> out = new EnumMap<>(Lang.class);
        for (Lang l : Lang.values()) {
            String name = "/org/w3id/hikb/http/i18n/messages_" + l.code() + ".properties";
            try (InputStream in = Messages.class.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("Missing " + name);
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                out.put(l, p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
