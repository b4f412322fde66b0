package org.w3id.hikb.http;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * CORS for open data, on every path ({@code /sparql} and {@code /data} included): any site may read from a
 * browser, {@code Access-Control-Allow-Origin: *} on every answer, asked with an {@code Origin} or not, so a
 * cache keeps one copy that serves browsers and harvesters alike;
 * and a curator's page elsewhere may write with a bearer token (no cookies are used, so no credentials are
 * allowed). A preflight is answered here, before any other work. (Jetty's {@code CrossOriginHandler} echoes
 * the origin instead of {@code *}.)
 */
final class CrossOrigin extends Handler.Wrapper {
    static final String METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
    static final String REQUEST_HEADERS = "Accept, Accept-Language, Authorization, Content-Type, If-Match, If-None-Match, If-Modified-Since, HIKB-Min-Generation";
    static final String EXPOSED = "ETag, Link, Location, Last-Modified, Retry-After, Content-Location, Content-Disposition, WWW-Authenticate, "
            + "HIKB-Index-Generation, HIKB-Row-Cap, HIKB-Results-Truncated";

    CrossOrigin(Handler next) {
        super(next);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (HttpMethod.OPTIONS.is(request.getMethod()) && request.getHeaders().get(HttpHeader.ORIGIN) != null
                && request.getHeaders().get(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD) != null) {
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_HEADERS, REQUEST_HEADERS);
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_MAX_AGE, "3600");
            response.setStatus(204);
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(new HttpField(HttpHeader.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED));
        return super.handle(request, response, callback);
    }
}
