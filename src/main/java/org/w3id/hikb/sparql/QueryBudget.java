package org.w3id.hikb.sparql;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryNotificationInfo;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.management.NotificationEmitter;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.ARQConstants;
import org.apache.jena.sparql.algebra.Op;
import org.apache.jena.sparql.algebra.Transformer;
import org.apache.jena.sparql.algebra.TransformCopy;
import org.apache.jena.sparql.algebra.op.OpGroup;
import org.apache.jena.sparql.algebra.optimize.OptimizerStd;
import org.apache.jena.sparql.algebra.optimize.RewriteFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.expr.E_Function;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrConcat;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprAggregator;
import org.apache.jena.sparql.expr.ExprEvalException;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprList;
import org.apache.jena.sparql.expr.ExprTransformCopy;
import org.apache.jena.sparql.expr.NodeValue;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcat;
import org.apache.jena.sparql.expr.aggregate.AggGroupConcatDistinct;
import org.apache.jena.sparql.expr.aggregate.Accumulator;
import org.apache.jena.sparql.expr.aggregate.Aggregator;
import org.apache.jena.sparql.function.FunctionEnv;
import org.apache.jena.sparql.util.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.vocab.Namespaces;

/**
 * What keeps a SPARQL query within its budget where a timeout cannot reach: one step that never returns, and
 * memory. Applied to every query (and every update's pattern) before Jena optimizes it:
 * <ul>
 * <li>{@code REGEX}, {@code REPLACE}, {@code fn:matches} and {@code fn:replace} run on RE2/J, whose matching
 *     takes time linear in the input whatever the pattern, including patterns built while the query runs;
 *     a pattern RE2 cannot run in linear time (a back-reference) is refused with a reason;</li>
 * <li>{@code CONCAT}, {@code fn:concat}, {@code REPLACE} and {@code GROUP_CONCAT} stop at {@value #MAX_STRING}
 *     characters: the query is stopped with a reason instead of building a string that fills the heap;</li>
 * <li>when the heap is nearly full all the same (many large rows), the running queries are stopped, so that
 *     the {@code OutOfMemoryError} does not strike some other request.</li>
 * </ul>
 */
final class QueryBudget {
    private static final Logger LOG = LoggerFactory.getLogger(QueryBudget.class);
    static final int MAX_STRING = 4 * 1024 * 1024;
    private static final String FN = Namespaces.XPATH_FUNCTIONS;
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Set<QueryExec> RUNNING = ConcurrentHashMap.newKeySet();

    private QueryBudget() {}

    /** A query that would go past the budget: answered 400 (or 503 when it is the heap that ran short). */
    static final class ExceededException extends RuntimeException {
        ExceededException(String message) {
            super(message);
        }
    }

    /** Makes every query run with {@code context} go through {@link #rewrite} before Jena's own optimizer. */
    static void applyTo(Context context) {
        context.set(ARQConstants.sysOptimizerFactory, (RewriteFactory) cxt -> op -> new OptimizerStd(cxt).rewrite(rewrite(op)));
    }

    /**
     * What an update runs with: the global context (which forbids SERVICE) and the budget. An update's context
     * replaces the global one, so it must start from a copy of it.
     */
    static Context context() {
        Context context = ARQ.getContext().copy();
        context.set(ARQ.httpServiceAllowed, false);
        applyTo(context);
        return context;
    }

    /** The operator with its regular expressions on RE2/J and its string building capped. */
    static Op rewrite(Op op) {
        return Transformer.transform(new CappedGroupConcats(), new LinearExprs(), op);
    }

    /** While {@code exec} runs it is stopped if the heap runs short. */
    static void running(QueryExec exec) {
        RUNNING.add(exec);
    }

    static void finished(QueryExec exec) {
        RUNNING.remove(exec);
    }

    private static volatile boolean watching;

    /**
     * Watches the heap: once a collection leaves it more than 80 % full, every running query is stopped (its
     * client is told 503 and may try again). Writes are never stopped.
     */
    static synchronized void watchHeap() {
        if (watching) return;
        watching = true;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            long max = pool.getUsage().getMax();
            if (pool.getType() != MemoryType.HEAP || max <= 0) continue;
            if (pool.isCollectionUsageThresholdSupported()) pool.setCollectionUsageThreshold((long) (max * 0.8));
            if (pool.isUsageThresholdSupported()) pool.setUsageThreshold((long) (max * 0.9));
        }
        ((NotificationEmitter) ManagementFactory.getMemoryMXBean()).addNotificationListener((notification, handback) -> {
            String type = notification.getType();
            if (!type.equals(MemoryNotificationInfo.MEMORY_COLLECTION_THRESHOLD_EXCEEDED) && !type.equals(MemoryNotificationInfo.MEMORY_THRESHOLD_EXCEEDED))
                return;
            List<QueryExec> running = new ArrayList<>(RUNNING);
            if (running.isEmpty()) return;
            LOG.warn("The heap is nearly full: stopping the {} running SPARQL quer{}.", running.size(), running.size() == 1 ? "y" : "ies");
            running.forEach(exec -> {
                heapStopped.add(exec);
                exec.abort();
            });
        }, null, null);
    }

    private static final Set<QueryExec> heapStopped = ConcurrentHashMap.newKeySet();

    /** Whether {@code exec} was stopped because the heap ran short (rather than by its timeout). */
    static boolean stoppedForHeap(QueryExec exec) {
        return heapStopped.remove(exec);
    }

    /** REGEX, REPLACE, fn:matches, fn:replace and CONCAT, fn:concat replaced by their budgeted forms. */
    private static final class LinearExprs extends ExprTransformCopy {
        @Override
        public Expr transform(ExprFunctionN func, ExprList args) {
            if (func instanceof E_Regex) return new Matches(args);
            if (func instanceof E_StrReplace) return new Replace(args);
            if (func instanceof E_StrConcat) return new Concat(args);
            if (func instanceof E_Function f) {
                String iri = f.getFunctionIRI();
                if (iri.startsWith("java:"))
                    throw new ExceededException("Functions named by java: URIs are not served here: " + iri);
                if (iri.equals(FN + "matches")) return new Matches(args);
                if (iri.equals(FN + "replace")) return new Replace(args);
                if (iri.equals(FN + "concat")) return new Concat(args);
            }
            return super.transform(func, args);
        }
    }

    /** GROUP_CONCAT that stops at {@value #MAX_STRING} characters. */
    private static final class CappedGroupConcats extends TransformCopy {
        @Override
        public Op transform(OpGroup opGroup, Op subOp) {
            List<ExprAggregator> aggregators = new ArrayList<>();
            boolean changed = false;
            for (ExprAggregator ea : opGroup.getAggregators()) {
                Aggregator a = ea.getAggregator();
                Aggregator capped = a;
                if (a instanceof AggGroupConcat g) capped = new CappedGroupConcat(g.getExprList().get(0), g.getSeparator(), false);
                else if (a instanceof AggGroupConcatDistinct g) capped = new CappedGroupConcat(g.getExprList().get(0), g.getSeparator(), true);
                changed |= capped != a;
                aggregators.add(capped == a ? ea : new ExprAggregator(ea.getVar(), capped));
            }
            return changed ? OpGroup.create(subOp, opGroup.getGroupVars(), aggregators) : super.transform(opGroup, subOp);
        }
    }

    private static final class CappedGroupConcat extends AggGroupConcat {
        private final boolean distinct;

        CappedGroupConcat(Expr expr, String separator, boolean distinct) {
            super(expr, separator);
            this.distinct = distinct;
        }

        @Override
        public Aggregator copy(ExprList exprs) {
            return new CappedGroupConcat(exprs.get(0), getSeparator(), distinct);
        }

        @Override
        public Accumulator createAccumulator() {
            Expr expr = getExprList().get(0);
            String separator = getSeparator() == null ? " " : getSeparator();
            return new Accumulator() {
                private final StringBuilder text = new StringBuilder();
                private final Set<String> seen = distinct ? new HashSet<>() : null;
                private boolean first = true;

                @Override
                public void accumulate(Binding binding, FunctionEnv env) {
                    String s;
                    try {
                        s = expr.eval(binding, env).asString();
                    } catch (ExprEvalException e) {
                        return;
                    }
                    if (seen != null && !seen.add(s)) return;
                    if ((long) text.length() + separator.length() + s.length() > MAX_STRING) throw tooLong("GROUP_CONCAT");
                    if (!first) text.append(separator);
                    text.append(s);
                    first = false;
                }

                @Override
                public NodeValue getValue() {
                    return NodeValue.makeString(text.toString());
                }
            };
        }
    }

    private static ExceededException tooLong(String what) {
        return new ExceededException(what + " would build a string of more than " + MAX_STRING + " characters; the query was stopped. "
                + "Build smaller strings, or fewer of them.");
    }

    /** REGEX(text, pattern [, flags]) and fn:matches, on RE2/J. */
    private static final class Matches extends ExprFunctionN {
        Matches(ExprList args) {
            super("regex", args);
            if (args.size() < 2 || args.size() > 3) throw new ExceededException("REGEX takes 2 or 3 arguments.");
            constantPattern(args, 1, args.size() == 3 ? 2 : -1);
        }

        @Override
        public NodeValue eval(List<NodeValue> args) {
            Pattern p = pattern(args.get(1), args.size() == 3 ? args.get(2) : null);
            return NodeValue.makeBoolean(p.matcher(text(args.get(0))).find());
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Matches(newArgs);
        }
    }

    /** REPLACE(text, pattern, replacement [, flags]) and fn:replace, on RE2/J, capped. */
    private static final class Replace extends ExprFunctionN {
        Replace(ExprList args) {
            super("replace", args);
            if (args.size() < 3 || args.size() > 4) throw new ExceededException("REPLACE takes 3 or 4 arguments.");
            constantPattern(args, 1, args.size() == 4 ? 3 : -1);
        }

        @Override
        public NodeValue eval(List<NodeValue> args) {
            NodeValue input = args.get(0);
            Pattern p = pattern(args.get(1), args.size() == 4 ? args.get(3) : null);
            String replacement = text(args.get(2));
            Matcher m = p.matcher(text(input));
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                if (m.end() == m.start()) throw new ExprEvalException("REPLACE: the pattern matches the empty string");
                m.appendReplacement(out, replacement);
                if (out.length() > MAX_STRING) throw tooLong("REPLACE");
            }
            m.appendTail(out);
            if (out.length() > MAX_STRING) throw tooLong("REPLACE");
            String result = out.toString();
            return input.asNode().getLiteralLanguage().isEmpty() ? NodeValue.makeString(result)
                    : NodeValue.makeLangString(result, input.asNode().getLiteralLanguage());
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Replace(newArgs);
        }
    }

    /** CONCAT and fn:concat: refused before the string is built when it would pass the cap. */
    private static final class Concat extends ExprFunctionN {
        private final E_StrConcat concat;

        Concat(ExprList args) {
            super("concat", args);
            this.concat = new E_StrConcat(args);
        }

        @Override
        public NodeValue eval(List<NodeValue> args) {
            long length = 0;
            for (NodeValue v : args) if (v.isLiteral()) length += v.asNode().getLiteralLexicalForm().length();
            if (length > MAX_STRING) throw tooLong("CONCAT");
            return concat.eval(args);
        }

        @Override
        public Expr copy(ExprList newArgs) {
            return new Concat(newArgs);
        }
    }

    /** A string argument (a simple literal, xsd:string or a language-tagged string), as SPARQL requires. */
    private static String text(NodeValue v) {
        if (!v.isString() && !v.isLangString()) throw new ExprEvalException("Not a string: " + v);
        return v.asNode().getLiteralLexicalForm();
    }

    /** A pattern written in the query is checked as the query is prepared, so that a bad one is refused at once. */
    private static void constantPattern(ExprList args, int pattern, int flags) {
        Expr p = args.get(pattern);
        Expr f = flags < 0 ? null : args.get(flags);
        if (p.isConstant() && (f == null || f.isConstant())) {
            try {
                pattern(p.getConstant(), f == null ? null : f.getConstant());
            } catch (ExprEvalException e) {
                throw new ExceededException(e.getMessage());
            }
        }
    }

    private static Pattern pattern(NodeValue pattern, NodeValue flags) {
        String p = text(pattern);
        String f = flags == null ? "" : text(flags);
        String key = f + "/" + p;
        Pattern compiled = PATTERNS.get(key);
        if (compiled != null) return compiled;
        int mask = 0;
        for (char c : f.toCharArray()) {
            switch (c) {
                case 'i' -> mask |= Pattern.CASE_INSENSITIVE;
                case 's' -> mask |= Pattern.DOTALL;
                case 'm' -> mask |= Pattern.MULTILINE;
                case 'x' -> p = p.replaceAll("[\\s]", "");
                case 'q' -> p = Pattern.quote(p);
                default -> throw new ExprEvalException("Unknown regular expression flag '" + c + "' (i, s, m, x and q are known).");
            }
        }
        try {
            compiled = Pattern.compile(p, mask);
        } catch (PatternSyntaxException e) {
            throw new ExprEvalException("The regular expression \"" + pattern.asUnquotedString() + "\" cannot be used: " + e.getDescription()
                    + " (regular expressions run on RE2, in time linear in the text, so back-references are not available).");
        }
        if (PATTERNS.size() > 1000) PATTERNS.clear();
        PATTERNS.put(key, compiled);
        return compiled;
    }

    /** Whether an exception out of a query is this budget's: its message is what the client is told. */
    static ExceededException exceeded(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof ExceededException x) return x;
        return null;
    }
}
