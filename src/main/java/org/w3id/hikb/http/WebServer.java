package org.w3id.hikb.http;

import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.function.Consumer;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.staticfiles.Location;
import org.apache.jena.fuseki.main.FusekiServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.w3id.hikb.config.Config;

/**
 * One process, one port. Fuseki owns the Jetty server and answers its SPARQL paths through its filter;
 * every other path falls through to Javalin's servlet, mounted on {@code /*} in the same servlet context
 * (not {@code /}: Fuseki already maps its own 404 servlet there, and two servlets on one path fail at start).
 *
 * <pre>{@code
 * WebServer server = WebServer.start(config, fuseki -> SparqlService.addTo(fuseki, store, config.sparql(), ...),
 *                                    List.of(new SearchPage(...), new HealthCheck(...)));
 * }</pre>
 */
public final class WebServer implements AutoCloseable {
    private final FusekiServer fuseki;

    private WebServer(FusekiServer fuseki) {
        this.fuseki = fuseki;
    }

    /** Something that adds its routes to the Javalin side. */
    public interface Routes {
        void addTo(RoutesConfig routes);
    }

    public static WebServer start(Config config, Consumer<FusekiServer.Builder> sparql, List<Routes> routes) {
        FusekiServer.Builder builder = FusekiServer.create()
                .port(config.port())
                .loopback(isLoopback(config.host()))
                .numServerThreads(8, threads(config.maxRequests()))
                .enableCors(false, null);
        builder.addFilter("/*", new HeadAsGet());
        builder.addFilter("/*", new RequestGuard(config.publicUrl()));
        builder.addFilter("/*", new LoadShedder(config.maxRequests()));
        sparql.accept(builder);
        FusekiServer fuseki = builder.build();
        configureHttp(fuseki);
        ProblemErrorHandler errors = new ProblemErrorHandler();
        fuseki.getJettyServer().setErrorHandler(errors);

        Javalin javalin = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // Web assets (Swagger UI, ...) come from webjars in the jar, our own from /public: nothing is fetched from a CDN.
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add("/public", Location.CLASSPATH);
            cfg.http.maxRequestSize = config.maxUploadBytes();
            routes.forEach(r -> r.addTo(cfg.routes));
            ErrorMapper.addTo(cfg.routes);
        });
        ServletContextHandler context = (ServletContextHandler) fuseki.getJettyServer().getHandler();
        context.setErrorHandler(errors);
        JettyWebSocketServletContainerInitializer.configure(context, null);
        context.addServlet(new ServletHolder(javalin.javalinServlet()), "/*");
        fuseki.getJettyServer().setHandler(new CrossOrigin(new BodyFirst(context, config.bodyTimeout())));
        try {
            fuseki.start();
        } catch (RuntimeException e) {
            if (hasCause(e, BindException.class))
                throw new PortInUseException(config.port(), e);
            throw e;
        }
        return new WebServer(fuseki);
    }

    /**
     * Enough threads that {@code max-requests} can be reached, with room left for the health check, static
     * assets and the requests turned away: a request past the limit must find a thread to be told 503.
     */
    static int threads(int maxRequests) {
        return maxRequests + 48;
    }

    /**
     * Request lines and headers up to 64 KiB (a long SPARQL query by GET still fits; longer ones are POSTed):
     * beyond, Jetty answers 414 or 431 before any handler runs. A body read past what {@link BodyFirst} holds
     * must come at {@value #MIN_BYTES_PER_SECOND} bytes a second at least.
     */
    private static void configureHttp(FusekiServer fuseki) {
        for (var connector : fuseki.getJettyServer().getConnectors())
            for (var factory : connector.getConnectionFactories())
                if (factory instanceof HttpConnectionFactory http) {
                    http.getHttpConfiguration().setRequestHeaderSize(64 * 1024);
                    http.getHttpConfiguration().setMinRequestDataRate(MIN_BYTES_PER_SECOND);
                }
    }

    static final int MIN_BYTES_PER_SECOND = 1024;

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    private static boolean hasCause(Throwable e, Class<? extends IOException> type) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (type.isInstance(t)) return true;
        return false;
    }

    /** The port actually listened on (useful after asking for port 0). */
    public int port() {
        return fuseki.getHttpPort();
    }

    public void join() {
        fuseki.join();
    }

    @Override
    public void close() {
        fuseki.stop();
    }

    /** The configured port is taken by another program. */
    public static final class PortInUseException extends RuntimeException {
        public PortInUseException(int port, Throwable cause) {
            super("Port " + port + " is already in use. Stop the other program or choose another port with --port.", cause);
        }
    }
}
