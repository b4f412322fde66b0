package org.w3id.hikb.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small HTML templates kept as resource files. {@code {{name}}} is replaced by the value HTML-escaped;
 * {@code {{{name}}}} by the value as it is (only for markup this code built from escaped parts).
 */
public final class Html {
    private static final Pattern SLOT = Pattern.compile("\\{\\{(\\{?)([a-zA-Z0-9_.-]+)}}}?");

    private Html() {}

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Loads a template from the class path, relative to this package. */
    public static String template(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("Missing template " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String render(String template, Map<String, String> values) {
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(2));
            if (value == null) throw new IllegalArgumentException("No value for {{" + m.group(2) + "}}");
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1).isEmpty() ? escape(value) : value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
