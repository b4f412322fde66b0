package org.w3id.hikb.http;

import io.javalin.http.Context;
import org.w3id.hikb.records.Lang;

/**
 * A problem as an HTML page ({@code src/main/jte/error.jte}) for a reader with a browser: the status in words
 * in her language ({@code ?lang=} or {@code Accept-Language}), and the reason as the code states it, in
 * English, marked as such.
 *
 * @param titleLang the title's language when it is not the page's (a status with no words of its own)
 */
public record ErrorPage(String lang, int status, String title, String titleLang, String detailLabel, String detail, String home) {

    static ErrorPage of(Context ctx, Problem p) {
        Lang lang = readersLanguage(ctx);
        Messages text = Messages.of(lang);
        String words = text.find("error." + p.status());
        boolean english = words == null || lang == Lang.EN;
        return new ErrorPage(lang.code(), p.status(), words == null ? p.title() : words, words == null && lang != Lang.EN ? "en" : null,
                english ? null : text.get("error.detail"), p.detail() == null || p.detail().isBlank() ? null : p.detail(), text.get("error.home"));
    }

    /** The page's language as every page chooses it ({@link Params#lang}), but an unknown {@code ?lang=} is English here, not a second error. */
    private static Lang readersLanguage(Context ctx) {
        try {
            return Params.lang(ctx);
        } catch (RuntimeException e) {
            return Lang.EN;
        }
    }
}
