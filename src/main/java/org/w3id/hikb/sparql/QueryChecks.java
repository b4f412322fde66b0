package org.w3id.hikb.sparql;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.jena.query.Query;
import org.apache.jena.sparql.algebra.Algebra;
import org.apache.jena.sparql.algebra.OpVisitorBase;
import org.apache.jena.sparql.algebra.walker.Walker;
import org.apache.jena.sparql.expr.E_Regex;
import org.apache.jena.sparql.expr.E_StrReplace;
import org.apache.jena.sparql.expr.Expr;
import org.apache.jena.sparql.expr.ExprFunctionN;
import org.apache.jena.sparql.expr.ExprVisitorBase;

/**
 * Checks a public query must pass before it runs, against two things a timeout cannot stop: a query nested
 * so deeply that parsing it overflows the stack, and a regular expression that backtracks exponentially
 * (one evaluation of {@code REGEX(?x, "^(a+)+$")} on a long string never returns to where a timeout is
 * checked).
 */
final class QueryChecks {
    static final int MAX_NESTING = 200;
    /** A group with a quantifier inside, quantified again: (a+)+, (\w*)*, (x+){2,}. */
    private static final Pattern NESTED_QUANTIFIER = Pattern.compile("\\((?:[^()\\\\]|\\\\.)*[+*}](?:[^()\\\\]|\\\\.)*\\)\\s*[+*{]");

    private QueryChecks() {}

    /** Why the text of a query is refused before parsing, or null. */
    static String nesting(String text) {
        int depth = 0, max = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '(' || c == '[') max = Math.max(max, ++depth);
            else if (c == '}' || c == ')' || c == ']') depth--;
        }
        return max > MAX_NESTING ? "The query is nested " + max + " levels deep; at most " + MAX_NESTING + " are accepted." : null;
    }

    /** Why a parsed query is refused, or null. */
    static String patterns(Query query) {
        String text = query.toString();
        if (!text.contains("REGEX") && !text.contains("regex") && !text.contains("REPLACE") && !text.contains("replace")) return null;
        List<String> bad = new ArrayList<>();
        ExprVisitorBase visitor = new ExprVisitorBase() {
            @Override
            public void visit(ExprFunctionN f) {
                if (f instanceof E_Regex || f instanceof E_StrReplace) {
                    Expr pattern = f.getArg(2);
                    if (pattern.isConstant() && NESTED_QUANTIFIER.matcher(pattern.getConstant().asUnquotedString()).find())
                        bad.add(pattern.getConstant().asUnquotedString());
                }
            }
        };
        Walker.walk(Algebra.compile(query), new OpVisitorBase(), visitor);
        return bad.isEmpty() ? null
                : "The regular expression \"" + bad.get(0) + "\" repeats a repeated group, which can take exponential time; write it without the nested repetition.";
    }
}
