package org.w3id.hikb.sparql;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.atlas.lib.Lib;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingFactory;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionBase;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Context;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.SearchResult;

/**
 * The search index inside SPARQL, as the property function {@code text:query}
 * ({@value #URI}), shaped like jena-text's:
 * <pre>
 * PREFIX text: &lt;https://w3id.org/hikb/text#&gt;
 * SELECT ?record ?score WHERE { (?record ?score) text:query ("telemedicina aree rurali" 20) }
 * </pre>
 * The subject is the record (or a list of the record and its score); the object is the words, or a list of
 * the words and the most records to return (default 100). It runs the same multilingual, cross-lingual
 * search as {@code /api/search}.
 */
public final class TextQuery extends PropertyFunctionBase {
    public static final String NS = "https://w3id.org/hikb/text#";
    public static final String URI = NS + "query";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;
    private final RecordSearcher searcher;

    private TextQuery(RecordSearcher searcher) {
        this.searcher = searcher;
    }

    /** Registers the function in a query context (not globally: tests and other datasets are unaffected). */
    public static void register(Context context, RecordSearcher searcher) {
        PropertyFunctionRegistry registry = PropertyFunctionRegistry.createFrom(PropertyFunctionRegistry.get());
        registry.put(URI, uri -> new TextQuery(searcher));
        PropertyFunctionRegistry.set(context, registry);
    }

    @Override
    public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
        if (subject.isList() && (subject.getArgListSize() < 1 || subject.getArgListSize() > 2))
            throw new QueryBuildException("text:query: the subject is ?record or (?record ?score)");
        if (object.isList() && (object.getArgListSize() < 1 || object.getArgListSize() > 2))
            throw new QueryBuildException("text:query: the object is \"words\" or (\"words\" limit)");
    }

    @Override
    public QueryIterator exec(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
        Node words = resolve(object.isList() ? object.getArg(0) : object.getArg(), binding);
        if (!words.isLiteral()) throw new ExprEvalException("text:query: the words must be a string");
        int limit = DEFAULT_LIMIT;
        if (object.isList() && object.getArgListSize() == 2) {
            Node l = resolve(object.getArg(1), binding);
            try {
                limit = Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(l.getLiteralLexicalForm())));
            } catch (RuntimeException e) {
                throw new ExprEvalException("text:query: the limit must be a number");
            }
        }
        Node recordArg = subject.isList() ? subject.getArg(0) : subject.getArg();
        Node scoreArg = subject.isList() && subject.getArgListSize() == 2 ? subject.getArg(1) : null;
        Node record = resolve(recordArg, binding);
        List<Binding> out = new ArrayList<>();
        for (SearchResult.Hit hit : searcher.textSearch(words.getLiteralLexicalForm(),
                org.w3id.hikb.records.Lang.of(words.getLiteralLanguage()).orElse(org.w3id.hikb.records.Lang.EN), limit)) {
            Node found = NodeFactory.createURI(hit.id());
            if (!record.isVariable() && !record.equals(found)) continue;
            var b = BindingFactory.builder(binding);
            if (record.isVariable()) b.add(Var.alloc(record), found);
            if (scoreArg != null && scoreArg.isVariable())
                b.add(Var.alloc(scoreArg), NodeFactory.createLiteralDT(Float.toString(hit.score()), XSDDatatype.XSDfloat));
            out.add(b.build());
        }
        return QueryIterPlainWrapper.create(out.iterator(), cxt);
    }

    private static Node resolve(Node n, Binding binding) {
        if (n.isVariable()) {
            Node v = binding.get(Var.alloc(n));
            return v == null ? n : v;
        }
        return n;
    }

    @Override
    public String toString() { return Lib.className(this) + "(" + URI + ")"; }
}
