package org.w3id.hikb.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.util.Set;
import java.util.TreeSet;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.w3id.hikb.records.Lang;

/** Reading request parameters strictly: a value that cannot be used is a 400 that says what to send. */
public final class Params {
    private Params() {}

    /** The reader's language: {@code ?lang=}, else the {@code Accept-Language} header, else English. */
    public static Lang lang(Context ctx) {
        String asked = ctx.queryParam("lang");
        if (asked == null || asked.isBlank()) {
            Vary.on(ctx, "Accept-Language");
            return Lang.fromAcceptLanguage(ctx.header("Accept-Language"));
        }
        return Lang.of(asked).orElseThrow(() ->
                new BadRequestResponse("Unknown language '" + clip(asked) + "': use it, de, en or sv."));
    }

    public static int integer(Context ctx, String name, int dflt, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max)
                throw new BadRequestResponse("'" + name + "' must be between " + min + " and " + max + ", not " + clip(v) + ".");
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'" + name + "' must be a whole number, not '" + clip(v) + "'.");
        }
    }

    /** Refuses parameters the endpoint does not know: a typo should not silently return everything. */
    public static void onlyKnown(Context ctx, Set<String> known) {
        Set<String> unknown = new TreeSet<>(ctx.queryParamMap().keySet());
        unknown.removeAll(known);
        unknown.remove("min-generation"); // every read takes it (ReadYourWrites)
        if (!unknown.isEmpty())
            throw new BadRequestResponse("Unknown parameter(s) " + clip(unknown.toString()) + "; this endpoint takes " + new TreeSet<>(known) + ".");
    }

    /** A text parameter without control characters or broken characters, at most {@code max} characters. */
    public static String text(String name, String v, int max) {
        if (v == null) return null;
        if (v.length() > max)
            throw new BadRequestResponse("'" + name + "' is too long: at most " + max + " characters, not " + v.length() + ".");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((Character.isISOControl(c) && !Character.isWhitespace(c)) || c == '\uFFFD' || Character.isSurrogate(c) && !validSurrogate(v, i))
                throw new BadRequestResponse("'" + name + "' contains a control character or an invalid character at position " + i + ".");
        }
        return v.strip();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /**
     * A body that must be UTF-8 (JSON, SPARQL Update): another declared charset is a 415, bytes that are not
     * UTF-8 a 400; never U+FFFD stored in their place.
     */
    public static String utf8Body(Context ctx) {
        String declared = ctx.characterEncoding();
        if (declared != null && !declared.equalsIgnoreCase("utf-8") && !declared.equalsIgnoreCase("utf8"))
            throw new HttpResponseException(415, "Send the body as UTF-8, not " + clip(declared) + "; nothing was written.");
        try {
            return strictUtf8().decode(ByteBuffer.wrap(ctx.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestResponse("The body is not valid UTF-8; nothing was written.");
        }
    }

    /** A UTF-8 decoder that refuses bytes that are not UTF-8 instead of turning them into U+FFFD. */
    public static java.nio.charset.CharsetDecoder strictUtf8() {
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    }

    /** Echoing user input in a message, never more than a line of it. */
    public static String clip(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
