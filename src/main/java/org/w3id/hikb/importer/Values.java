package org.w3id.hikb.importer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the values of real files: numbers as each country writes them, dates in their many forms, names as slugs. */
final class Values {
    private static final Pattern COLUMN = Pattern.compile("\\{([^{}]+)}");
    private static final List<String> DATE_FORMATS = List.of("yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy");

    private Values() {}

    /** Thrown for a value that cannot be read as the mapping says; the row is then skipped with this reason. */
    static final class BadValue extends RuntimeException {
        BadValue(String message) { super(message); }
    }

    /**
     * Expands {@code {column}} references; null if a referenced column is empty (the value is absent).
     * {@code {?column}} is optional: an empty column leaves nothing in its place.
     */
    static String expand(String template, Row row) {
        Matcher m = COLUMN.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            boolean optional = m.group(1).startsWith("?");
            String v = row.get(optional ? m.group(1).substring(1) : m.group(1));
            if (v.isEmpty() && !optional) return null;
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Lower-case letters, digits and single hyphens; long names are cut and made unique with a hash. */
    static String slug(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("đ", "d").replace("ł", "l");
        String slug = folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > 80) slug = slug.substring(0, 70).replaceAll("-+$", "") + "-" + hash(s);
        return slug;
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A number as written in the source: "2.512.137,88", "1,929,500", "49534418.62", "40.000,00 €".
     * When only one kind of separator appears, groups of exactly three digits after it mean thousands.
     */
    static BigDecimal decimal(String raw) {
        String s = raw.replaceAll("[\\s\\u00A0€$£*]|EUR|SEK|kr", "");
        if (s.isEmpty()) throw new BadValue("'" + raw + "' is not a number");
        int comma = s.lastIndexOf(','), point = s.lastIndexOf('.');
        String plain;
        if (comma >= 0 && point >= 0) {
            plain = comma > point ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            plain = s.matches("-?\\d{1,3}(,\\d{3})+") ? s.replace(",", "") : s.replace(',', '.');
        } else if (point >= 0 && s.matches("-?\\d{1,3}(\\.\\d{3}){2,}")) {
            plain = s.replace(".", "");
        } else {
            plain = s;
        }
        try {
            return new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new BadValue("'" + raw + "' is not a number");
        }
    }

    /** A share: "80%", "85,00 %", "0.75" or "75" (a percentage when above 1). */
    static BigDecimal rate(String raw) {
        boolean percent = raw.contains("%");
        BigDecimal v = decimal(raw.replace("%", ""));
        if (percent || v.compareTo(BigDecimal.ONE) > 0) v = v.movePointLeft(2);
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) throw new BadValue("'" + raw + "' is not a share between 0 and 100%");
        return v.stripTrailingZeros();
    }

    /**
     * A date in one of the mapping's patterns, else one of the usual ones; "2015-05" is a month. A mapping's
     * patterns come first and may carry a time ({@code yyyy-MM-dd HH:mm:ss}): only the date is kept. Returns
     * the lexical form and its type.
     */
    static String[] date(String raw, List<String> formats) {
        String s = raw.strip();
        for (String f : formats == null ? List.<String>of() : formats) {
            LocalDate d = parseDate(s, f);
            if (d != null) return new String[] { d.toString(), "date" };
        }
        if (s.length() > 10 && s.matches("\\d{4}-\\d{2}-\\d{2}[T ].*")) s = s.substring(0, 10);
        if (s.matches("\\d{4}-\\d{2}")) {
            try {
                return new String[] { YearMonth.parse(s).toString(), "gYearMonth" };
            } catch (DateTimeParseException e) {
                throw new BadValue("'" + raw + "' is not a month");
            }
        }
        if (s.matches("\\d{4}")) return new String[] { s, "gYear" };
        for (String f : DATE_FORMATS) {
            LocalDate d = parseDate(s, f);
            if (d != null) return new String[] { d.toString(), "date" };
        }
        throw new BadValue("'" + raw + "' is not a date");
    }

    /** The date a text gives in a pattern (a pattern with a time of day too), or null. */
    private static LocalDate parseDate(String s, String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).parse(s, LocalDate::from);
        } catch (DateTimeParseException e) {
            return null;
        } catch (IllegalArgumentException e) {
            throw new BadValue("'" + pattern + "' is not a date pattern: " + e.getMessage());
        }
    }

    static long integer(String raw) {
        try {
            return decimal(raw).longValueExact();
        } catch (ArithmeticException e) {
            throw new BadValue("'" + raw + "' is not a whole number");
        }
    }

    /** An ISO 3166 alpha-2 or alpha-3 code as the EU authority's three letters. */
    static String countryCode(String raw) {
        String s = raw.strip().toUpperCase(Locale.ROOT);
        if (s.matches("[A-Z]{3}")) return s;
        if (s.matches("[A-Z]{2}")) {
            if (s.equals("EL")) return "GRC";
            if (s.equals("UK")) return "GBR";
            try {
                return new Locale("", s).getISO3Country();
            } catch (MissingResourceException e) {
                throw new BadValue("'" + raw + "' is not a country code");
            }
        }
        throw new BadValue("'" + raw + "' is not a country code");
    }

    /** An ISO 639-1 language code as the EU authority's three letters (it to ITA). */
    static String languageCode(String raw) {
        String s = raw.strip().toLowerCase(Locale.ROOT);
        if (s.matches("[a-z]{3}")) return s.toUpperCase(Locale.ROOT);
        try {
            return new Locale(s).getISO3Language().toUpperCase(Locale.ROOT);
        } catch (MissingResourceException e) {
            throw new BadValue("'" + raw + "' is not a language code");
        }
    }
}
