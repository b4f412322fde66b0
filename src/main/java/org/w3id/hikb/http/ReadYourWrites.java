package org.w3id.hikb.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3id.hikb.write.WritePath;

/**
 * Read-your-writes on any node, for every read (the JSON API, pages, SPARQL): {@code ?min-generation=N} (or the
 * header {@code HIKB-Min-Generation: N}, N being the {@code generation} a write answered) waits, at most
 * {@link #WAIT}, until this node's store and search index hold generation N: on the writer, until its index
 * has followed; on a read replica, until the patch of N has come from the log and been applied. Past that, 503
 * with Retry-After. The wait holds one of the server's admitted requests, so it is bounded by the load shedder;
 * a generation the node itself has not made yet (on the writer, or a single node) is answered 503 at once.
 */
public final class ReadYourWrites implements Filter {
    public static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PARAM = "min-generation";
    private final WritePath writes;
    private final boolean followsALog;

    /** @param followsALog a read replica: a generation above its own may still come from the log, so it is waited for */
    public ReadYourWrites(WritePath writes, boolean followsALog) {
        this.writes = writes;
        this.followsALog = followsALog;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String asked = fromQuery(request.getQueryString());
        if (asked == null) asked = request.getHeader("HIKB-Min-Generation");
        if (asked != null) {
            HttpServletResponse response = (HttpServletResponse) res;
            long n;
            try {
                n = Long.parseLong(asked.trim());
                if (n < 0) throw new NumberFormatException();
            } catch (NumberFormatException e) {
                Problem.of(400, "min-generation is a whole number (the generation a write answered), not '"
                        + Params.clip(asked) + "'.", request.getRequestURI()).sendTo(response);
                return;
            }
            // On the node that makes the generations, one above its own has not been made: no use waiting for it.
            boolean unmade = !followsALog && n > writes.generation();
            if (unmade || !writes.awaitFollowers(n, WAIT)) {
                response.setHeader("Retry-After", "5");
                Problem.of(503, "behind", "This node is at generation " + writes.generation() + " and did not reach " + n
                        + " within " + WAIT.toSeconds() + " s; try again shortly.", request.getRequestURI()).sendTo(response);
                return;
            }
        }
        chain.doFilter(req, res);
    }

    /** The parameter's value in a query string (the body of a form is not read here), or null. */
    private static String fromQuery(String query) {
        if (query == null) return null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(PARAM)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return pair.substring(eq + 1);
                }
            }
        }
        return null;
    }
}
