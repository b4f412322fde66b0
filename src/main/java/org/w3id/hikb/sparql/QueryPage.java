package org.w3id.hikb.sparql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.w3id.hikb.vocab.Namespaces;

/**
 * The query editor a browser gets at {@code /sparql}: a form prefilled with the prefixes or an example, the
 * examples, and what a developer needs to know about the endpoint. Results asked for with
 * {@code format=html} are shown under the form, so the page works without any script.
 */
final class QueryPage {
    static final String FORMAT = "html";
    private static final int ROWS_SHOWN = 1000;
    private static final int TRIPLES_SHOWN = 2000;
    private static final String TEMPLATE = Html.template("/org/w3id/hikb/sparql/query.html");
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

    /** The editor, holding an example (or, for an unknown or no id, a starter query with the prefixes). */
    String editor(String origin, String exampleId) {
        ExampleQueries.Example example = exampleId == null ? null : ExampleQueries.find(exampleId);
        return render(origin, example == null ? STARTER : example.text(), example == null ? "" : "— " + example.title(), "");
    }

    /** The editor holding the query that was run, with its results below. */
    String withResults(String origin, String query, String resultsHtml) {
        return render(origin, query, "", "<section class=\"results\" aria-label=\"Results\">" + resultsHtml + "</section>");
    }

    /** The editor holding the query that failed, with the reason. */
    String withError(String origin, String query, int status, String message) {
        return render(origin, query, "", "<p class=\"error\" role=\"alert\"><strong>" + status + "</strong> " + Html.escape(message) + "</p>");
    }

    private String render(String origin, String query, String exampleTitle, String results) {
        Map<String, String> values = new HashMap<>();
        values.put("exampleTitle", exampleTitle);
        values.put("query", query);
        values.put("formats", formatOptions(FORMAT));
        values.put("results", results);
        values.put("examples", examples());
        values.put("origin", origin);
        values.put("timeout", Long.toString(limits.timeout().toSeconds()));
        values.put("rowCap", String.format("%,d", limits.rowCap()));
        values.put("concurrency", Integer.toString(limits.concurrency()));
        values.put("service", limits.serviceAllow().isEmpty() ? "off." : "only to " + String.join(", ", limits.serviceAllow()) + ".");
        values.put("prefixes", prefixRows());
        values.put("graphs", graphItems());
        return Html.render(TEMPLATE, values);
    }

    private static String prefixRows() {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(PREFIXES.getNsPrefixMap()).forEach((p, ns) ->
                sb.append(Html.render("<tr><td><code>{{p}}:</code></td><td><code>{{ns}}</code></td></tr>\n", Map.of("p", p, "ns", ns))));
        return sb.toString();
    }

    private String graphItems() {
        StringBuilder sb = new StringBuilder();
        for (Node g : graphs.get())
            sb.append(Html.render("<li><code>{{g}}</code></li>\n", Map.of("g", g.isURI() ? g.getURI() : g.toString())));
        return sb.toString();
    }

    private static String formatOptions(String chosen) {
        StringBuilder sb = new StringBuilder();
        for (String[] f : FORMATS)
            sb.append(Html.render("<option value=\"{{v}}\"" + (f[0].equals(chosen) ? " selected" : "") + ">{{l}}</option>", Map.of("v", f[0], "l", f[1])));
        return sb.toString();
    }

    private static String examples() {
        StringBuilder sb = new StringBuilder();
        for (ExampleQueries.Example e : ExampleQueries.all())
            sb.append(Html.render("<li><a href=\"/sparql?example={{id}}\">{{title}}</a><br><span class=\"note\">{{about}}</span></li>\n",
                    Map.of("id", e.id(), "title", e.title(), "about", e.about())));
        return sb.toString();
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
