package org.w3id.hikb.store;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The named graphs of the store. A bundled or loaded file {@code <dir>/<name>.<ext>} lives in the graph
 * {@code https://w3id.org/hikb/graph/<dir>/<name>}, so every fact can be traced to its file.
 */
public final class GraphNames {
    private GraphNames() {}

    /** Bookkeeping: the store's generation and the content hash of every loaded file. */
    public static final Node SYSTEM = graph("system");
    /** The change log: one PROV activity per committed write. */
    public static final Node CHANGES = graph("changes");
    /** Where triples written to the default graph (say by SPARQL Update without GRAPH) are kept. */
    public static final Node UPDATES = graph("updates");
    /** The history of records: for each write that changed an existing record, what it added and deleted. */
    public static final Node HISTORY = graph("history");
    /** Where records created through the API live. */
    public static final Node CURATION = graph("curation");
    /** The SHACL shapes every write is checked against. */
    public static final Node SHAPES = graph("ontology/shapes");

    public static Node graph(String relativeName) {
        return NodeFactory.createURI(Namespaces.GRAPH + relativeName);
    }

    /** The graph of a file given by its path relative to the bundle, e.g. {@code data/improve.ttl}. */
    public static Node forFile(String relativePath) {
        String p = relativePath.replace('\\', '/');
        int dot = p.lastIndexOf('.');
        int slash = p.lastIndexOf('/');
        return graph(dot > slash ? p.substring(0, dot) : p);
    }

    /** Graphs whose change means every record must be checked again (the shapes and the ontology). */
    public static boolean isSchema(Node graph) {
        return graph.isURI() && graph.getURI().startsWith(Namespaces.GRAPH + "ontology/");
    }

    /** Graphs the write path keeps itself: never counted as data changes. */
    public static boolean isBookkeeping(Node graph) {
        return SYSTEM.equals(graph) || CHANGES.equals(graph) || HISTORY.equals(graph);
    }
}
