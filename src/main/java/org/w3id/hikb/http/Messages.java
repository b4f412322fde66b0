package org.w3id.hikb.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

import org.w3id.hikb.records.Lang;

/**
 * The interface's texts in the four languages, from {@code i18n/messages_<lang>.properties} (UTF-8). Every
 * file has every key (a test checks it); {@code {0}} in a text is filled with the arguments.
 */
public final class Messages {
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
