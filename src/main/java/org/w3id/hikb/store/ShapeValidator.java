package org.w3id.hikb.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.Severity;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.core.Prologue;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.vocab.Namespaces;

/**
 * Checks data against the SHACL shapes of {@code ontology/shapes.ttl} and says what is wrong in words a
 * curator understands: the record, the property, the rule. Only {@code sh:Violation} refuses data;
 * warnings and infos are reported but let the data in.
 */
public final class ShapeValidator {
    private static final PrefixMapping PREFIXES = Namespaces.prefixes().lock();
    private static final Prologue PROLOGUE = new Prologue(PREFIXES);
    private final Shapes shapes;

    public ShapeValidator(Graph shapesGraph) {
        this.shapes = Shapes.parse(shapesGraph);
    }

    /** Every violation in the whole data graph. */
    public List<Violation> validate(Graph data, Function<Node, String> whereOf) {
        return violations(ShaclValidator.get().validate(shapes, data), whereOf);
    }

    /** The violations of the given focus nodes only: what a small change needs checking. */
    public List<Violation> validate(Graph data, Collection<Node> focusNodes, Function<Node, String> whereOf) {
        List<Violation> out = new ArrayList<>();
        for (Node focus : focusNodes)
            out.addAll(violations(ShaclValidator.get().validate(shapes, data, focus), whereOf));
        return out;
    }

    private static List<Violation> violations(ValidationReport report, Function<Node, String> whereOf) {
        List<Violation> out = new ArrayList<>();
        Iterator<ReportEntry> it = report.getEntries().iterator();
        while (it.hasNext()) {
            ReportEntry e = it.next();
            if (!Severity.Violation.equals(e.severity()))
                continue;
            Node focus = e.focusNode();
            out.add(new Violation(
                    RecordId.ownerOf(focus),
                    focus.isURI() ? focus.getURI() : focus.toString(),
                    e.resultPath() == null ? null : e.resultPath().toString(PROLOGUE),
                    e.message(),
                    e.value() == null ? null : show(e.value()),
                    whereOf.apply(focus),
                    rule(e)));
        }
        return out;
    }

    /** The constraint component's local name, without "ConstraintComponent": MinCount, Datatype, Pattern... */
    private static String rule(ReportEntry e) {
        Node c = e.sourceConstraintComponent();
        if (c == null || !c.isURI()) return null;
        String local = c.getURI().substring(c.getURI().lastIndexOf('#') + 1);
        return local.endsWith("ConstraintComponent") ? local.substring(0, local.length() - "ConstraintComponent".length()) : local;
    }

    private static String show(Node value) {
        if (value.isURI())
            return PREFIXES.shortForm(value.getURI());
        return value.toString(); // a literal with its language tag or datatype
    }
}
