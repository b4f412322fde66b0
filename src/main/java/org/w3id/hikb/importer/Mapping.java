package org.w3id.hikb.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.w3id.hikb.store.StoreException;

/**
 * How a CSV or JSON file becomes records, declared in a small YAML file so that a curator can bring in a
 * list of initiatives without writing Java. See {@code data/imports/README.md} for the format and
 * {@code data/imports/*.yaml} for the mappings of the public datasets.
 *
 * @param source    where the data comes from: it becomes the records' {@code dct:source} and the catalogue's provenance
 * @param format    {@code csv}, {@code json} (an array of objects) or {@code jsonl} (an object per line)
 * @param encoding  the file's character encoding (default UTF-8)
 * @param delimiter the CSV field separator (default ",")
 * @param joins     columns brought in from other files by a key
 * @param records   the records each row makes: the first is the row's own record, others (partners...) it links to
 * @param classify  rules that read the source's own classification, e.g. a programme part that means health
 */
public record Mapping(Source source, String format, String encoding, String delimiter, List<Join> joins,
                      List<RecordRule> records, List<Rule> classify) {

    /**
     * Columns taken from a second CSV file, matched on a key (for example a project's EuroSciVoc fields by its
     * id); several matching rows give several values, joined with {@code "; "}.
     *
     * @param file    the CSV file, relative to the import directory
     * @param key     its column holding the key
     * @param on      the main file's column holding the same key
     * @param columns the columns to bring into the row
     */
    public record Join(String file, String key, String on, List<String> columns) {}

    /**
     * @param id          short name: the graph is {@code https://w3id.org/hikb/graph/import/<id>}
     * @param file        the data file, relative to the directory given to the import
     * @param language    the language of the source's texts (it, de, en, sv, or another ISO 639-1 code)
     */
    public record Source(String id, String title, String description, String publisher, String licence,
                         String page, String rehostedBy, String file, String language) {}

    /**
     * @param type   the record type ({@code project}, {@code organisation}, ...)
     * @param id     template of the slug, e.g. {@code h2020-{Project Nbr}} (values are made slug-safe)
     * @param when   a condition on the row for this record to be made
     */
    public record RecordRule(String type, String id, Condition when, List<FieldRule> fields) {}

    /**
     * One statement made from a row.
     *
     * @param property a prefixed name such as {@code dct:title} or {@code hikb:startDate}
     * @param value    a template: text with {@code {column}} references
     * @param kind     text, string, uri, decimal, integer, rate, date, concept, country, currency, language or record
     * @param part     put the statement on the record's part ({@code funding}, {@code workPackage}, {@code pilot}, {@code outcome})
     * @param partId   a template naming the part when a record has several of one kind (one funding line per fund, say)
     * @param lang     for text: a language code, or {@code detect}
     * @param scheme   for a concept: its scheme ({@code theme}, {@code funding-source}, ...)
     * @param type     for a record link: the linked record's type
     * @param formats  for a date: the accepted patterns, e.g. {@code dd.MM.yyyy}
     * @param map      replaces a value by another before it is read (e.g. FESR to erdf)
     * @param split    a separator for a cell holding several values
     * @param when     a condition on the row for the statement to be made
     * @param required a row without this value is skipped, with the reason
     */
    public record FieldRule(String property, String value, String kind, String part, String partId, String lang, String scheme,
                            String type, List<String> formats, Map<String, String> map, String split,
                            Condition when, Boolean required) {
        public boolean isRequired() { return Boolean.TRUE.equals(required); }
        public String kindOrDefault() { return kind == null ? "string" : kind; }
    }

    /**
     * True for a row when the column equals a value, matches a pattern, or is not empty; with {@code all}, when
     * every one of several conditions (on the same or other columns) holds.
     */
    public record Condition(String column, @JsonProperty("equals") String equalTo, String matches, Boolean notEmpty,
                            List<Condition> all) {}

    /** When the condition holds, the record gets the theme as a derived theme. */
    public record Rule(Condition when, String theme) {}

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static Mapping read(Path file) {
        try {
            Mapping m = YAML.readValue(Files.newBufferedReader(file), Mapping.class);
            m.check(file.toString());
            return m;
        } catch (JsonMappingException e) {
            throw new StoreException("The mapping " + file + " is not valid: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new StoreException("Cannot read the mapping " + file + ": " + e.getMessage(), e);
        }
    }

    private void check(String name) {
        if (source == null || source.id() == null || !source.id().matches("[a-z0-9]+(-[a-z0-9]+)*"))
            throw new StoreException("The mapping " + name + " needs source.id: lower-case letters, digits and hyphens.");
        if (source.file() == null) throw new StoreException("The mapping " + name + " needs source.file.");
        if (records == null || records.isEmpty()) throw new StoreException("The mapping " + name + " makes no records.");
        if (!List.of("csv", "json", "jsonl").contains(formatOrDefault()))
            throw new StoreException("The mapping " + name + " has format '" + format + "': use csv, json or jsonl.");
        for (RecordRule r : records)
            for (FieldRule f : r.fields() == null ? List.<FieldRule>of() : r.fields())
                for (String pattern : f.formats() == null ? List.<String>of() : f.formats())
                    try {
                        java.time.format.DateTimeFormatter.ofPattern(pattern);
                    } catch (IllegalArgumentException e) {
                        throw new StoreException("The mapping " + name + " has the date pattern '" + pattern + "' for " + f.property()
                                + ", which is not one: " + e.getMessage());
                    }
    }

    public String formatOrDefault() { return format == null ? "csv" : format; }
    public String encodingOrDefault() { return encoding == null ? "UTF-8" : encoding; }
    public char delimiterOrDefault() { return delimiter == null || delimiter.isEmpty() ? ',' : delimiter.charAt(0); }
    public List<Rule> classifyOrEmpty() { return classify == null ? List.of() : classify; }
    public List<Join> joinsOrEmpty() { return joins == null ? List.of() : joins; }
}
