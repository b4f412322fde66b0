package org.w3id.hikb.http;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletResponse;


/**
 * An error as RFC 9457 {@code application/problem+json}: what went wrong, for a person, never a stack trace.
 *
 * @param type       a URI naming the kind of problem
 * @param title      the kind of problem in a few words
 * @param status     the HTTP status
 * @param detail     this occurrence, in a sentence
 * @param instance   the request path
 * @param violations for refused data: each violation (record, property, message; for the JSON API also its JSON pointer)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<?> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TYPES = "https://w3id.org/hikb/problem/";

    public static Problem of(int status, String kind, String title, String detail, String instance) {
        return new Problem(TYPES + kind, title, status, detail, instance, null);
    }

    /** The problem of a status with no more particular kind: the same type and title whoever answers it. */
    public static Problem ofStatus(int status, String detail, String instance) {
        return of(status, ErrorMapper.kind(status), ErrorMapper.reason(status), detail == null || detail.isBlank() ? ErrorMapper.reason(status) : detail, instance);
    }

    public Problem withViolations(List<?> list) {
        return new Problem(type, title, status, detail, instance, list);
    }

    /** Sends this problem as the whole response, from code that runs outside Javalin (servlet filters). */
    public void sendTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(this));
    }
}
