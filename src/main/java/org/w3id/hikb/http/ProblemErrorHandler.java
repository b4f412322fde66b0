package org.w3id.hikb.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors that Jetty itself answers, before any of our handlers runs (an ambiguous or malformed URI, a
 * header too large): RFC 9457 problem+json like every other error, never Jetty's HTML page or a stack trace.
 */
final class ProblemErrorHandler extends ErrorHandler {

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause) throws IOException {
        String reason = HttpStatus.getMessage(code);
        String detail = message == null || message.isBlank() ? reason : message;
        Problem p = Problem.of(code, detail, request.getHttpURI().getPath());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(p.toJson().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
