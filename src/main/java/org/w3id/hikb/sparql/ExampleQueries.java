package org.w3id.hikb.sparql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The example queries of the query editor, kept as {@code .rq} files in {@code examples/} beside this class
 * and listed in order in {@code examples/index.txt}. Each file starts with {@code # title:} and
 * {@code # about:} comment lines; the rest is the query. The test suite runs every one of them.
 */
public final class ExampleQueries {
    private static final String DIR = "/org/w3id/hikb/sparql/examples/";
    private static final List<Example> ALL = read();

    /** One example: its id (the file name), a title, a sentence about it, and the query text. */
    public record Example(String id, String title, String about, String text) {}

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
            String query = file.lines().filter(l -> !l.startsWith("# title:") && !l.startsWith("# about:"))
                    .reduce("", (a, b) -> a + b + "\n");
            out.add(new Example(id, comment(file, "title"), comment(file, "about"), query));
        }
        return List.copyOf(out);
    }

    private static String comment(String query, String key) {
        for (String line : query.split("\n"))
            if (line.startsWith("# " + key + ":"))
                return line.substring(key.length() + 3).strip();
        throw new IllegalStateException("An example query has no '# " + key + ":' line:\n" + query);
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
