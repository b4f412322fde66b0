package org.w3id.hikb.http;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;


/**
 * An error as RFC 9457 {@code application/problem+json}: what went wrong, for a person, never a stack trace.
 * One problem type per HTTP status, with the same title whoever answers it (the JSON API, SPARQL, a filter,
 * Jetty); a finer cause, where there is one, is the {@code code} member ({@code overloaded}, {@code timeout},
 * {@code writes-closed}, {@code bad-search} ...), which a client may branch on.
 *
 * @param type       a URI naming the kind of problem: one per status
 * @param title      the status in a few words
 * @param status     the HTTP status
 * @param detail     this occurrence, in a sentence
 * @param instance   the request path
 * @param code       the finer cause, or {@code null}
 * @param violations for refused data: each violation (record, property, message; for the JSON API also its JSON pointer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String code, List<?> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPES = "https://w3id.org/hikb/problem/";

    /** The problem of a status; a blank detail is the status in words. */
    public static Problem of(int status, String detail, String instance) {
        return of(status, null, detail, instance);
    }

    /** The problem of a status with a finer cause ({@code code}, or {@code null}). */
    public static Problem of(int status, String code, String detail, String instance) {
        return new Problem(TYPES + kind(status), reason(status), status, detail == null || detail.isBlank() ? reason(status) : detail,
                instance, code, null);
    }

    public Problem withViolations(List<?> list) {
        return new Problem(type, title, status, detail, instance, code, list);
    }

    /** This problem as its problem+json body: the one serialisation, whoever answers (Javalin, a filter, Jetty). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A problem could not be written as JSON", e);
        }
    }

    /** Sends this problem as the whole response, from code that runs outside Javalin (servlet filters). */
    public void sendTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(toJson());
    }

    /** The last segment of a status's problem type. */
    static String kind(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 411 -> "length-required";
            case 412 -> "precondition-failed";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 428 -> "precondition-required";
            case 429 -> "too-many-requests";
            case 500 -> "internal";
            case 503 -> "unavailable";
            case 507 -> "insufficient-storage";
            default -> "http-" + status;
        };
    }

    /** A status in words: the title of its problem type. */
    static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Authentication required";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 409 -> "Conflict";
            case 411 -> "Length required";
            case 412 -> "Precondition failed";
            case 413 -> "Request too large";
            case 415 -> "Unsupported media type";
            case 422 -> "The data was refused";
            case 428 -> "Precondition required";
            case 429 -> "Too many requests";
            case 500 -> "Internal error";
            case 503 -> "Service unavailable";
            case 507 -> "Not enough disk space";
            default -> "HTTP " + status;
        };
    }
}
