package org.w3id.hikb.sparql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The query editor a browser gets at {@code /sparql}: a form prefilled with the prefixes or an example, the
 * examples, and what a developer needs to know about the endpoint. Results asked for with
 * {@code format=html} are shown under the form, so the page works without any script.
 */
public final class QueryPage {
    static final String FORMAT = "html";
    private static final int ROWS_SHOWN = 1000;
    private static final int TRIPLES_SHOWN = 2000;
    private static final String[][] FORMATS = {
            { "html", "Table on this page" }, { "json", "SPARQL JSON" }, { "xml", "SPARQL XML" }, { "csv", "CSV" }, { "tsv", "TSV" },
            { "ttl", "Turtle (CONSTRUCT, DESCRIBE)" }, { "nt", "N-Triples (CONSTRUCT, DESCRIBE)" }, { "json-ld", "JSON-LD (CONSTRUCT, DESCRIBE)" } };
    private static final PrefixMapping PREFIXES = prefixes();
    private static final String STARTER = starter();

    private final Config.Sparql limits;
    private final Supplier<List<Node>> graphs;

    QueryPage(Config.Sparql limits, Supplier<List<Node>> graphs) {
        this.limits = limits;
        this.graphs = graphs;
    }

    /**
     * What the editor page ({@code src/main/jte/query.jte}) shows: {@code resultsHtml} is markup built from
     * escaped parts (the results table), null when no query ran; {@code error} is null unless the query failed.
     */
    public record View(String exampleTitle, String query, List<Option> formats, Failure error, String resultsHtml,
                       List<ExampleQueries.Example> examples, String origin, long timeout, String rowCap, int concurrency, String service,
                       List<Prefix> prefixes, List<String> graphs) {}

    public record Option(String value, String label, boolean selected) {}

    public record Failure(int status, String message) {}

    public record Prefix(String prefix, String namespace) {}

    /** The editor, holding an example (or, for an unknown or no id, a starter query with the prefixes). */
    String editor(String origin, String exampleId) {
        ExampleQueries.Example example = exampleId == null ? null : ExampleQueries.find(exampleId);
        return render(origin, example == null ? STARTER : example.text(), example == null ? "" : "— " + example.title(), null, null);
    }

    /** The editor holding the query that was run, with its results below. */
    String withResults(String origin, String query, String resultsHtml) {
        return render(origin, query, "", null, resultsHtml);
    }

    /** The editor holding the query that failed, with the reason. */
    String withError(String origin, String query, int status, String message) {
        return render(origin, query, "", new Failure(status, message), null);
    }

    private String render(String origin, String query, String exampleTitle, Failure error, String resultsHtml) {
        List<Option> formats = new ArrayList<>();
        for (String[] f : FORMATS) formats.add(new Option(f[0], f[1], f[0].equals(FORMAT)));
        List<Prefix> prefixes = new ArrayList<>();
        new TreeMap<>(PREFIXES.getNsPrefixMap()).forEach((p, ns) -> prefixes.add(new Prefix(p, ns)));
        List<String> graphNames = new ArrayList<>();
        for (Node g : graphs.get()) graphNames.add(g.isURI() ? g.getURI() : g.toString());
        return Templates.render("query.jte", new View(exampleTitle, query, formats, error, resultsHtml, ExampleQueries.all(), origin,
                limits.timeout().toSeconds(), String.format("%,d", limits.rowCap()), limits.concurrency(),
                limits.serviceAllow().isEmpty() ? "off." : "only to " + String.join(", ", limits.serviceAllow()) + ".", prefixes, graphNames));
    }

    /** A SELECT result as a table: the first {@value #ROWS_SHOWN} rows, with a link to all of them as CSV. */
    static String table(RowSet rows, String csvLink) {
        List<Var> vars = rows.getResultVars();
        StringBuilder sb = new StringBuilder("<table><thead><tr>");
        for (Var v : vars) sb.append("<th scope=\"col\">").append(Html.escape(v.getVarName())).append("</th>");
        sb.append("</tr></thead><tbody>\n");
        int n = 0;
        while (rows.hasNext()) {
            Binding b = rows.next();
            n++;
            if (n > ROWS_SHOWN) continue;
            sb.append("<tr>");
            for (Var v : vars) sb.append("<td>").append(cell(b.get(v))).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table>");
        String count = n > ROWS_SHOWN ? String.format("%,d rows; the first %,d are shown. ", n, ROWS_SHOWN) : String.format("%,d row%s. ", n, n == 1 ? "" : "s");
        return "<p class=\"note\">" + count + "<a href=\"" + Html.escape(csvLink) + "\">Download as CSV</a></p>" + sb;
    }

    static String answer(boolean yes) {
        return "<p><strong>" + (yes ? "true" : "false") + "</strong></p>";
    }

    /** A CONSTRUCT or DESCRIBE result as Turtle (the first {@value #TRIPLES_SHOWN} triples). */
    static String turtle(Graph graph) {
        Graph shown = GraphFactory.createDefaultGraph();
        shown.getPrefixMapping().setNsPrefixes(PREFIXES);
        graph.find().forEachRemaining(t -> { if (shown.size() < TRIPLES_SHOWN) shown.add(t); });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, shown, RDFFormat.TURTLE_PRETTY);
        String note = graph.size() > TRIPLES_SHOWN
                ? String.format("%,d triples; the first %,d are shown.", graph.size(), TRIPLES_SHOWN)
                : String.format("%,d triples.", graph.size());
        return "<p class=\"note\">" + note + "</p><pre tabindex=\"0\">" + Html.escape(out.toString(StandardCharsets.UTF_8)) + "</pre>";
    }

    static String turtle(DatasetGraph dataset) {
        return turtle(dataset.getUnionGraph());
    }

    private static String cell(Node n) {
        if (n == null) return "";
        if (n.isURI()) {
            String shortForm = PREFIXES.shortForm(n.getURI());
            return "<a href=\"" + Html.escape(n.getURI()) + "\">" + Html.escape(shortForm) + "</a>";
        }
        if (n.isLiteral()) {
            String lang = n.getLiteralLanguage();
            String s = Html.escape(n.getLiteralLexicalForm());
            return lang.isEmpty() ? s : s + " <span class=\"lang\">@" + Html.escape(lang) + "</span>";
        }
        return Html.escape(n.toString());
    }

    private static PrefixMapping prefixes() {
        PrefixMapping pm = Namespaces.prefixes();
        pm.setNsPrefix("text", TextQuery.NS);
        pm.lock();
        return pm;
    }

    private static String starter() {
        List<String> lines = new ArrayList<>();
        for (String p : List.of("hikb", "dct", "skos", "rdfs", "text"))
            lines.add("PREFIX " + p + ": <" + PREFIXES.getNsPrefixURI(p) + ">");
        lines.add("");
        lines.add("SELECT ?record ?title WHERE {");
        lines.add("  ?record a hikb:Project ; dct:title ?title .");
        lines.add("  FILTER(lang(?title) = \"en\")");
        lines.add("}");
        lines.add("LIMIT 20");
        return String.join("\n", lines) + "\n";
    }
}
