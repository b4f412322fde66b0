package org.w3id.hikb.load;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.WritePath;

/**
 * Loads files into their named graphs through the write path, all of them in one transaction.
 * Idempotent: a file whose bytes have not changed since it was last loaded is skipped; a changed file
 * replaces its graph. Every file is parsed before anything is written, and every parse error is reported.
 */
public final class Loader {
    private final KnowledgeStore store;
    private final WritePath writes;

    public Loader(KnowledgeStore store, WritePath writes) {
        this.store = store;
        this.writes = writes;
    }

    /** What a load did. */
    public record Report(List<String> loaded, List<String> unchanged, Commit commit) {}

    public Report load(List<SourceFile> files, String agent) {
        List<Change.GraphContent> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Violation> parseErrors = new ArrayList<>();
        for (SourceFile f : files) {
            String hash = f.contentHash();
            if (hash.equals(store.read(dsg -> storedHash(dsg, f.graph())))) {
                unchanged.add(f.name());
                continue;
            }
            try {
                changed.add(new Change.GraphContent(f.graph(), RdfFiles.parse(f.path(), f.name()), f.name(), hash));
            } catch (InvalidDataException e) {
                parseErrors.addAll(e.violations());
            }
        }
        if (!parseErrors.isEmpty())
            throw new InvalidDataException(parseErrors.size() + " file(s) could not be parsed; nothing was loaded.", parseErrors);
        if (changed.isEmpty())
            return new Report(List.of(), unchanged, null);
        Commit commit = writes.commit(new Change.ReplaceGraphs(changed), agent);
        return new Report(changed.stream().map(Change.GraphContent::sourceName).toList(), unchanged, commit);
    }

    private static String storedHash(DatasetGraph dsg, Node graph) {
        var it = dsg.find(GraphNames.SYSTEM, graph, HIKB.contentHash, Node.ANY);
        return it.hasNext() ? it.next().getObject().getLiteralLexicalForm() : null;
    }

    /** True when the store holds no data yet: the first {@code serve} then loads the bundle. */
    public boolean storeIsEmpty() {
        return store.read(dsg -> !dsg.find(Node.ANY, Node.ANY, Node.ANY, Node.ANY).hasNext());
    }
}
