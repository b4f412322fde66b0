package org.w3id.hikb.http;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * {@code HEAD} is {@code GET} without the body (RFC 9110, 9.3.2), on every route: the request is passed on
 * as a {@code GET}, so the status, the redirects, the negotiation and the headers are the ones a {@code GET}
 * gets, and the body is counted and dropped, its length sent as {@code Content-Length}. Nothing needs a
 * {@code HEAD} route of its own.
 */
final class HeadAsGet implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if (!"HEAD".equals(request.getMethod())) {
            chain.doFilter(req, res);
            return;
        }
        BodyDropped response = new BodyDropped((HttpServletResponse) res);
        HttpServletRequestWrapper asGet = new HttpServletRequestWrapper(request) {
            @Override public String getMethod() { return "GET"; }
        };
        chain.doFilter(asGet, response);
        // A handler that went asynchronous writes later: its length is not known here, and Jetty sends none.
        if (!asGet.isAsyncStarted()) response.finish();
    }

    /** The response with its body counted and dropped. */
    private static final class BodyDropped extends HttpServletResponseWrapper {
        private final Counting out = new Counting();
        private PrintWriter writer;
        private boolean lengthSet;

        BodyDropped(HttpServletResponse response) {
            super(response);
        }

        @Override public ServletOutputStream getOutputStream() { return out; }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String encoding = getCharacterEncoding();
                Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
                writer = new PrintWriter(new java.io.OutputStreamWriter(out, charset));
            }
            return writer;
        }

        @Override public void setContentLength(int length) { lengthSet = true; super.setContentLength(length); }
        @Override public void setContentLengthLong(long length) { lengthSet = true; super.setContentLengthLong(length); }

        @Override
        public void setHeader(String name, String value) {
            if ("Content-Length".equalsIgnoreCase(name)) lengthSet = true;
            super.setHeader(name, value);
        }

        // The body is dropped, so nothing the handler does commits the response before the length is known.
        @Override public void flushBuffer() { }
        @Override public void resetBuffer() { out.count = 0; super.resetBuffer(); }
        @Override public void reset() { out.count = 0; lengthSet = false; super.reset(); }

        void finish() {
            if (writer != null) writer.flush();
            if (!lengthSet && !isCommitted()) super.setContentLengthLong(out.count);
        }
    }

    private static final class Counting extends ServletOutputStream {
        long count;

        @Override public void write(int b) { count++; }
        @Override public void write(byte[] b, int off, int len) { count += len; }
        @Override public boolean isReady() { return true; }
        @Override public void setWriteListener(WriteListener listener) {
            try {
                listener.onWritePossible();
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
