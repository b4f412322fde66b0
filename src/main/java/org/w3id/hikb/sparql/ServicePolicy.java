package org.w3id.hikb.sparql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.service.ServiceExecutorRegistry;
import org.apache.jena.sparql.util.Context;

/**
 * Which outside endpoints a query's {@code SERVICE} may call: none unless configured, so the server cannot be
 * made to send requests into the network it runs in (server-side request forgery). The check runs when the
 * query runs, so it also covers {@code SERVICE ?var}, sub-queries and {@code FILTER EXISTS}.
 */
final class ServicePolicy {
    private final List<String> allowed;

    ServicePolicy(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Puts the policy into a query context. */
    void applyTo(Context context) {
        context.set(ARQ.httpServiceAllowed, !allowed.isEmpty());
        ServiceExecutorRegistry registry = ServiceExecutorRegistry.chooseRegistry(context).copy();
        // The first link of the chain: every SERVICE passes here before any executor can reach the network.
        registry.addBulkLink((opService, input, execCxt, chain) -> {
            check(opService.getService());
            return chain.createExecution(opService, input, execCxt);
        });
        ServiceExecutorRegistry.set(context, registry);
    }

    /**
     * Checks a query before it runs: every {@code SERVICE} in it, wherever it is (sub-queries,
     * {@code FILTER EXISTS}), must name an allowed endpoint; {@code SERVICE ?var} is refused. (A refusal
     * raised while a filter is evaluated would only make the filter false, so the run-time check alone is not enough.)
     *
     * @throws QueryDeniedException for the first refused {@code SERVICE}
     */
    void check(Query query) {
        if (!query.toString().toUpperCase(Locale.ROOT).contains("SERVICE"))
            return;
        List<Node> services = new ArrayList<>();
        Walker.walk(Algebra.compile(query), new OpVisitorBase() {
            @Override
            public void visit(OpService op) {
                services.add(op.getService());
            }
        });
        services.forEach(this::check);
    }

    private void check(Node service) {
        if (service.isURI() && allowed.contains(service.getURI()))
            return;
        String which = service.isURI() ? "<" + service.getURI() + ">" : service.toString();
        throw new QueryDeniedException(allowed.isEmpty()
                ? "SERVICE is turned off on this endpoint (it would let a query make the server call other sites); "
                        + "query the other endpoint yourself, or ask the operator to allow it."
                : "SERVICE " + which + " is not one of the endpoints this server may call: " + allowed + ".");
    }
}
