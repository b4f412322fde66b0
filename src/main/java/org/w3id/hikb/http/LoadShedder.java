package org.w3id.hikb.http;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Admission control for the whole server: at most {@code limit} requests are worked on at once. One more is
 * answered at once with {@code 503} and {@code Retry-After}, instead of waiting in a queue that grows until
 * every request is late and memory runs out; when the load drops, requests are admitted again by themselves.
 * The health check and static assets always pass. (SPARQL queries have their own, smaller gate.)
 */
final class LoadShedder implements Filter {
    private final Semaphore inFlight;
    private final int limit;

    LoadShedder(int limit) {
        this.limit = limit;
        this.inFlight = new Semaphore(limit);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        String path = ((HttpServletRequest) req).getRequestURI();
        if (path.equals("/health") || path.startsWith("/assets/") || path.startsWith("/webjars/")) {
            chain.doFilter(req, res);
            return;
        }
        if (!inFlight.tryAcquire()) {
            HttpServletResponse response = (HttpServletResponse) res;
            response.setHeader("Retry-After", "1");
            Problem.of(503, "overloaded", "The server is working on " + limit + " requests already; try again in a second.", path)
                    .sendTo(response);
            return;
        }
        try {
            chain.doFilter(req, res);
        } finally {
            inFlight.release();
        }
    }
}
