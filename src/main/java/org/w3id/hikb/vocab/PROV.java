package org.w3id.hikb.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The PROV-O terms the change log uses. */
public final class PROV {
    public static final String NS = Namespaces.PROV;
    private PROV() {}

    public static final Node Activity = NodeFactory.createURI(NS + "Activity");
    public static final Node endedAtTime = NodeFactory.createURI(NS + "endedAtTime");
    public static final Node wasAssociatedWith = NodeFactory.createURI(NS + "wasAssociatedWith");
}
