package org.w3id.hikb.sparql;

/**
 * A check a public query must pass before it is parsed: a query nested so deeply that parsing it would
 * overflow the stack is refused. (What a query may do once it runs is {@link QueryBudget}'s.)
 */
final class QueryChecks {
    static final int MAX_NESTING = 200;

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
}
