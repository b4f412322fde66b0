package org.w3id.hikb.linkeddata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Terms;

/**
 * The schema.org summary of a resource that its HTML page embeds for search engines
 * ({@code <script type="application/ld+json">}): type, name, description, dates, places, keywords. Each
 * property is used only on the types schema.org gives it: a project (an Organization to schema.org) has a
 * {@code foundingDate} and {@code dissolutionDate} and an {@code areaServed}; an event a {@code startDate},
 * {@code endDate} and {@code location}; a place is {@code containedInPlace}; a concept is
 * a {@code DefinedTerm}. (The context {@code https://schema.org} expands to the {@code http://schema.org/}
 * terms the ontology maps to.)
 */
final class SchemaOrg {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Node, String> TYPES = Map.ofEntries(Map.entry(HIKB.Project, "ResearchProject"), Map.entry(HIKB.Programme, "Project"),
            Map.entry(HIKB.ClusterPartnership, "Project"), Map.entry(HIKB.InnovationHub, "Project"), Map.entry(HIKB.Network, "Organization"),
            Map.entry(HIKB.Organisation, "Organization"), Map.entry(HIKB.Event, "Event"), Map.entry(HIKB.Workshop, "Event"),
            Map.entry(HIKB.ProjectMeeting, "Event"), Map.entry(HIKB.Place, "Place"), Map.entry(Terms.CONCEPT, "DefinedTerm"));

    private SchemaOrg() {}

    /** Must be called inside a read transaction (labels come from the store). */
    static String of(Graph d, Node self, Labels labels, Lang lang) {
        ObjectNode o = JSON.createObjectNode();
        o.put("@context", "https://schema.org");
        String type = "Thing";
        for (Node t : values(d, self, Terms.TYPE)) type = TYPES.getOrDefault(t, type);
        o.put("@type", type);
        if (self.isURI()) {
            o.put("@id", self.getURI());
            o.put("url", self.getURI());
        }
        o.put("name", labels.label(self, lang));
        boolean event = type.equals("Event");
        boolean organisation = type.equals("Organization") || type.equals("Project") || type.equals("ResearchProject");
        labels.text(self, List.of(Terms.ABSTRACT, Terms.DEFINITION, Terms.COMMENT), lang).ifPresent(t -> o.put("description", t.value()));
        values(d, self, HIKB.acronym).stream().filter(Node::isLiteral).findFirst().ifPresent(a -> o.put("alternateName", a.getLiteralLexicalForm()));
        if (event || organisation) {
            values(d, self, HIKB.startDate).stream().filter(Node::isLiteral).findFirst()
                    .ifPresent(a -> o.put(event ? "startDate" : "foundingDate", a.getLiteralLexicalForm()));
            values(d, self, HIKB.endDate).stream().filter(Node::isLiteral).findFirst()
                    .ifPresent(a -> o.put(event ? "endDate" : "dissolutionDate", a.getLiteralLexicalForm()));
        }
        List<Node> countries = values(d, self, HIKB.country);
        if (type.equals("Place")) things(o, "containedInPlace", "Place", countries, labels, lang);
        else if (event) names(o, "location", countries, labels, lang);
        else if (organisation) names(o, "areaServed", countries, labels, lang);
        names(o, "keywords", concat(values(d, self, HIKB.theme), values(d, self, HIKB.derivedTheme)), labels, lang);
        if (organisation) things(o, "funder", "Organization", values(d, self, HIKB.funder), labels, lang);
        return o.toString();
    }

    /** Where schema.org expects a thing, not a text: each as a typed object with its name and IRI. */
    private static void things(ObjectNode o, String field, String type, List<Node> nodes, Labels labels, Lang lang) {
        if (nodes.isEmpty()) return;
        ArrayNode a = o.putArray(field);
        for (Node n : nodes) {
            ObjectNode thing = a.addObject().put("@type", type).put("name", labels.label(n, lang));
            if (n.isURI()) thing.put("@id", n.getURI());
        }
    }

    private static void names(ObjectNode o, String field, List<Node> nodes, Labels labels, Lang lang) {
        if (nodes.isEmpty()) return;
        ArrayNode a = o.putArray(field);
        nodes.forEach(n -> a.add(labels.label(n, lang)));
    }

    private static List<Node> concat(List<Node> a, List<Node> b) {
        List<Node> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static List<Node> values(Graph d, Node s, Node p) {
        List<Node> out = new ArrayList<>();
        d.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }
}
