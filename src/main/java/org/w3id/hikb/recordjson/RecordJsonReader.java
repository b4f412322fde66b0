package org.w3id.hikb.recordjson;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIException;
import org.apache.jena.irix.IRIx;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * The way back from the JSON form of a record to its statements: the same field table as {@link RecordJson},
 * read the other way. A curator can GET a record, edit it, and PUT it back. Read-only members ({@code id},
 * {@code slug}, {@code type}, {@code display}, {@code etag}, link labels) are accepted and ignored, or checked;
 * anything the table does not know is an error that names its place with a JSON pointer (RFC 6901).
 */
public final class RecordJsonReader {
    private static final Set<String> READ_ONLY = Set.of("id", "slug", "type", "display", "etag");
    private static final Set<String> INTEGERS = Set.of("order", "quantity", "participantCount");
    private static final Pattern LANG_TAG = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
    private static final Map<String, Node> PART_CLASSES = Map.of("funding", HIKB.Funding,
            "workPackages", HIKB.WorkPackage, "pilots", HIKB.Pilot,
            "outcomes", HIKB.Outcome);
    private static final String CURRENCY = Namespaces.CURRENCY;

    /** A member of the body that cannot be used: where it is and why. */
    public record Problem(String pointer, String message) {}

    /** The body cannot be turned into statements; each problem names its member. */
    public static final class BadRecordException extends RuntimeException {
        private final List<Problem> problems;

        BadRecordException(List<Problem> problems) {
            super(problems.size() + " problem(s) in the record's JSON: " + problems.get(0).pointer() + " " + problems.get(0).message());
            this.problems = problems;
        }

        public List<Problem> problems() { return problems; }
    }

    private final RecordId id;
    private final Graph g = GraphFactory.createDefaultGraph();
    private final List<Problem> problems = new ArrayList<>();

    private RecordJsonReader(RecordId id) {
        this.id = id;
    }

    /** Which record a JSON form is: its {@code type} and {@code slug}, or its {@code id}. */
    public static RecordId idOf(JsonNode json) {
        String type = json.path("type").asText(""), slug = json.path("slug").asText("");
        if (type.isEmpty() && slug.isEmpty() && json.path("id").isTextual()) {
            return RecordId.ofUri(json.path("id").asText()).orElseThrow(() ->
                    new BadRecordException(List.of(new Problem("/id", "is not a record URI of this knowledge base"))));
        }
        var t = org.w3id.hikb.records.RecordType.ofSegment(type);
        if (t.isEmpty())
            throw new BadRecordException(List.of(new Problem("/type", "must be one of "
                    + java.util.Arrays.stream(org.w3id.hikb.records.RecordType.values()).map(org.w3id.hikb.records.RecordType::segment).toList())));
        if (!RecordId.isSlug(slug))
            throw new BadRecordException(List.of(new Problem("/slug", "must be lower-case letters and digits in groups joined by single hyphens, at most 120 characters")));
        return new RecordId(t.get(), slug);
    }

    /** More values than any record has: a record of 150,000 titles would hold the write path for half a minute. */
    static final int MAX_VALUES = 5_000;

    /** The statements of the record {@code id} that {@code body} describes. */
    public static Graph read(RecordId id, JsonNode body) {
        int values = countValues(body, MAX_VALUES + 1);
        if (values > MAX_VALUES)
            throw new BadRecordException(List.of(new Problem("", "a record may hold at most " + MAX_VALUES + " values; this one holds more")));
        RecordJsonReader r = new RecordJsonReader(id);
        r.record(body);
        if (!r.problems.isEmpty()) throw new BadRecordException(r.problems);
        return r.g;
    }

    /** The values (leaves) of a JSON tree, counted up to {@code stop}. */
    private static int countValues(JsonNode n, int stop) {
        if (n.isValueNode()) return 1;
        int count = 0;
        for (JsonNode child : n) {
            count += countValues(child, stop - count);
            if (count >= stop) return count;
        }
        return count;
    }

    private void record(JsonNode body) {
        if (!body.isObject()) {
            problem("", "a record is a JSON object");
            return;
        }
        check(body, "id", id.uri());
        check(body, "slug", id.slug());
        check(body, "type", id.type().segment());
        Node self = id.node();
        fields(body, "", self, RecordJson.RECORD);
        if (!g.contains(self, Terms.TYPE, Node.ANY)) g.add(Triple.create(self, Terms.TYPE, id.type().rdfClass()));
    }

    private void check(JsonNode body, String member, String expected) {
        JsonNode v = body.get(member);
        if (v != null && !v.asText().equals(expected))
            problem("/" + member, "is '" + v.asText() + "', but this record's " + member + " is '" + expected + "'");
    }

    private void fields(JsonNode object, String at, Node subject, List<RecordJson.Field> fields) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (subject.equals(id.node()) && READ_ONLY.contains(name)) continue;
            if (!subject.equals(id.node()) && name.equals("id")) continue;
            RecordJson.Field f = fields.stream().filter(x -> x.json().equals(name)).findFirst().orElse(null);
            if (f == null) {
                problem(at + "/" + escape(name), "is not a field of a record" + (subject.equals(id.node()) ? "" : " part"));
                continue;
            }
            JsonNode value = object.get(name);
            if (value.isNull()) continue;
            value(at + "/" + escape(name), subject, f, value);
        }
    }

    private void value(String at, Node s, RecordJson.Field f, JsonNode v) {
        switch (f.kind()) {
            case LANG_TEXT -> byLanguage(at, v, (lang, text, where) -> add(s, f.property(), literal(where, text, lang)));
            case LANG_TEXTS -> byLanguage(at, v, (lang, texts, where) -> {
                if (!texts.isArray()) { problem(where, "is a list of texts"); return; }
                for (int i = 0; i < texts.size(); i++) add(s, f.property(), literal(where + "/" + i, texts.get(i), lang));
            });
            case STRINGS -> each(at, v, (item, where) -> add(s, f.property(), literal(where, item, null)));
            case URLS -> each(at, v, (item, where) -> add(s, f.property(), iri(where, item.asText(), true)));
            case LITERAL -> add(s, f.property(), typed(at, f, v));
            case NUMBER -> add(s, f.property(), number(at, f, v));
            case REF -> add(s, f.property(), ref(at, v));
            case REFS -> each(at, v, (item, where) -> add(s, f.property(), ref(where, item)));
            case COUNTRIES -> each(at, v, (item, where) -> add(s, f.property(), country(where, item)));
            case LANGUAGES -> each(at, v, (item, where) -> add(s, f.property(), language(where, item)));
            case CURRENCY -> add(s, f.property(), v.isTextual() && v.asText().matches("[A-Z]{3}")
                    ? NodeFactory.createURI(CURRENCY + v.asText()) : problemNode(at, "is a currency code such as EUR"));
            case PARTS -> each(at, v, (item, where) -> part(where, s, f, item));
        }
    }

    private void part(String at, Node owner, RecordJson.Field f, JsonNode item) {
        if (!item.isObject()) {
            problem(at, "is an object");
            return;
        }
        String index = at.substring(at.lastIndexOf('/') + 1);
        String given = item.path("id").asText("");
        Node part;
        if (given.isEmpty()) {
            part = NodeFactory.createURI(id.uri() + "#" + f.json() + "-" + index);
        } else if (given.startsWith(id.uri() + "#") && given.length() > id.uri().length() + 1 && given.substring(id.uri().length() + 1).matches("[A-Za-z0-9_-]+")) {
            part = NodeFactory.createURI(given);
        } else {
            problem(at + "/id", "a part's id is the record's URI, '#' and a name (letters, digits, '-', '_')");
            return;
        }
        add(owner, f.property(), part);
        add(part, Terms.TYPE, PART_CLASSES.get(f.json()));
        fields(item, at, part, f.parts());
    }

    private interface ByLanguage { void accept(String lang, JsonNode value, String where); }
    private interface Each { void accept(JsonNode item, String where); }

    private void byLanguage(String at, JsonNode v, ByLanguage each) {
        if (!v.isObject()) {
            problem(at, "is an object of texts by language, such as {\"it\": \"...\", \"en\": \"...\"}");
            return;
        }
        v.fields().forEachRemaining(e -> {
            String lang = e.getKey();
            if (!lang.equals("und") && !LANG_TAG.matcher(lang).matches())
                problem(at + "/" + escape(lang), "is not a language tag");
            else
                each.accept(lang.equals("und") ? null : lang, e.getValue(), at + "/" + escape(lang));
        });
    }

    private void each(String at, JsonNode v, Each each) {
        if (!v.isArray()) {
            problem(at, "is a list");
            return;
        }
        for (int i = 0; i < v.size(); i++) each.accept(v.get(i), at + "/" + i);
    }

    private Node literal(String at, JsonNode v, String lang) {
        if (!v.isTextual()) return problemNode(at, "is a text");
        String text = v.asText();
        String bad = badCharacter(text);
        if (bad != null) return problemNode(at, bad);
        if (text.isBlank()) return problemNode(at, "is empty");
        return lang == null ? NodeFactory.createLiteralString(text) : NodeFactory.createLiteralLang(text, lang);
    }

    /** Why a text cannot be stored (a control character, a lone surrogate), or null. */
    static String badCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r')
                return "contains a control character (U+" + String.format("%04X", (int) c) + ") at position " + i;
            if (Character.isHighSurrogate(c) && (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
                return "contains a broken character at position " + i;
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))))
                return "contains a broken character at position " + i;
        }
        return null;
    }

    private Node typed(String at, RecordJson.Field f, JsonNode v) {
        if (!v.isTextual()) return problemNode(at, "is a text");
        String s = v.asText().strip();
        RDFDatatype type;
        if (f.property().equals(HIKB.duration)) type = XSDDatatype.XSDduration;
        else if (s.matches("\\d{4}")) type = XSDDatatype.XSDgYear;
        else if (s.matches("\\d{4}-\\d{2}")) type = XSDDatatype.XSDgYearMonth;
        else if (s.matches("\\d{4}-\\d{2}-\\d{2}")) type = XSDDatatype.XSDdate;
        else if (s.matches("\\d{4}-\\d{2}-\\d{2}T.*")) type = XSDDatatype.XSDdateTime;
        else return problemNode(at, "is a date (2024, 2024-06 or 2024-06-30)" + (f.property().equals(HIKB.duration) ? " or a duration (P3Y)" : ""));
        if (!type.isValid(s)) return problemNode(at, "'" + s + "' is not a valid " + type.getURI().substring(type.getURI().indexOf('#') + 1));
        return NodeFactory.createLiteralDT(s, type);
    }

    private Node number(String at, RecordJson.Field f, JsonNode v) {
        BigDecimal n;
        try {
            n = v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText());
        } catch (NumberFormatException e) {
            return problemNode(at, "is a number");
        }
        if (INTEGERS.contains(f.json())) {
            if (n.stripTrailingZeros().scale() > 0) return problemNode(at, "is a whole number");
            return NodeFactory.createLiteralDT(n.toBigInteger().toString(), XSDDatatype.XSDinteger);
        }
        return NodeFactory.createLiteralDT(n.toPlainString(), XSDDatatype.XSDdecimal);
    }

    private Node ref(String at, JsonNode v) {
        String uri = v.isObject() ? v.path("id").asText("") : v.asText("");
        if (uri.isEmpty()) return problemNode(at, "is a link: {\"id\": \"https://...\"}");
        return iri(v.isObject() ? at + "/id" : at, uri, false);
    }

    private Node country(String at, JsonNode v) {
        String code = v.isObject() ? v.path("code").asText("") : v.asText("");
        if (code.matches("[A-Z]{3}")) return NodeFactory.createURI(Namespaces.COUNTRY + code);
        return ref(at, v);
    }

    private Node language(String at, JsonNode v) {
        String code = v.asText("");
        var lang = Lang.of(code);
        if (lang.isPresent() && code.length() == 2) return lang.get().authority();
        if (code.matches("[A-Z]{3}")) return NodeFactory.createURI(Namespaces.LANGUAGE + code);
        return problemNode(at, "is a language: it, de, en, sv, or an EU language code such as FRA");
    }

    private Node iri(String at, String s, boolean web) {
        try {
            IRIx x = IRIx.create(s);
            // A scheme, no violations (isAbsolute() would refuse a #fragment, which record links may have).
            if (x.scheme() != null && !x.hasViolations() && (!web || x.hasScheme("http") || x.hasScheme("https"))) return NodeFactory.createURI(s);
        } catch (IRIException e) {
            // reported below
        }
        return problemNode(at, "is not an absolute " + (web ? "http(s) " : "") + "IRI");
    }

    private void add(Node s, Node p, Node o) {
        if (o != null) g.add(Triple.create(s, p, o));
    }

    private Node problemNode(String at, String message) {
        problem(at, message);
        return null;
    }

    private void problem(String at, String message) {
        problems.add(new Problem(at.isEmpty() ? "" : at, message));
    }

    /** A member name as a JSON pointer token. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

}
