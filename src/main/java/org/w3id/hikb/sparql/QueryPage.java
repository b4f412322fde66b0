package org.w3id.hikb.sparql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
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
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.SiteHeader;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The query editor a browser gets at {@code /sparql}: a form prefilled with the prefixes or an example, the
 * examples, and what a developer needs to know about the endpoint, in the reader's language. Results asked for
 * with {@code format=html} are shown under the form, so the page works without any script.
 */
public final class QueryPage {
    static final String FORMAT = "html";
    private static final int ROWS_SHOWN = 1000;
    private static final int TRIPLES_SHOWN = 2000;
    /** The result formats: a value, and its name (a key of the interface's texts for the first). */
    private static final String[][] FORMATS = {
            { "html", "sparql.format.html" }, { "json", "SPARQL JSON" }, { "xml", "SPARQL XML" }, { "csv", "CSV" }, { "tsv", "TSV" },
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
    public record View(Messages t, SiteHeader.Header header, Shown exampleTitle, String query, List<Option> formats, Failure error,
                       Results results, List<ShownExample> examples, String origin, long timeout, String rowCap, int concurrency,
                       String service, List<Prefix> prefixes, List<String> graphs) {}

    public record Option(String value, String label, boolean selected) {}

    /** A text and its language when that is not the page's (an example in English only), else null. */
    public record Shown(String text, String lang) {}

    public record ShownExample(String id, Shown title, Shown about) {}

    /** A failed query: the status, and the reason as the code states it, in English. */
    public record Failure(int status, String message) {}

    public record Prefix(String prefix, String namespace) {}

    /**
     * A query's results as the page shows them: how many rows or triples there are and how many are shown, then
     * a table ({@code columns} and {@code rows}, with a link to all rows as CSV), a yes-or-no answer, or Turtle;
     * what a result does not have is null, and a result with none of them has no table.
     */
    public record Results(long count, long shown, String csvHref, List<String> columns, List<List<Cell>> rows, Boolean answer, String turtle) {
        static final Results NONE = new Results(0, 0, null, null, null, null, null);

        /** How many there are, in words: "12 rows.", or "5,000 rows; the first 1,000 are shown." */
        public String note(Messages t) {
            String unit = columns != null ? "sparql.rows" : "sparql.triples";
            return count > shown ? t.get(unit + ".first", t.count(unit, count), t.count(unit, shown)) : t.count(unit, count) + ".";
        }
    }

    /** A table cell: a term's text, with a link for a URI and a language tag for a literal (or null). */
    public record Cell(String text, String href, String lang) {}

    /** The editor, holding an example (or, for an unknown or no id, a starter query with the prefixes). */
    String editor(Lang lang, String origin, String exampleId) {
        ExampleQueries.Example example = exampleId == null ? null : ExampleQueries.find(exampleId);
        return render(lang, origin, example == null ? STARTER : example.text(), example == null ? null : shown(example.titles(), lang),
                null, null, example == null ? "" : "example=" + example.id() + "&");
    }

    /** The editor holding the query that was run, with its results below. */
    String withResults(Lang lang, String origin, String query, Results results) {
        return render(lang, origin, query, null, null, results, "");
    }

    /** The editor holding the query that failed, with the reason. */
    String withError(Lang lang, String origin, String query, int status, String message) {
        return render(lang, origin, query, null, new Failure(status, message), null, "");
    }

    /** A text in the reader's language, or in English, marked so. */
    private static Shown shown(Map<Lang, String> texts, Lang lang) {
        String own = texts.get(lang);
        return own != null ? new Shown(own, null) : new Shown(texts.get(Lang.EN), "en");
    }

    private String render(Lang lang, String origin, String query, Shown exampleTitle, Failure error, Results results, String more) {
        Messages t = Messages.of(lang);
        List<Option> formats = new ArrayList<>();
        for (String[] f : FORMATS) formats.add(new Option(f[0], f[1].startsWith("sparql.") ? t.get(f[1]) : f[1], f[0].equals(FORMAT)));
        List<ShownExample> examples = new ArrayList<>();
        for (ExampleQueries.Example e : ExampleQueries.all()) examples.add(new ShownExample(e.id(), shown(e.titles(), lang), shown(e.abouts(), lang)));
        List<Prefix> prefixes = new ArrayList<>();
        new TreeMap<>(PREFIXES.getNsPrefixMap()).forEach((p, ns) -> prefixes.add(new Prefix(p, ns)));
        List<String> graphNames = new ArrayList<>();
        for (Node g : graphs.get()) graphNames.add(g.isURI() ? g.getURI() : g.toString());
        // A query that was run is not carried into the other languages' links: a long one would make every link as long.
        SiteHeader.Header header = SiteHeader.header(lang, l -> "/sparql?" + more + "lang=" + l.code());
        return Templates.render("query.jte", new View(t, header, exampleTitle, query, formats, error, results, examples, origin,
                limits.timeout().toSeconds(), NumberFormat.getIntegerInstance(lang.formats()).format(limits.rowCap()),
                limits.concurrency(), limits.serviceAllow().isEmpty() ? t.get("sparql.service.off")
                        : t.get("sparql.service.only", String.join(", ", limits.serviceAllow())), prefixes, graphNames));
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
        return new Results(n, Math.min(n, ROWS_SHOWN), csvLink, columns, shown, null, null);
    }

    static Results answer(boolean yes) {
        return new Results(0, 0, null, null, null, yes, null);
    }

    /** A CONSTRUCT or DESCRIBE result as Turtle (the first {@value #TRIPLES_SHOWN} triples). */
    static Results turtle(Graph graph) {
        Graph shown = GraphFactory.createDefaultGraph();
        shown.getPrefixMapping().setNsPrefixes(PREFIXES);
        graph.find().forEachRemaining(t -> { if (shown.size() < TRIPLES_SHOWN) shown.add(t); });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RDFDataMgr.write(out, shown, RDFFormat.TURTLE_PRETTY);
        return new Results(graph.size(), shown.size(), null, null, null, null, out.toString(StandardCharsets.UTF_8));
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
