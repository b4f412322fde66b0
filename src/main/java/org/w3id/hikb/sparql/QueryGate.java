package org.w3id.hikb.sparql;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3id.hikb.http.ClientAddress;
import org.w3id.hikb.http.Problem;

/**
 * What a query must pass before Fuseki parses it: a body of known size no larger than {@value #MAX_QUERY_BYTES}
 * bytes, no update sent to the query endpoint, and a free slot. At most {@code concurrency} queries run at
 * once and at most half of them (at least one) from one client, so one heavy user cannot starve the rest: a
 * query that finds no slot within {@value #WAIT_SECONDS} s gets a 503, a client over its share a 429, both
 * with {@code Retry-After}. A client is who {@link ClientAddress} says it is (behind a trusted proxy, the
 * forwarded address; over IPv6, its /64). The body has arrived before this gate is reached (see BodyFirst), so a
 * slow body never holds a slot.
 */
final class QueryGate implements Filter {
    static final int MAX_QUERY_BYTES = 1024 * 1024;
    private static final int WAIT_SECONDS = 5;
    private final int concurrency;
    private final Semaphore slots;
    private final int perClient;
    private final Map<String, Integer> running = new HashMap<>();

    private final ClientAddress clients;

    QueryGate(int concurrency, ClientAddress clients) {
        this.clients = clients;
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency, true);
        this.perClient = Math.max(1, concurrency / 2);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        ErrorAnswer response = new ErrorAnswer(request, (HttpServletResponse) res);
        try {
            gate(request, response, chain);
        } finally {
            response.finish();
        }
    }

    private void gate(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        ServletRequest req = request;
        ServletResponse res = response;
        if (!isQueryEndpoint(request.getRequestURI()) || isIndexPage(request)) {
            chain.doFilter(req, res);
            return;
        }
        Problem refused = check(request);
        if (refused != null) {
            refused.sendTo(response);
            return;
        }
        String client = clients.shareKey(request);
        if (!enter(client)) {
            response.setHeader("Retry-After", "1");
            problem(429, "too-many-queries", "This client already has " + perClient + " queries running; wait for one to finish.").sendTo(response);
            return;
        }
        try {
            if (!slots.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                response.setHeader("Retry-After", Integer.toString(WAIT_SECONDS));
                problem(503, "busy", "All " + concurrency + " query slots stayed busy for "
                        + WAIT_SECONDS + " s; try again shortly.").sendTo(response);
                return;
            }
            try {
                chain.doFilter(req, res);
            } finally {
                slots.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            leave(client);
        }
    }

    /** Everything Fuseki may answer as a query ({@code /sparql}, {@code /sparql/}, ...); not the update route. */
    private static boolean isQueryEndpoint(String uri) {
        return uri != null && !uri.startsWith(SparqlService.PATH + "/update");
    }

    /** GET without a query: the editor or the service description, which take no slot. */
    private static boolean isIndexPage(HttpServletRequest request) {
        // The parameter as Fuseki will read it, decoded: "%71uery=" is a query too.
        return "GET".equals(request.getMethod())
                && request.getParameter("query") == null && request.getParameter("update") == null;
    }

    private static Problem check(HttpServletRequest request) {
        if ("POST".equals(request.getMethod())) {
            long length = request.getContentLengthLong();
            if (length < 0)
                return problem(411, null, "Send the query with a Content-Length header.");
            if (length > MAX_QUERY_BYTES)
                return problem(413, null, "A query may have at most " + MAX_QUERY_BYTES + " bytes; this one has " + length + ".");
        }
        // The parameters as Fuseki will read them (a form's from its body, which Jetty keeps for it).
        String type = request.getContentType();
        if ((type != null && type.startsWith("application/sparql-update")) || request.getParameter("update") != null
                || isUpdate(request.getParameter("query")))
            return problem(400, "update-on-query-endpoint", "/sparql only answers queries. Send SPARQL Update to /sparql/update with a bearer token.");
        return null;
    }

    private static final List<String> UPDATE_WORDS =
            List.of("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH");

    /** An update operation sent as a query: its first word, after comments and PREFIX and BASE declarations. */
    static boolean isUpdate(String query) {
        if (query == null) return false;
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                int end = query.indexOf('\n', i);
                if (end < 0) return false;
                i = end + 1;
            } else if (startsWithWord(query, i, "PREFIX") || startsWithWord(query, i, "BASE")) {
                int end = query.indexOf('>', i);
                if (end < 0) return false;
                i = end + 1;
            } else {
                break;
            }
        }
        for (String word : UPDATE_WORDS) if (startsWithWord(query, i, word)) return true;
        return false;
    }

    private static boolean startsWithWord(String text, int at, String word) {
        int end = at + word.length();
        return text.regionMatches(true, at, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)));
    }

    private synchronized boolean enter(String client) {
        int n = running.getOrDefault(client, 0);
        if (n >= perClient) return false;
        running.put(client, n + 1);
        return true;
    }

    private synchronized void leave(String client) {
        int n = running.getOrDefault(client, 1) - 1;
        if (n <= 0) running.remove(client);
        else running.put(client, n);
    }

    /**
     * Fuseki's errors as the rest of the server's. Fuseki writes an error's text with a Content-Length counted
     * in characters: one non-ASCII character in the message (an unknown {@code format=é}, a pattern echoed
     * back) and Jetty finds fewer bytes than announced, a 500; so an error answer here gets no Content-Length
     * from Fuseki, and Jetty counts the bytes itself. A client whose {@code Accept} names
     * {@code application/problem+json} (or {@code application/json}) gets the error as RFC 9457 problem+json,
     * Fuseki's message as its detail; others get Fuseki's plain text, as SPARQL clients expect.
     */
    private static final class ErrorAnswer extends jakarta.servlet.http.HttpServletResponseWrapper {
        private final boolean problemJson;
        private final String path;
        private java.io.ByteArrayOutputStream message;
        private boolean ownProblem;

        ErrorAnswer(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            String accept = request.getHeader("Accept");
            // Only Fuseki's own answers: the rest of the server, and our refusals here, write problem+json already.
            this.problemJson = accept != null && (accept.contains(Problem.MEDIA_TYPE) || accept.contains("application/json"))
                    && request.getRequestURI().startsWith(SparqlService.PATH) && isQueryEndpoint(request.getRequestURI());
            this.path = request.getRequestURI();
        }

        private boolean capturing() {
            return problemJson && !ownProblem && getStatus() >= 400 && !isCommitted();
        }

        @Override
        public void setContentType(String type) {
            if (type != null && type.startsWith(Problem.MEDIA_TYPE)) ownProblem = true;
            if (!capturing()) super.setContentType(type);
        }

        @Override
        public jakarta.servlet.ServletOutputStream getOutputStream() throws IOException {
            if (!capturing()) return super.getOutputStream();
            if (message == null) message = new java.io.ByteArrayOutputStream();
            java.io.ByteArrayOutputStream into = message;
            return new jakarta.servlet.ServletOutputStream() {
                @Override public void write(int b) { into.write(b); }
                @Override public void write(byte[] b, int off, int len) { into.write(b, off, len); }
                @Override public boolean isReady() { return true; }
                @Override public void setWriteListener(jakarta.servlet.WriteListener listener) { }
            };
        }

        /** The captured message, if any, sent as a problem. */
        void finish() throws IOException {
            if (message == null || isCommitted()) return;
            String detail = message.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
            Problem.of(getStatus(), detail, path).sendTo((HttpServletResponse) getResponse());
        }

        @Override
        public void setContentLength(int len) {
            if (getStatus() < 400) super.setContentLength(len);
        }

        @Override
        public void setContentLengthLong(long len) {
            if (getStatus() < 400) super.setContentLengthLong(len);
        }
    }

    private static Problem problem(int status, String code, String detail) {
        return Problem.of(status, code, detail, SparqlService.PATH);
    }
}
