package org.w3id.hikb.api;

import java.util.Optional;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.geo.NutsRegions;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.search.Facet;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * What a facet value stands for in the store (a country, a programme record, a concept), so the API can
 * refuse values that name nothing and show every value by its name in the reader's language.
 * Must be used inside a read transaction.
 */
final class FacetValues {
    private final DatasetGraph dsg;
    private final Labels labels;

    FacetValues(DatasetGraph dsg) {
        this.dsg = dsg;
        this.labels = new Labels(dsg);
    }

    /** The resource a facet value names, if the facet's values are resources. */
    static Optional<Node> node(Facet f, String value) {
        return Optional.ofNullable(switch (f) {
            case TYPE -> RecordType.ofSegment(value).filter(RecordType::searchable).map(RecordType::rdfClass).orElse(null);
            case COUNTRY -> value.matches("[A-Z]{3}") ? uri(Namespaces.COUNTRY + value) : null;
            case PROGRAMME -> RecordId.isSlug(value) ? new RecordId(RecordType.PROGRAMME, value).node() : null;
            case FUND -> concept("funding-source", value);
            case THEME -> concept("theme", value);
            case STAKEHOLDER -> concept("stakeholder", value);
            default -> null;
        });
    }

    boolean known(Facet f, String value) {
        return switch (f) {
            case STATUS -> value.equals("planned") || value.equals("ongoing") || value.equals("closed");
            case SCOPE -> value.equals("health") || value.equals("other") || value.equals("all");
            case YEAR -> value.matches("\\d{4}");
            case LANGUAGE -> value.matches("[a-z]{2,3}");
            case TYPE -> node(f, value).isPresent();
            case REGION -> value.matches("[A-Z]{2}[0-9A-Z]{2}") && NutsRegions.get().region(value).isPresent();
            default -> node(f, value).map(n -> dsg.find(Node.ANY, n, Node.ANY, Node.ANY).hasNext()).orElse(false);
        };
    }

    String label(Facet f, String value, Lang lang) {
        return switch (f) {
            // A language is named in its own language, whatever the reader's: the name its own interface texts give it.
            case LANGUAGE -> Lang.of(value).map(l -> Messages.of(l).get("lang." + l.authority().getURI().substring(Namespaces.LANGUAGE.length()))).orElse(value);
            case STATUS, YEAR -> value;
            // A region is named as its country names it (NUTS names are national), whatever the reader's language.
            case REGION -> NutsRegions.get().region(value).map(NutsRegions.Region::name).orElse(value);
            case SCOPE -> org.w3id.hikb.http.Messages.of(lang).get("scope." + value);
            default -> node(f, value).map(n -> labels.label(n, lang)).orElse(value);
        };
    }

    private static Node concept(String scheme, String id) {
        return id.matches("[a-z0-9]+(-[a-z0-9]+)*") ? uri(Namespaces.CONCEPT + scheme + "/" + id) : null;
    }

    private static Node uri(String u) { return NodeFactory.createURI(u); }

    /** True if the node is typed in the store (a record or a concept that exists). */
    boolean exists(Node n) {
        return dsg.find(Node.ANY, n, Terms.TYPE, Node.ANY).hasNext();
    }
}
