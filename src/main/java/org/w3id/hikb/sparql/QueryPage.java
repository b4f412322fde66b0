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
     * What the editor page ({@code src/main/jte/query.jte}) shows: {@code results} is null when no query ran;
     * {@code error} is null unless the query failed.
     */
    public record View(String exampleTitle, String query, List<Option> formats, Failure error, Results results,
                       List<ExampleQueries.Example> examples, String origin, long timeout, String rowCap, int concurrency, String service,
                       List<Prefix> prefixes, List<String> graphs) {}

    public record Option(String value, String label, boolean selected) {}

    public record Failure(int status, String message) {}

    public record Prefix(String prefix, String namespace) {}

    /**
     * A query's results as the page shows them: a note (how many), then a table ({@code columns} and
     * {@code rows}, with a link to all rows as CSV), a yes-or-no answer, or Turtle; what a result does not
     * have is null.
     */
    public record Results(String note, String csvHref, List<String> columns, List<List<Cell>> rows, Boolean answer, String turtle) {}

    /** A table cell: a term's text, with a link for a URI and a language tag for a literal (or null). */
    public record Cell(String text, String href, String lang) {}

    /** The editor, holding an example (or, for an unknown or no id, a starter query with the prefixes). */
    String editor(String origin, String exampleId) {
        ExampleQueries.Example example = exampleId == null ? null : ExampleQueries.find(exampleId);
        return render(origin, example == null ? STARTER : example.text(), example == null ? "" : "— " + example.title(), null, null);
    }

    /** The editor holding the query that was run, with its results below. */
    String withResults(String origin, String query, Results results) {
        return render(origin, query, "", null, results);
    }

    /** The editor holding the query that failed, with the reason. */
    String withError(String origin, String query, int status, String message) {
        return render(origin, query, "", new Failure(status, message), null);
    }

    private String render(String origin, String query, String exampleTitle, Failure error, Results results) {
        List<Option> formats = new ArrayList<>();
        for (String[] f : FORMATS) formats.add(new Option(f[0], f[1], f[0].equals(FORMAT)));
        List<Prefix> prefixes = new ArrayList<>();
        new TreeMap<>(PREFIXES.getNsPrefixMap()).forEach((p, ns) -> prefixes.add(new Prefix(p, ns)));
        List<String> graphNames = new ArrayList<>();
        for (Node g : graphs.get()) graphNames.add(g.isURI() ? g.getURI() : g.toString());
        return Templates.render("query.jte", new View(exampleTitle, query, formats, error, results, ExampleQueries.all(), origin,
                limits.timeout().toSeconds(), String.format("%,d", limits.rowCap()), limits.concurrency(),
                limits.serviceAllow().isEmpty() ? "off." : "only to " + String.join(", ", limits.serviceAllow()) + ".", prefixes, graphNames));
    }

    /** A SELECT result as a table: the first {@value #ROWS_SHOWN} rows, with a link to all of them as CSV. */
    static Results table(RowSet rows, String csvLink) {
        List<Var> vars = rows.getResultVars();
        List<String> columns = vars.stream().map(Var::getVarName).toList();
        List<List<Cell>> shown = new ArrayList<>();
        int n = 0;
        while (rows.hasNext()) {
            Binding b = rows.next();
            n++;
            if (n > ROWS_SHOWN) continue;
            List<Cell> row = new ArrayList<>();
            for (Var v : vars) row.add(cell(b.get(v)));
            shown.add(row);
        }
        String count = n > ROWS_SHOWN ? String.format("%,d rows; the first %,d are shown. ", n, ROWS_SHOWN) : String.format("%,d row%s. ", n, n == 1 ? "" : "s");
        return new Results(count, csvLink, columns, shown, null, null);
    }

    static Results answer(boolean yes) {
        return new Results(null, null, null, null, yes, null);
    }

    /** A CONSTRUCT or DESCRIBE result as Turtle (the first {@value #TRIPLES_SHOWN} triples). */
    static Results turtle(Graph graph) {
        Graph shown = GraphFactory.createDefaultGraph();
        shown.getPrefixMapping().setNsPrefixes(PREFIXES);
        graph.find().forEachRemaining(t -> { if (shown.size() < TRIPLES_SHOWN) shown.add(t); });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, shown, RDFFormat.TURTLE_PRETTY);
        String note = graph.size() > TRIPLES_SHOWN
                ? String.format("%,d triples; the first %,d are shown.", graph.size(), TRIPLES_SHOWN)
                : String.format("%,d triples.", graph.size());
        return new Results(note, null, null, null, null, out.toString(StandardCharsets.UTF_8));
    }

    static Results turtle(DatasetGraph dataset) {
        return turtle(dataset.getUnionGraph());
    }

    private static Cell cell(Node n) {
        if (n == null) return new Cell("", null, null);
        if (n.isURI()) return new Cell(PREFIXES.shortForm(n.getURI()), n.getURI(), null);
        if (n.isLiteral()) return new Cell(n.getLiteralLexicalForm(), null, n.getLiteralLanguage().isEmpty() ? null : n.getLiteralLanguage());
        return new Cell(n.toString(), null, null);
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
