package org.w3id.hikb.importer;

import java.util.Map;
import java.util.regex.Pattern;

/** One row of a source: its position for error messages, and its values by column name. */
public record Row(long number, long line, Map<String, String> values) {

    public String get(String column) {
        String v = values.get(column);
        return v == null ? "" : v.strip();
    }

    /** The same row with more columns (from a join). */
    public Row with(Map<String, String> more) {
        if (more.isEmpty()) return this;
        Map<String, String> all = new java.util.LinkedHashMap<>(values);
        all.putAll(more);
        return new Row(number, line, all);
    }

    public String where() {
        return "row " + number + " (line " + line + ")";
    }

    /** Whether a mapping's condition holds for this row (no condition always holds). */
    public boolean satisfies(Mapping.Condition c) {
        if (c == null) return true;
        if (c.all() != null)
            for (Mapping.Condition each : c.all())
                if (!satisfies(each)) return false;
        if (c.column() == null) return true;
        String v = get(c.column());
        if (c.equalTo() != null && !c.equalTo().equals(v)) return false;
        if (c.matches() != null && !Pattern.compile(c.matches()).matcher(v).find()) return false;
        return !Boolean.TRUE.equals(c.notEmpty()) || !v.isEmpty();
    }
}
