package org.w3id.hikb.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.w3id.hikb.records.Lang;

/**
 * The example queries of the query editor, kept as {@code .rq} files in {@code examples/} beside this class
 * and listed in order in {@code examples/index.txt}. Each file starts with {@code # title:} and
 * {@code # about:} comment lines in English, and {@code # title@it:}, {@code # about@it:} ... in the other
 * languages; the rest is the query. The test suite runs every one of them.
 */
public final class ExampleQueries {
    private static final String DIR = "/org/w3id/hikb/sparql/examples/";
    private static final Pattern COMMENT = Pattern.compile("# (title|about)(?:@(\\w+))?:(.*)");
    private static final List<Example> ALL = read();

    /** One example: its id (the file name), a title and a sentence about it per language (English always), and the query text. */
    public record Example(String id, Map<Lang, String> titles, Map<Lang, String> abouts, String text) {
        public String title() { return titles.get(Lang.EN); }
    }

    private ExampleQueries() {}

    public static List<Example> all() {
        return ALL;
    }

    /** The example with this id, or null. */
    public static Example find(String id) {
        for (Example e : ALL)
            if (e.id().equals(id)) return e;
        return null;
    }

    private static List<Example> read() {
        List<Example> out = new ArrayList<>();
        for (String line : text("index.txt").split("\n")) {
            String id = line.strip();
            if (id.isEmpty()) continue;
            String file = text(id + ".rq");
            String query = file.lines().filter(l -> !COMMENT.matcher(l).matches()).reduce("", (a, b) -> a + b + "\n");
            out.add(new Example(id, comments(file, "title"), comments(file, "about"), query));
        }
        return List.copyOf(out);
    }

    /** The {@code # key:} line (English) and the {@code # key@lang:} lines of a file, per language. */
    private static Map<Lang, String> comments(String query, String key) {
        Map<Lang, String> out = new EnumMap<>(Lang.class);
        for (String line : query.split("\n")) {
            Matcher m = COMMENT.matcher(line);
            if (!m.matches() || !m.group(1).equals(key)) continue;
            Lang lang = m.group(2) == null ? Lang.EN : Lang.of(m.group(2))
                    .orElseThrow(() -> new IllegalStateException("An example query names no language of ours: " + line));
            out.put(lang, m.group(3).strip());
        }
        if (!out.containsKey(Lang.EN)) throw new IllegalStateException("An example query has no '# " + key + ":' line:\n" + query);
        return Map.copyOf(out);
    }

    private static String text(String name) {
        try (InputStream in = ExampleQueries.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("Missing " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
