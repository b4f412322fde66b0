package org.w3id.hikb.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Checks every request before Fuseki or Javalin sees it: a query string with a broken percent-escape or
 * bytes that are not UTF-8 is a 400 here, instead of an error deep inside a parser; so is a method override
 * header ({@code X-HTTP-Method-Override} and its kin): a GET is a GET here, never a DELETE. (A {@code Host} that
 * is not a host and port Jetty refuses itself, before any filter.)
 */
final class RequestGuard implements Filter {
    private final java.net.URI publicUrl;

    /** @param publicUrl the origin every request is taken to have come to ({@code public-url}); null: its own Host */
    RequestGuard(String publicUrl) {
        this.publicUrl = publicUrl == null ? null : java.net.URI.create(publicUrl);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        securityHeaders(request, (HttpServletResponse) res);
        String problem = checkQueryString(request.getQueryString());
        if (problem == null) problem = checkMethodOverride(request);
        if (problem != null) {
            Problem.of(400, problem, request.getRequestURI()).sendTo((HttpServletResponse) res);
            return;
        }
        if (redirectedWithoutTrailingSlash(request, (HttpServletResponse) res)) return;
        HttpServletRequest normalised = AcceptInLowerCase.of(request);
        chain.doFilter(publicUrl == null ? normalised : new AtPublicUrl(normalised, publicUrl), res);
    }

    /**
     * One URL per document: {@code /doc/id/project/improve/} is a {@code 301} to {@code /doc/id/project/improve},
     * not a second copy of it. (Only reads: a write to a path with a slash is answered where it lands.)
     */
    private static boolean redirectedWithoutTrailingSlash(HttpServletRequest request, HttpServletResponse response) {
        String path = request.getRequestURI();
        if (path.length() <= 1 || !path.endsWith("/") || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())))
            return false;
        String target = path.replaceAll("/+$", "");
        // Never a Location a browser reads as another host ("//host", "/\\host").
        if (target.isEmpty() || target.startsWith("//") || target.startsWith("/\\")) return false;
        String query = request.getQueryString();
        response.setStatus(301);
        response.setHeader("Location", query == null ? target : target + "?" + query);
        response.setContentLength(0);
        return true;
    }

    /**
     * Media types are case-insensitive (RFC 9110, 8.3.1) but Jena's and Javalin's negotiation compare them as
     * written: {@code Accept: TEXT/TURTLE} is read as {@code text/turtle} here, for every handler. Parameter
     * values (a profile IRI) keep their case.
     */
    static final class AcceptInLowerCase {
        private AcceptInLowerCase() {}

        static HttpServletRequest of(HttpServletRequest request) {
            String accept = request.getHeader("Accept");
            if (accept == null) return request;
            String lower = lowerCaseMediaTypes(accept);
            return lower.equals(accept) ? request : new OneHeader(request, "Accept", lower);
        }

        static String lowerCaseMediaTypes(String accept) {
            StringBuilder out = new StringBuilder(accept.length());
            for (String range : accept.split(",", -1)) {
                if (!out.isEmpty()) out.append(',');
                int semicolon = range.indexOf(';');
                int end = semicolon < 0 ? range.length() : semicolon;
                out.append(range.substring(0, end).toLowerCase(java.util.Locale.ROOT)).append(range, end, range.length());
            }
            return out.toString();
        }
    }

    /** A request with one header's value replaced. */
    private static class OneHeader extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String name;
        private final String value;

        OneHeader(HttpServletRequest request, String name, String value) {
            super(request);
            this.name = name;
            this.value = value;
        }

        @Override
        public String getHeader(String header) {
            return header.equalsIgnoreCase(name) ? value : super.getHeader(header);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String header) {
            return header.equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(value)) : super.getHeaders(header);
        }
    }

    /** A request as if it had come to the configured public origin: its scheme, host and port, whatever its Host said. */
    private static final class AtPublicUrl extends OneHeader {
        private final java.net.URI origin;

        AtPublicUrl(HttpServletRequest request, java.net.URI origin) {
            super(request, "Host", origin.getPort() < 0 ? origin.getHost() : origin.getHost() + ":" + origin.getPort());
            this.origin = origin;
        }

        @Override public String getScheme() { return origin.getScheme(); }
        @Override public boolean isSecure() { return origin.getScheme().equals("https"); }
        @Override public String getServerName() { return origin.getHost(); }
        @Override public int getServerPort() { return origin.getPort() >= 0 ? origin.getPort() : isSecure() ? 443 : 80; }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(origin.getScheme()).append("://").append(getHeader("Host")).append(getRequestURI());
        }
    }

    /**
     * On every answer: no content sniffing, no referrer leaking search words to other sites, no framing, and a
     * Content-Security-Policy that allows only our own scripts and styles (no inline script anywhere; the API
     * documentation page's viewer, Swagger UI, needs inline styles).
     */
    private static void securityHeaders(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        response.setHeader("X-Frame-Options", "DENY");
        String styles = request.getRequestURI().startsWith("/api/docs") ? "'self' 'unsafe-inline'" : "'self'";
        response.setHeader("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src " + styles
                + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    }

    private static final java.util.List<String> METHOD_OVERRIDES = java.util.List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override");

    static String checkMethodOverride(HttpServletRequest request) {
        for (String h : METHOD_OVERRIDES)
            if (request.getHeader(h) != null)
                return h + " is not honoured here: send the request with the method itself (" + Params.clip(request.getHeader(h)) + ").";
        return null;
    }

    /** Why the query string cannot be decoded, or null if it can. */
    static String checkQueryString(String qs) {
        if (qs == null) return null;
        ByteBuffer bytes = ByteBuffer.allocate(qs.length());
        for (int i = 0; i < qs.length(); i++) {
            char c = qs.charAt(i);
            if (c == '%') {
                if (i + 2 >= qs.length() || Character.digit(qs.charAt(i + 1), 16) < 0 || Character.digit(qs.charAt(i + 2), 16) < 0)
                    return "The query string has a broken percent-escape at position " + i + ".";
                bytes.put((byte) Integer.parseInt(qs.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c > 127) {
                return "The query string has a character that is not percent-encoded at position " + i + ".";
            } else {
                bytes.put((byte) c);
            }
        }
        bytes.flip();
        try {
            Params.strictUtf8().decode(bytes);
        } catch (CharacterCodingException e) {
            return "The query string is not valid UTF-8 once decoded.";
        }
        return null;
    }
}
