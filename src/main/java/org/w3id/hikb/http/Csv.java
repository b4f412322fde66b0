package org.w3id.hikb.http;

/** CSV as RFC 4180 writes it, safe to open in a spreadsheet. */
public final class Csv {
    private Csv() {}

    /**
     * One cell. A text that a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, a
     * tab or a carriage return first; OWASP's list), unless it is a signed number, is prefixed with an
     * apostrophe; a cell with a comma, quote or line break is quoted.
     */
    public static String cell(String s) {
        return cell(s, ',');
    }

    /** One cell of a file whose cells are separated by {@code separator} (';' for spreadsheets in most European locales). */
    public static String cell(String s, char separator) {
        if (s == null) return "";
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("[-+]\\d+(\\.\\d+)?")) s = "'" + s;
        if (s.indexOf(separator) >= 0 || s.contains("\"") || s.contains("\n") || s.contains("\r"))
            return "\"" + s.replace("\"", "\"\"") + "\"";
        return s;
    }
}
