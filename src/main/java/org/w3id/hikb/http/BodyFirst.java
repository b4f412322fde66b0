package org.w3id.hikb.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.EagerContentHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Admission before work: a request reaches the servlets (Fuseki, Javalin, and their slots and limits) only once
 * its body has arrived, in full up to {@value #BUFFERED} bytes, read by Jetty without a thread while it comes. A client that trickles its body in holds no thread and no slot, and is cut off
 * when the body has not arrived within the deadline. (A larger body goes on to the servlet once its first
 * {@value #BUFFERED} bytes are in, read from there on at no less than Jetty's minimum data rate.)
 */
final class BodyFirst extends Handler.Wrapper {
    /** Enough for the largest SPARQL query and any record; uploads may be larger. */
    static final int BUFFERED = 1024 * 1024 + 64 * 1024;
    private static final String WAITING = BodyFirst.class.getName() + ".waiting";
    private final Duration deadline;

    BodyFirst(Handler servlets, Duration deadline) {
        this.deadline = deadline;
        // Held as it came, and given to the servlets as if read from the wire (a form too: Javalin reads its
        // forms from the body, Fuseki through the servlet parameters).
        setHandler(new EagerContentHandler(new Arrived(servlets), new EagerContentHandler.RetainedContentLoaderFactory(BUFFERED, -1, false)));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (hasBody(request)) {
            AtomicBoolean waiting = new AtomicBoolean(true);
            request.setAttribute(WAITING, waiting);
            Scheduler.Task timer = getServer().getScheduler().schedule(() -> {
                if (waiting.compareAndSet(true, false))
                    request.getConnectionMetaData().getConnection().getEndPoint()
                            .close(new TimeoutException("The request body did not arrive within " + deadline.toSeconds() + " s."));
            }, deadline.toMillis(), TimeUnit.MILLISECONDS);
            request.setAttribute(WAITING + ".timer", timer);
        }
        return super.handle(request, response, callback);
    }

    private static boolean hasBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING, "chunked");
    }

    /** Where the body has arrived: the deadline no longer applies. */
    private static final class Arrived extends Handler.Wrapper {
        Arrived(Handler next) {
            super(next);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            if (request.getAttribute(WAITING) instanceof AtomicBoolean waiting) {
                if (request.getAttribute(WAITING + ".timer") instanceof Scheduler.Task timer) timer.cancel();
                if (!waiting.compareAndSet(true, false)) {
                    // Cut off at the deadline: the connection is closed, nothing is left to answer.
                    callback.failed(new TimeoutException("request body deadline"));
                    return true;
                }
            }
            return super.handle(request, response, callback);
        }
    }
}
