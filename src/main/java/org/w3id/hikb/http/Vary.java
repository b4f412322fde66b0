package org.w3id.hikb.http;

import java.util.Arrays;

import io.javalin.http.Context;

/**
 * The {@code Vary} header, added to rather than set: an answer chosen by {@code Accept} and by
 * {@code Accept-Language} says both, whichever part of the code chose first, so caches keep them apart.
 */
public final class Vary {
    private Vary() {}

    public static void on(Context ctx, String... headers) {
        String current = ctx.res().getHeader("Vary");
        StringBuilder value = new StringBuilder(current == null ? "" : current.trim());
        for (String h : headers) {
            boolean present = Arrays.stream(value.toString().split(",")).map(String::trim).anyMatch(h::equalsIgnoreCase);
            if (present) continue;
            if (!value.isEmpty()) value.append(", ");
            value.append(h);
        }
        ctx.header("Vary", value.toString());
    }
}
