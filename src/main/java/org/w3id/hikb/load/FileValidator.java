package org.w3id.hikb.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.store.ShapeValidator;
import org.w3id.hikb.store.Violation;

/**
 * Checks files against the shapes without a store: the bundle (ontology, shapes, concepts, records) is read
 * into memory, the files take the place of their bundle namesakes, and the subjects of the files are
 * validated in that context, so references to records in other files resolve as they would in the store.
 */
public final class FileValidator {
    private final Bundle bundle;

    public FileValidator(Bundle bundle) {
        this.bundle = bundle;
    }

    /** The violations of the files; throws {@link InvalidDataException} for a file that does not parse. */
    public List<Violation> validate(List<SourceFile> files) {
        Map<Node, Graph> graphs = new LinkedHashMap<>();
        for (SourceFile f : bundle.files())
            graphs.put(f.graph(), RdfFiles.parse(f.path(), f.name()));
        Set<Node> focus = new LinkedHashSet<>();
        List<Violation> parseErrors = new ArrayList<>();
        for (SourceFile f : files) {
            try {
                Graph g = RdfFiles.parse(f.path(), f.name());
                graphs.put(f.graph(), g);
                g.find().forEachRemaining(t -> focus.add(t.getSubject()));
            } catch (InvalidDataException e) {
                parseErrors.addAll(e.violations());
            }
        }
        if (!parseErrors.isEmpty())
            throw new InvalidDataException(parseErrors.size() + " file(s) could not be parsed.", parseErrors);
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        graphs.forEach(dsg::addGraph);
        ShapeValidator validator = new ShapeValidator(dsg.getGraph(GraphNames.SHAPES));
        Map<Node, String> whereOf = new LinkedHashMap<>();
        for (SourceFile f : files)
            graphs.get(f.graph()).find().forEachRemaining(t -> whereOf.putIfAbsent(t.getSubject(), f.name()));
        return validator.validate(dsg.getUnionGraph(), focus, n -> whereOf.get(n));
    }
}
