package org.w3id.hikb.linkeddata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Terms;

/**
 * The ontology's own document at {@code /ontology}: every class and property with its label and definition
 * in the four languages, its place in the hierarchy, its domain and range. Each term has the anchor of its
 * local name, so {@code https://w3id.org/hikb/ontology#Project} lands on it. Must be called inside a read
 * transaction.
 */
final class OntologyPage {
    static final Node ONTOLOGY = NodeFactory.createURI("https://w3id.org/hikb/ontology");
    private static final Node OWL_CLASS = NodeFactory.createURI("http://www.w3.org/2002/07/owl#Class");
    private static final List<Node> PROPERTY_TYPES = List.of(NodeFactory.createURI("http://www.w3.org/2002/07/owl#ObjectProperty"),
            NodeFactory.createURI("http://www.w3.org/2002/07/owl#DatatypeProperty"));
    private static final Node DOMAIN = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#domain");
    private static final Node RANGE = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#range");

    private OntologyPage() {}

    /** The ontology file's graph, as loaded. */
    static Graph graph(DatasetGraph dsg) {
        Graph g = GraphFactory.createDefaultGraph();
        dsg.getGraph(GraphNames.graph("ontology/hikb")).find().forEachRemaining(g::add);
        return g;
    }

    static String render(DatasetGraph dsg, Graph g, Lang lang) {
        Messages text = Messages.of(lang);
        Labels labels = new Labels(dsg);
        StringBuilder main = new StringBuilder();
        labels.text(ONTOLOGY, List.of(Terms.DESCRIPTION), lang).ifPresent(t -> main.append("<p>").append(Html.escape(t.value())).append("</p>"));
        main.append("<p class=\"note\">").append(Html.escape(text.get("page.ontology.intro"))).append("</p>");
        List<Node> classes = subjectsOfType(g, List.of(OWL_CLASS));
        List<Node> properties = subjectsOfType(g, PROPERTY_TYPES);
        main.append(index(classes, properties, labels, lang, text));
        main.append("<section aria-labelledby=\"h-classes\"><h2 id=\"h-classes\">").append(Html.escape(text.get("page.classes"))).append("</h2>");
        for (Node c : classes) main.append(term(g, c, labels, lang, text));
        main.append("</section><section aria-labelledby=\"h-properties\"><h2 id=\"h-properties\">").append(Html.escape(text.get("page.properties"))).append("</h2>");
        for (Node p : properties) main.append(term(g, p, labels, lang, text));
        main.append("</section>");
        ObjectNode jsonLd = new ObjectMapper().createObjectNode();
        jsonLd.put("@context", "https://schema.org").put("@type", "DefinedTermSet").put("@id", ONTOLOGY.getURI())
              .put("name", labels.label(ONTOLOGY, lang));
        return PageLayout.render(lang, "/ontology", text.get("page.ontology.title"), "owl:Ontology", main.toString(), jsonLd.toString(), ONTOLOGY.getURI());
    }

    private static String index(List<Node> classes, List<Node> properties, Labels labels, Lang lang, Messages text) {
        StringBuilder sb = new StringBuilder("<nav aria-label=\"").append(Html.escape(text.get("page.classes"))).append("\"><p>");
        List<String> links = new ArrayList<>();
        for (Node n : classes) links.add(anchorLink(n, labels, lang));
        sb.append(String.join(" · ", links)).append("</p><p>");
        links.clear();
        for (Node n : properties) links.add(anchorLink(n, labels, lang));
        return sb.append(String.join(" · ", links)).append("</p></nav>").toString();
    }

    private static String anchorLink(Node n, Labels labels, Lang lang) {
        return "<a href=\"#" + Html.escape(localName(n)) + "\">" + Html.escape(labels.label(n, lang)) + "</a>";
    }

    private static String term(Graph g, Node n, Labels labels, Lang lang, Messages text) {
        StringBuilder sb = new StringBuilder("<section class=\"part\" id=\"").append(Html.escape(localName(n))).append("\"><h3>")
                .append(Html.escape(labels.label(n, lang))).append(" <code>hikb:").append(Html.escape(localName(n))).append("</code></h3>");
        sb.append("<table><tbody>");
        for (Lang l : Lang.values()) {
            String label = labels.exactly(n, l).orElse("");
            String comment = literal(g, n, Terms.COMMENT, l);
            sb.append("<tr lang=\"").append(l.code()).append("\"><th scope=\"row\">").append(l.code().toUpperCase()).append("</th><td>")
              .append(Html.escape(label)).append("</td><td>").append(Html.escape(comment)).append("</td></tr>");
        }
        sb.append("</tbody></table><dl class=\"facts\">");
        relation(sb, g, n, Terms.SUBCLASS_OF, text.get("page.subClassOf"), labels, lang);
        relation(sb, g, n, DOMAIN, text.get("page.domain"), labels, lang);
        relation(sb, g, n, RANGE, text.get("page.range"), labels, lang);
        return sb.append("</dl></section>").toString();
    }

    private static void relation(StringBuilder sb, Graph g, Node n, Node p, String heading, Labels labels, Lang lang) {
        List<String> vs = new ArrayList<>();
        g.find(n, p, Node.ANY).forEachRemaining(t -> {
            Node o = t.getObject();
            if (!o.isURI()) return;
            boolean ours = o.getURI().startsWith(HIKB.NS);
            vs.add("<a href=\"" + Html.escape(ours ? "#" + localName(o) : o.getURI()) + "\">" + Html.escape(ours ? labels.label(o, lang) : o.getURI()) + "</a>");
        });
        if (!vs.isEmpty()) sb.append("<dt>").append(Html.escape(heading)).append("</dt><dd>").append(String.join(", ", vs)).append("</dd>");
    }

    private static String literal(Graph g, Node n, Node p, Lang lang) {
        var it = g.find(n, p, Node.ANY);
        while (it.hasNext()) {
            Node o = it.next().getObject();
            if (o.isLiteral() && Lang.of(o.getLiteralLanguage()).orElse(null) == lang) return o.getLiteralLexicalForm();
        }
        return "";
    }

    private static List<Node> subjectsOfType(Graph g, List<Node> types) {
        List<Node> out = new ArrayList<>();
        for (Node t : types)
            g.find(Node.ANY, Terms.TYPE, t).forEachRemaining(tr -> {
                Node s = tr.getSubject();
                if (s.isURI() && s.getURI().startsWith(HIKB.NS) && !out.contains(s)) out.add(s);
            });
        out.sort(Comparator.comparing(OntologyPage::localName));
        return out;
    }

    private static String localName(Node n) {
        String u = n.getURI();
        return u.substring(u.indexOf('#') + 1);
    }
}
