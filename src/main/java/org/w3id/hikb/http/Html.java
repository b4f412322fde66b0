package org.w3id.hikb.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Static HTML files read from the class path (the API's documentation page). Pages are templates: see {@link Templates}. */
public final class Html {
    private Html() {}

    /** Reads a static HTML file from the class path, relative to this package. */
    public static String file(String name) {
        try (InputStream in = Html.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("Missing " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
