package org.w3id.hikb.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a source file row by row, in constant memory whatever its size: CSV with a header line, a JSON
 * array of objects (streamed, not loaded), or JSON lines. Column names are trimmed and their inner spaces
 * and line breaks collapsed; nested JSON members are named {@code outer.inner}.
 */
public final class RowReader implements Iterator<Row>, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Iterator<Row> rows;
    private final AutoCloseable resource;
    private final List<String> header;

    private RowReader(Iterator<Row> rows, AutoCloseable resource, List<String> header) {
        this.rows = rows;
        this.resource = resource;
        this.header = header;
    }

    private RowReader(Iterator<Row> rows, AutoCloseable resource) {
        this(rows, resource, List.of());
    }

    /** A CSV file's column names as a mapping refers to them (empty for JSON, whose members vary by row). */
    public List<String> header() { return header; }

    /** A malformed file whose reading cannot go on past this point. */
    public static final class Broken extends RuntimeException {
        public Broken(String message) { super(message); }
    }

    public static RowReader open(InputStream in, Mapping mapping) {
        Reader reader = new BufferedReader(new InputStreamReader(in, Charset.forName(mapping.encodingOrDefault())));
        try {
            skipByteOrderMark(reader);
            return switch (mapping.formatOrDefault()) {
                case "json" -> json(reader);
                case "jsonl" -> jsonLines(reader);
                default -> csv(reader, mapping.delimiterOrDefault());
            };
        } catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException e) {
            // Its first lines (the header of a CSV, the start of a JSON array) cannot be read.
            throw new Broken("The file cannot be read from its start: " + rootMessage(e));
        }
    }

    /**
     * A byte-order mark (as spreadsheet and CORDIS exports write) is no part of the text: left in, it stands
     * before a quoted first column name, which the CSV parser then reads with its quotes.
     */
    private static void skipByteOrderMark(Reader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') reader.reset();
    }

    private static RowReader csv(Reader reader, char delimiter) throws IOException {
        CSVParser parser = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setAllowMissingColumnNames(true).get().parse(reader);
        Map<String, Integer> header = new LinkedHashMap<>();
        parser.getHeaderMap().forEach((name, i) -> header.put(column(name), i));
        Iterator<CSVRecord> it = parser.iterator();
        Iterator<Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return it.hasNext();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new Broken("The CSV cannot be read past line " + parser.getCurrentLineNumber() + ": " + rootMessage(e));
                }
            }

            @Override
            public Row next() {
                CSVRecord r;
                try {
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new Broken("The CSV cannot be read past line " + parser.getCurrentLineNumber() + ": " + rootMessage(e));
                }
                Map<String, String> values = new LinkedHashMap<>();
                header.forEach((name, i) -> values.put(name, i < r.size() ? r.get(i) : ""));
                if (r.size() != header.size())
                    values.put(Row.class.getName() + ".width", r.size() + " fields where the header has " + header.size());
                return new Row(r.getRecordNumber(), parser.getCurrentLineNumber(), values);
            }
        };
        return new RowReader(rows, parser, List.copyOf(header.keySet()));
    }

    private static RowReader json(Reader reader) throws IOException {
        JsonParser p = JSON.getFactory().createParser(reader);
        if (p.nextToken() != JsonToken.START_ARRAY)
            throw new Broken("The JSON file is not an array of objects (line " + p.currentLocation().getLineNr() + ").");
        Iterator<Row> rows = new Iterator<>() {
            private JsonToken next = advance();
            private long n = 0;

            private JsonToken advance() {
                try {
                    return p.nextToken();
                } catch (IOException e) {
                    throw new Broken("The JSON cannot be read past line " + p.currentLocation().getLineNr() + ": " + e.getMessage());
                }
            }

            @Override
            public boolean hasNext() { return next == JsonToken.START_OBJECT; }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                long line = p.currentLocation().getLineNr();
                JsonNode node;
                try {
                    node = p.readValueAsTree();
                } catch (IOException e) {
                    throw new Broken("The JSON cannot be read past line " + line + ": " + e.getMessage());
                }
                next = advance();
                return new Row(++n, line, flatten(node));
            }
        };
        return new RowReader(rows, p);
    }

    private static RowReader jsonLines(Reader reader) {
        BufferedReader lines = new BufferedReader(reader);
        Iterator<Row> rows = new Iterator<>() {
            private long line = 0, n = 0;
            private String pending = read();

            private String read() {
                try {
                    String s;
                    do {
                        s = lines.readLine();
                        line++;
                    } while (s != null && s.isBlank());
                    return s;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() { return pending != null; }

            @Override
            public Row next() {
                if (pending == null) throw new NoSuchElementException();
                String text = pending;
                long at = line;
                pending = read();
                Map<String, String> values;
                try {
                    values = flatten(JSON.readTree(text));
                } catch (IOException e) {
                    values = Map.of(Row.class.getName() + ".error", "not a JSON object: " + e.getMessage().lines().findFirst().orElse(""));
                }
                return new Row(++n, at, values);
            }
        };
        return new RowReader(rows, lines);
    }

    private static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            out.put(Row.class.getName() + ".error", "not a JSON object");
            return out;
        }
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? column(e.getKey()) : prefix + "." + column(e.getKey()), e.getValue(), out));
        } else if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(v -> { if (joined.length() > 0) joined.append("; "); joined.append(v.isValueNode() ? v.asText() : v.toString()); });
            out.put(prefix, joined.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** Column names as a mapping refers to them: no surrounding spaces, inner white space as one space. */
    static String column(String name) {
        return name.replace('\uFEFF', ' ').strip().replaceAll("\\s+", " ");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    @Override
    public boolean hasNext() { return rows.hasNext(); }

    @Override
    public Row next() { return rows.next(); }

    @Override
    public void close() {
        try {
            resource.close();
        } catch (Exception e) {
            // Reading is over; a failure to close a reader loses nothing.
        }
    }
}
