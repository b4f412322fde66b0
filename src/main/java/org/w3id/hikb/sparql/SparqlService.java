package org.w3id.hikb.sparql;

import java.time.Duration;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.sparql.util.Context;
import org.w3id.hikb.search.RecordSearcher;

/**
 * The public SPARQL 1.1 query endpoint at {@value #PATH}, served by embedded Fuseki over the store's union
 * view: read-only (no update operation is registered) and every query bounded by the configured timeout.
 */
public final class SparqlService {
    public static final String PATH = "/sparql";

    private SparqlService() {}

    /** Registers the endpoint on a Fuseki builder. */
    public static void addTo(FusekiServer.Builder fuseki, DatasetGraph unionView, Duration timeout, RecordSearcher searcher) {
        Context context = unionView.getContext().copy();
        // ARQ stops a query that runs longer than this and Fuseki answers with an error.
        context.set(ARQ.queryTimeout, Long.toString(timeout.toMillis()));
        TextQuery.register(context, searcher);
        DatasetGraph bounded = new DatasetGraphWrapper(unionView, context);
        DataService service = DataService.newBuilder(bounded)
                .addEndpoint(Operation.Query, "")
                .build();
        fuseki.add(PATH, service);
    }
}
