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
 * ({@code <script type="application/ld+json">}): type, name, description, dates, places, keywords.
 */
final class SchemaOrg {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Node, String> TYPES = Map.of(HIKB.Project, "ResearchProject", HIKB.Programme, "Project",
            HIKB.ClusterPartnership, "Project", HIKB.InnovationHub, "Project", HIKB.Network, "Organization",
            HIKB.Organisation, "Organization", HIKB.Event, "Event", HIKB.Workshop, "Event", HIKB.ProjectMeeting, "Event", HIKB.Place, "Place");

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
        o.put("inLanguage", lang.code());
        labels.text(self, List.of(Terms.ABSTRACT, Terms.DEFINITION, Terms.COMMENT), lang).ifPresent(t -> o.put("description", t.value()));
        values(d, self, HIKB.acronym).stream().filter(Node::isLiteral).findFirst().ifPresent(a -> o.put("alternateName", a.getLiteralLexicalForm()));
        values(d, self, HIKB.startDate).stream().filter(Node::isLiteral).findFirst().ifPresent(a -> o.put("startDate", a.getLiteralLexicalForm()));
        values(d, self, HIKB.endDate).stream().filter(Node::isLiteral).findFirst().ifPresent(a -> o.put("endDate", a.getLiteralLexicalForm()));
        names(o, "location".equals(type) ? "containedInPlace" : "areaServed", values(d, self, HIKB.country), labels, lang);
        names(o, "keywords", concat(values(d, self, HIKB.theme), values(d, self, HIKB.derivedTheme)), labels, lang);
        names(o, "funder", values(d, self, HIKB.funder), labels, lang);
        return o.toString();
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
