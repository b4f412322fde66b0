package org.w3id.hikb.records;

import java.util.Optional;

import org.apache.jena.graph.Node;
import org.w3id.hikb.vocab.HIKB;

/**
 * The kinds of record, each with the path segment of its URIs ({@code /id/project/...}) and its class.
 * Searchable types are the ones a policy maker looks for: initiatives, events and organisations.
 */
public enum RecordType {
    PROJECT("project", HIKB.Project, true),
    PROGRAMME("programme", HIKB.Programme, true),
    PARTNERSHIP("partnership", HIKB.ClusterPartnership, true),
    HUB("hub", HIKB.InnovationHub, true),
    NETWORK("network", HIKB.Network, true),
    EVENT("event", HIKB.Event, true),
    ORGANISATION("organisation", HIKB.Organisation, true),
    BRIEF("brief", HIKB.ResultsBrief, true),
    PLACE("place", HIKB.Place, false),
    SOURCE("source", HIKB.SourceDocument, false);

    private final String segment;
    private final Node rdfClass;
    private final boolean searchable;

    RecordType(String segment, Node rdfClass, boolean searchable) {
        this.segment = segment;
        this.rdfClass = rdfClass;
        this.searchable = searchable;
    }

    public String segment() { return segment; }
    public Node rdfClass() { return rdfClass; }
    public boolean searchable() { return searchable; }

    public static Optional<RecordType> ofSegment(String segment) {
        for (RecordType t : values())
            if (t.segment.equals(segment)) return Optional.of(t);
        return Optional.empty();
    }
}
