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
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.Templates;
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
public final class OntologyPage {
    static final Node ONTOLOGY = NodeFactory.createURI("https://w3id.org/hikb/ontology");
    private static final Node OWL_CLASS = org.apache.jena.vocabulary.OWL2.Class.asNode();
    private static final List<Node> PROPERTY_TYPES = List.of(org.apache.jena.vocabulary.OWL2.ObjectProperty.asNode(),
            org.apache.jena.vocabulary.OWL2.DatatypeProperty.asNode());
    private static final Node DOMAIN = org.apache.jena.vocabulary.RDFS.domain.asNode();
    private static final Node RANGE = org.apache.jena.vocabulary.RDFS.range.asNode();

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
        List<Term> classes = subjectsOfType(g, List.of(OWL_CLASS)).stream().map(n -> term(g, n, labels, lang, text)).toList();
        List<Term> properties = subjectsOfType(g, PROPERTY_TYPES).stream().map(n -> term(g, n, labels, lang, text)).toList();
        View v = new View(labels.text(ONTOLOGY, List.of(Terms.DESCRIPTION), lang).map(Labels.Text::value).orElse(null), text.get("page.ontology.intro"),
                text.get("page.classes"), classes, text.get("page.properties"), properties);
        ObjectNode jsonLd = new ObjectMapper().createObjectNode();
        jsonLd.put("@context", "https://schema.org").put("@type", "DefinedTermSet").put("@id", ONTOLOGY.getURI())
              .put("name", labels.label(ONTOLOGY, lang));
        return PageLayout.render(lang, "/ontology", text.get("page.ontology.title"), "owl:Ontology", Templates.render("ontology.jte", v),
                jsonLd.toString(), ONTOLOGY.getURI());
    }

    /** The main part of the ontology page ({@code src/main/jte/ontology.jte}). */
    public record View(String description, String intro, String classesHeading, List<Term> classes, String propertiesHeading, List<Term> properties) {}

    /** A class or property: its label in the reader's language, its local name, its label and comment per language, its relations. */
    public record Term(String label, String localName, List<Row> rows, List<Relation> relations) {}

    /** A term's label and comment in one language. */
    public record Row(String lang, String label, String comment) {}

    /** A relation of a term (super-class, domain, range) and the terms it names: a link and its text. */
    public record Relation(String heading, List<Link> links) {}

    public record Link(String href, String text) {}

    private static Term term(Graph g, Node n, Labels labels, Lang lang, Messages text) {
        List<Row> rows = new ArrayList<>();
        for (Lang l : Lang.values()) rows.add(new Row(l.code(), labels.exactly(n, l).orElse(""), literal(g, n, Terms.COMMENT, l)));
        List<Relation> relations = new ArrayList<>();
        relation(relations, g, n, Terms.SUBCLASS_OF, text.get("page.subClassOf"), labels, lang);
        relation(relations, g, n, DOMAIN, text.get("page.domain"), labels, lang);
        relation(relations, g, n, RANGE, text.get("page.range"), labels, lang);
        return new Term(labels.label(n, lang), localName(n), rows, relations);
    }

    private static void relation(List<Relation> into, Graph g, Node n, Node p, String heading, Labels labels, Lang lang) {
        List<Link> vs = new ArrayList<>();
        g.find(n, p, Node.ANY).forEachRemaining(t -> {
            Node o = t.getObject();
            if (!o.isURI()) return;
            boolean ours = o.getURI().startsWith(HIKB.NS);
            vs.add(new Link(ours ? "#" + localName(o) : o.getURI(), ours ? labels.label(o, lang) : o.getURI()));
        });
        if (!vs.isEmpty()) into.add(new Relation(heading, vs));
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
