package org.w3id.hikb.sparql;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.jena.atlas.web.AcceptList;
import org.apache.jena.atlas.web.MediaType;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryDeniedException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Prologue;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.util.Context;
import org.w3id.hikb.auth.AuthException;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.records.Lang;

/**
 * Fuseki's SPARQL query processor with the public endpoint's rules added:
 * <ul>
 * <li>without a token, a query gets at most the row cap: a SELECT reads one row more than the cap, so the
 *     response can say whether rows were left out ({@value #CAP_HEADER}, {@value #TRUNCATED_HEADER});</li>
 * <li>those results are read in full before the first byte is sent, so a query stopped by the timeout is
 *     answered with a clean 503 and a reason, never with a 200 and half a document;</li>
 * <li>a refused {@code SERVICE} is a 403 that says why;</li>
 * <li>{@code GET /sparql} without a query is the query editor (for browsers) or the service description;
 *     {@code format=html} shows results on the editor page.</li>
 * </ul>
 * A request with a valid bearer token gets every row, streamed as Fuseki does.
 */
final class PublicQuery extends SPARQL_QueryDataset {
    static final String CAP_HEADER = "HIKB-Row-Cap";
    static final String TRUNCATED_HEADER = "HIKB-Results-Truncated";
    private static final String CAPPED = "hikb.capped";
    private static final String QUERY_TEXT = "hikb.query";
    private static final String EXEC = "hikb.exec";
    private static final AcceptList INDEX_OFFERS = AcceptList.create("text/turtle", "text/html", "application/ld+json",
            "application/rdf+xml", "application/n-triples");

    private final Config.Sparql limits;
    private final Context context;
    private final BearerAuth auth;
    private final QueryPage page;
    private final ServiceDescription description;
    private final ServicePolicy services;
    private final java.util.function.Supplier<DatasetGraph> readView;

    /**
     * @param context  what every query runs with: the timeout, {@code text:query}, the SERVICE policy
     * @param readView what the read transaction Fuseki has begun reads (the store's generation it began on)
     */
    PublicQuery(Config.Sparql limits, Context context, BearerAuth auth, QueryPage page, ServiceDescription description, ServicePolicy services,
                java.util.function.Supplier<DatasetGraph> readView) {
        this.readView = readView;
        this.limits = limits;
        this.context = context;
        this.services = services;
        this.auth = auth;
        this.page = page;
        this.description = description;
    }

    @Override
    public void execGet(HttpAction action) {
        if (action.getRequestParameter("query") == null && action.getRequestParameter("query-ref") == null) {
            index(action);
            return;
        }
        super.execGet(action);
    }

    @Override
    public void execHead(HttpAction action) {
        if (action.getRequestParameter("query") == null) {
            index(action);
            return;
        }
        super.execHead(action);
    }

    /** Fuseki's parameters and the editor's page language ({@code lang}), which Fuseki would log as unknown. */
    @Override
    protected Collection<String> acceptedParams(HttpAction action) {
        Set<String> accepted = new HashSet<>(super.acceptedParams(action));
        accepted.add("lang");
        return accepted;
    }

    /** No query: the editor for a browser, the service description for a program. */
    private void index(HttpAction action) {
        String accept = action.getRequestHeader("Accept");
        MediaType chosen = AcceptList.match(new AcceptList(accept == null || accept.isBlank() ? "*/*" : accept), INDEX_OFFERS);
        if (chosen == null)
            ServletOps.error(406, "GET /sparql without a query answers text/html (the editor) or RDF (the service description: "
                    + "text/turtle, application/ld+json, application/rdf+xml, application/n-triples).");
        action.setResponseHeader("Vary", "Accept, Accept-Language");
        String example = action.getRequestParameter("example");
        if (example != null && ExampleQueries.find(example) == null)
            ServletOps.error(404, "There is no example query '" + Params.clip(example) + "'; the examples are: "
                    + String.join(", ", ExampleQueries.all().stream().map(ExampleQueries.Example::id).toList()) + ".");
        if (chosen.getContentTypeStr().equals("text/html"))
            write(action, 200, "text/html; charset=utf-8", page.editor(readersLanguage(action), origin(action), action.getRequestParameter("example")));
        else
            description.write(action, origin(action), chosen.getContentTypeStr());
    }

    @Override
    protected void execute(String queryString, HttpAction action) {
        action.getRequest().setAttribute(QUERY_TEXT, queryString);
        boolean html = wantsHtml(action);
        try {
            try {
                String nesting = QueryChecks.nesting(queryString);
                if (nesting != null) ServletOps.errorBadRequest(nesting);
                if (!html && action.getRequestParameter("format") == null && action.getRequestParameter("output") == null
                        && !acceptsSomeResult(action.getRequestHeader("Accept")))
                    ServletOps.error(406, "SPARQL results come as " + String.join(", ", RESULT_TYPES) + "; the Accept header admits none.");
                action.getRequest().setAttribute(CAPPED, isCapped(action));
                try {
                    super.execute(queryString, action);
                } finally {
                    if (action.getRequest().getAttribute(EXEC) instanceof QueryExec exec) QueryBudget.finished(exec);
                }
            } catch (QueryCancelledException e) {
                if (action.getRequest().getAttribute(EXEC) instanceof QueryExec exec && QueryBudget.stoppedForHeap(exec)) {
                    action.setResponseHeader("Retry-After", "30");
                    ServletOps.error(503, "The server ran short of memory and stopped the queries running; try again shortly, "
                            + "with a query that keeps fewer or smaller rows.");
                }
                ServletOps.error(503, "The query ran longer than the limit of " + limits.timeout().toSeconds()
                        + " s and was stopped. Narrow its patterns, add a LIMIT, or use text:query to find records by words.");
            } catch (QueryBudget.ExceededException e) {
                ServletOps.errorBadRequest(e.getMessage());
            } catch (QueryDeniedException e) {
                ServletOps.error(403, e.getMessage());
            } catch (AuthException e) {
                if (e.challenge() != null) action.setResponseHeader("WWW-Authenticate", e.challenge());
                if (e.retryAfterSeconds() > 0) action.setResponseHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
                ServletOps.error(e.status(), e.getMessage());
            } catch (ActionErrorException e) {
                throw e;
            } catch (RuntimeException e) {
                // Jena may wrap it (the optimizer runs inside the plan's making).
                QueryBudget.ExceededException exceeded = QueryBudget.exceeded(e);
                if (exceeded == null) throw e;
                ServletOps.errorBadRequest(exceeded.getMessage());
            }
        } catch (ActionErrorException e) {
            if (!html) throw e;
            write(action, e.getRC(), "text/html; charset=utf-8", page.withError(readersLanguage(action), origin(action), queryString, e.getRC(), e.getMessage()));
        }
    }

    /** Every type a query result can come in (results for SELECT and ASK, RDF for CONSTRUCT and DESCRIBE). */
    private static final List<String> RESULT_TYPES = List.of("application/sparql-results+json", "application/sparql-results+xml",
            "application/json", "application/xml", "text/csv", "text/tab-separated-values", "text/plain", "text/turtle",
            "application/n-triples", "application/ld+json", "application/rdf+xml", "application/n-quads", "application/trig",
            "application/rdf+json", "application/sparql-results+thrift", "text/html");
    private static final AcceptList RESULT_OFFERS = AcceptList.create(RESULT_TYPES.toArray(String[]::new));

    private static boolean acceptsSomeResult(String accept) {
        if (accept == null || accept.isBlank()) return true;
        try {
            return AcceptList.match(new AcceptList(accept), RESULT_OFFERS) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Anonymous queries are capped; a bearer token lifts the cap (other schemes, such as Basic, are ignored here). */
    private boolean isCapped(HttpAction action) {
        String authorization = action.getRequestHeader("Authorization");
        if (authorization == null || !authorization.strip().regionMatches(true, 0, "Bearer ", 0, 7)) return true;
        return auth.identify(authorization, action.getRequest().getRemoteAddr()) == null;
    }

    /** The TDB2 generation this request's read transaction began on, so that a compaction never strands it. */
    @Override
    protected DatasetGraph getDataset(HttpAction action) {
        return readView.get();
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        try {
            services.check(query);
        } catch (QueryDeniedException e) {
            ServletOps.error(403, e.getMessage());
        }
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        action.getContext().putAll(context);  // the request's own copy
        Query q = query;
        if (Boolean.TRUE.equals(action.getRequest().getAttribute(CAPPED)) && !query.isAskType()) {
            action.setResponseHeader(CAP_HEADER, Integer.toString(limits.rowCap()));
            // A SELECT asks for one row more than the cap, to know whether the cap cut anything.
            long wanted = query.isSelectType() ? limits.rowCap() + 1L : limits.rowCap();
            if (!query.hasLimit() || query.getLimit() > wanted) {
                q = query.cloneQuery();
                q.setLimit(wanted);
            }
        }
        QueryExec exec = super.createQueryExec(action, q, dataset);
        action.getRequest().setAttribute(EXEC, exec);
        QueryBudget.running(exec);
        return exec;
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec queryExec, Query requestQuery, String queryStringLog) {
        if (!requestQuery.isSelectType() || !Boolean.TRUE.equals(action.getRequest().getAttribute(CAPPED)))
            return super.executeQuery(action, queryExec, requestQuery, queryStringLog);
        RowSet rows = queryExec.select();
        List<Binding> kept = new ArrayList<>();
        while (rows.hasNext() && kept.size() <= limits.rowCap())
            kept.add(rows.next());
        if (kept.size() > limits.rowCap()) {
            kept.remove(kept.size() - 1);
            action.setResponseHeader(TRUNCATED_HEADER, "true");
        }
        return new QueryExecResult(RowSetStream.create(rows.getResultVars(), kept.iterator()));
    }

    @Override
    protected void sendResults(HttpAction action, QueryExecResult result, Prologue prologue) {
        if (!wantsHtml(action)) {
            super.sendResults(action, result, prologue);
            return;
        }
        String query = (String) action.getRequest().getAttribute(QUERY_TEXT);
        QueryPage.Results results;
        if (result.isRowSet()) results = QueryPage.table(result.rowSet(), csvLink(query));
        else if (result.isBoolean()) results = QueryPage.answer(result.booleanResult());
        else if (result.isGraph()) results = QueryPage.turtle(result.graph());
        else if (result.isDataset()) results = QueryPage.turtle(result.dataset());
        else results = QueryPage.Results.NONE;
        write(action, 200, "text/html; charset=utf-8", page.withResults(readersLanguage(action), origin(action), query, results));
    }

    /**
     * The editor's language: {@code ?lang=}, else {@code Accept-Language}, as every page chooses it; an unknown
     * {@code ?lang=} is English here, since the editor is no place to refuse a query for its page's language.
     */
    private static Lang readersLanguage(HttpAction action) {
        String asked = action.getRequestParameter("lang");
        if (asked != null && !asked.isBlank()) return Lang.of(asked).orElse(Lang.EN);
        return Lang.fromAcceptLanguage(action.getRequestHeader("Accept-Language"));
    }

    private static boolean wantsHtml(HttpAction action) {
        return QueryPage.FORMAT.equals(action.getRequestParameter("format"));
    }

    private static String csvLink(String query) {
        return "/sparql?format=csv&query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    static String origin(HttpAction action) {
        String host = action.getRequestHeader("Host");
        return action.getRequest().getScheme() + "://" + (host == null ? "localhost" : host);
    }

    /** Writes an answer; a page of the editor is in the reader's language, so caches are told to keep the languages apart. */
    static void write(HttpAction action, int status, String contentType, String body) {
        String vary = action.getResponse().getHeader("Vary");
        if (contentType.startsWith("text/html") && (vary == null || !vary.contains("Accept-Language")))
            action.setResponseHeader("Vary", vary == null ? "Accept-Language" : vary + ", Accept-Language");
        try {
            action.setResponseStatus(status);
            action.setResponseContentType(contentType);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            action.setResponseContentLength(bytes.length);
            action.getResponseOutputStream().write(bytes);
        } catch (IOException e) {
            // The client went away; nothing more to do.
        }
    }
}
