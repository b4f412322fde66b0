package org.w3id.hikb.store;

/**
 * One reason why data was refused, readable by a person: which record, which property, what is wrong.
 *
 * @param record   the record the problem belongs to (its URI), or null for a whole file
 * @param focus    the node the rule was checked on (the record itself or one of its parts)
 * @param property the property (as a prefixed name where possible), or null
 * @param message  what is wrong, in plain words
 * @param value    the offending value, or null
 * @param where    the file or graph the data came from, or null
 * @param rule     the SHACL constraint that failed ({@code MinCount}, {@code Datatype}, ...), or null
 */
public record Violation(String record, String focus, String property, String message, String value, String where, String rule) {

    /** A problem with a whole file, such as a syntax error. */
    public static Violation inFile(String where, String message) {
        return new Violation(null, null, null, message, null, where, null);
    }

    /** One line for a terminal or a log. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (where != null) sb.append(where).append(": ");
        if (record != null) {
            sb.append("record <").append(record).append('>');
            if (focus != null && !focus.equals(record)) sb.append(" (at <").append(focus).append(">)");
            sb.append(", ");
        }
        if (property != null) sb.append("property ").append(property).append(": ");
        sb.append(message);
        if (value != null) sb.append(" [value: ").append(value).append(']');
        return sb.toString();
    }
}
