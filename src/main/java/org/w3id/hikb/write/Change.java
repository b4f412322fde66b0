package org.w3id.hikb.write;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;

/**
 * A write, in any of the forms the knowledge base accepts. Each form says how to apply itself to the
 * recording view of the store; the {@link WritePath} does the rest (validation, change log, index) the same
 * way for all of them.
 */
public sealed interface Change {

    /** A short name for the change log, such as {@code load}. */
    String operation();

    /** Applies the change to the view; runs inside the write transaction. */
    void applyTo(DatasetGraph view);

    /** The new content of a named graph, from a file; {@code contentHash} identifies the file's bytes. */
    record GraphContent(Node graph, Graph content, String sourceName, String contentHash) {}

    /**
     * Makes each named graph hold exactly the given content (adding only what is new and deleting only what
     * went), and remembers each source file's hash so an unchanged file is not loaded again.
     */
    record ReplaceGraphs(List<GraphContent> graphs) implements Change {
        @Override
        public String operation() { return "load"; }

        @Override
        public void applyTo(DatasetGraph view) {
            for (GraphContent gc : graphs) {
                Graph target = view.getGraph(gc.graph());
                List<Triple> gone = new ArrayList<>();
                target.find().forEachRemaining(t -> { if (!gc.content().contains(t)) gone.add(t); });
                gone.forEach(target::delete);
                gc.content().find().forEachRemaining(target::add);
                rememberSource(view, gc);
            }
        }

        private static void rememberSource(DatasetGraph view, GraphContent gc) {
            view.deleteAny(GraphNames.SYSTEM, gc.graph(), Node.ANY, Node.ANY);
            view.add(GraphNames.SYSTEM, gc.graph(), HIKB.sourceFile, NodeFactory.createLiteralString(gc.sourceName()));
            view.add(GraphNames.SYSTEM, gc.graph(), HIKB.contentHash, NodeFactory.createLiteralString(gc.contentHash()));
        }
    }
}
