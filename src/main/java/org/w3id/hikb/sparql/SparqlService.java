package org.w3id.hikb.sparql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.DataService;
import org.apache.jena.fuseki.server.Endpoint;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.util.Context;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.http.ClientAddress;
import org.w3id.hikb.store.KnowledgeStore;

/**
 * The public SPARQL 1.1 query endpoint at {@value #PATH}, served by embedded Fuseki over the store (whose
 * default graph, for SPARQL, is the union of the named graphs). It only reads (no update operation is registered on it: updates go to {@code /sparql/update}, which
 * is {@link UpdateApi}); every query passes the {@link QueryGate}, runs under the timeout and the
 * {@link ServicePolicy}, and is answered by {@link PublicQuery}.
 */
public final class SparqlService {
    public static final String PATH = "/sparql";

    private SparqlService() {}

    /** Registers the endpoint and its gate on a Fuseki builder. */
    public static void addTo(FusekiServer.Builder fuseki, KnowledgeStore store, Config.Sparql limits, RecordSearcher searcher, BearerAuth auth,
                             ClientAddress clients) {
        // No SERVICE from anywhere else in the process (SPARQL Update, the write path): only /sparql may call
        // out, and only to its allow-list.
        ARQ.getContext().set(ARQ.httpServiceAllowed, false);

        // What every query runs with, added to the request's context (not by wrapping the dataset: TDB2
        // evaluates a wrapped dataset with a union default graph much more slowly).
        Context context = new Context();
        // ARQ stops a query that runs longer than this; PublicQuery answers with a 503 that says so.
        context.set(ARQ.queryTimeout, Long.toString(limits.timeout().toMillis()));
        TextQuery.register(context, searcher);
        QueryBudget.applyTo(context);
        QueryBudget.watchHeap();
        ServicePolicy services = new ServicePolicy(limits.serviceAllow());
        services.applyTo(context);

        QueryPage page = new QueryPage(limits, () -> graphNames(store));
        ServiceDescription description = new ServiceDescription(() -> graphNames(store), !limits.serviceAllow().isEmpty());
        Endpoint query = Endpoint.create()
                .operation(Operation.Query)
                .endpointName("")
                .processor(new PublicQuery(limits, context, auth, page, description, services, store::readView))
                .build();
        fuseki.add(PATH, DataService.newBuilder(store.readOnly()).addEndpoint(query).build());
        fuseki.addFilter(PATH + "/*", new QueryGate(limits.concurrency(), clients));
    }

    /** The named graphs of the store, sorted. */
    static List<Node> graphNames(KnowledgeStore store) {
        return store.read(dsg -> {
            List<Node> names = new ArrayList<>();
            dsg.listGraphNodes().forEachRemaining(names::add);
            names.sort(Comparator.comparing(Node::toString));
            return names;
        });
    }
}
