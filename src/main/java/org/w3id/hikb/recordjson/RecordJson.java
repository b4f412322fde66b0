package org.w3id.hikb.recordjson;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.Replaced;

/**
 * The JSON form of a record, the same for reading ({@code GET /api/records/{slug}}) and for writing it back
 * ({@code PUT}, {@code PATCH}, {@code POST}, read by {@link RecordJsonReader}): one table of fields says which property each JSON member holds and how. Texts are objects by
 * language ({@code "title": {"it": ..., "en": ...}}); links are {@code {"id", "label"}} with the label in the
 * reader's language; the parts a record owns (funding, work packages, pilots, outcomes) are nested objects.
 */
public final class RecordJson {
    public static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    public static final ObjectMapper MAPPER = new ObjectMapper();

    /** How a JSON member maps to a property. */
    public enum Kind { LANG_TEXT, LANG_TEXTS, STRINGS, LITERAL, NUMBER, REFS, REF, COUNTRIES, LANGUAGES, CURRENCY, URLS, PARTS }

    /** One member of the JSON form; {@code parts} describes the members of nested parts. */
    public record Field(String json, Node property, Kind kind, List<Field> parts) {
        public Field(String json, Node property, Kind kind) { this(json, property, kind, List.of()); }
    }

    static final List<Field> FUNDING = List.of(
            new Field("totalBudget", HIKB.totalBudget, Kind.NUMBER),
            new Field("euContribution", HIKB.euContribution, Kind.NUMBER),
            new Field("cofinancingRate", HIKB.cofinancingRate, Kind.NUMBER),
            new Field("fund", HIKB.fund, Kind.REF),
            new Field("currency", HIKB.currency, Kind.CURRENCY));
    static final List<Field> WORK_PACKAGE = List.of(
            new Field("order", HIKB.order, Kind.NUMBER),
            new Field("title", Terms.TITLE, Kind.LANG_TEXT),
            new Field("objectives", HIKB.objective, Kind.LANG_TEXTS));
    static final List<Field> PILOT = List.of(
            new Field("pilotType", HIKB.pilotType, Kind.REF),
            new Field("quantity", HIKB.quantity, Kind.NUMBER),
            new Field("targetGroups", HIKB.targetGroup, Kind.REFS),
            new Field("description", Terms.DESCRIPTION, Kind.LANG_TEXT));
    static final List<Field> OUTCOME = List.of(
            new Field("title", Terms.TITLE, Kind.LANG_TEXT),
            new Field("description", Terms.DESCRIPTION, Kind.LANG_TEXT));

    /** The record's own members, in the order they are written. */
    public static final List<Field> RECORD = List.of(
            new Field("classes", Terms.TYPE, Kind.REFS),
            new Field("acronyms", HIKB.acronym, Kind.STRINGS),
            new Field("title", Terms.TITLE, Kind.LANG_TEXT),
            new Field("summary", Terms.ABSTRACT, Kind.LANG_TEXT),
            new Field("description", Terms.DESCRIPTION, Kind.LANG_TEXT),
            new Field("objectives", HIKB.objective, Kind.LANG_TEXTS),
            new Field("keywords", HIKB.keyword, Kind.LANG_TEXTS),
            new Field("programmeParts", HIKB.programmePart, Kind.LANG_TEXTS),
            new Field("actionType", HIKB.actionType, Kind.STRINGS),
            new Field("callTopics", HIKB.callTopic, Kind.STRINGS),
            new Field("participantCount", HIKB.participantCount, Kind.NUMBER),
            new Field("sourceProjectId", HIKB.sourceProjectId, Kind.STRINGS),
            new Field("droppedFromSource", HIKB.droppedFromSource, Kind.LITERAL),
            new Field("language", Terms.LANGUAGE, Kind.LANGUAGES),
            new Field("translatedLanguages", HIKB.translatedLanguage, Kind.LANGUAGES),
            new Field("startDate", HIKB.startDate, Kind.LITERAL),
            new Field("endDate", HIKB.endDate, Kind.LITERAL),
            new Field("duration", HIKB.duration, Kind.LITERAL),
            new Field("programmes", HIKB.programme, Kind.REFS),
            new Field("instrumentTypes", HIKB.instrumentType, Kind.REFS),
            new Field("partOf", Terms.IS_PART_OF, Kind.REFS),
            new Field("eventOf", HIKB.eventOf, Kind.REFS),
            new Field("leadOrganisations", HIKB.leadOrganisation, Kind.REFS),
            new Field("partners", HIKB.partner, Kind.REFS),
            new Field("funders", HIKB.funder, Kind.REFS),
            new Field("collaboratesWith", HIKB.collaboratesWith, Kind.REFS),
            new Field("networks", HIKB.network, Kind.REFS),
            new Field("hosts", HIKB.host, Kind.REFS),
            new Field("organisers", HIKB.organiser, Kind.REFS),
            new Field("countries", HIKB.country, Kind.COUNTRIES),
            new Field("regions", HIKB.region, Kind.REFS),
            new Field("locations", HIKB.location, Kind.REFS),
            new Field("themes", HIKB.theme, Kind.REFS),
            new Field("derivedThemes", HIKB.derivedTheme, Kind.REFS),
            new Field("targetGroups", HIKB.targetGroup, Kind.REFS),
            new Field("sectors", HIKB.sector, Kind.REFS),
            new Field("relatedInitiatives", HIKB.relatedInitiative, Kind.REFS),
            new Field("relations", Terms.RELATION, Kind.REFS),
            new Field("funding", HIKB.funding, Kind.PARTS, FUNDING),
            new Field("workPackages", HIKB.workPackage, Kind.PARTS, WORK_PACKAGE),
            new Field("pilots", HIKB.pilot, Kind.PARTS, PILOT),
            new Field("outcomes", HIKB.outcome, Kind.PARTS, OUTCOME),
            new Field("homepages", Terms.HOMEPAGE, Kind.URLS),
            new Field("pages", Terms.PAGE, Kind.URLS),
            new Field("identifiers", Terms.IDENTIFIER, Kind.STRINGS),
            new Field("sameAs", org.apache.jena.vocabulary.OWL2.sameAs.asNode(), Kind.URLS),
            new Field("sources", Terms.SOURCE, Kind.REFS),
            new Field("created", Terms.CREATED, Kind.LITERAL),
            new Field("modified", Terms.MODIFIED, Kind.LITERAL));

    /** What a record's JSON form replaces when written: the statements its members can say, and no others. */
    public static Replaced replaced() {
        return replaced(RECORD.stream().map(Field::json).toList());
    }

    /** What a merge patch naming {@code members} replaces: the statements of those members. */
    public static Replaced replaced(Collection<String> members) {
        Set<Node> out = new HashSet<>();
        for (Field f : RECORD) if (members.contains(f.json())) out.add(f.property());
        return Replaced.only(out);
    }

    private final Labels labels;
    private final Lang lang;

    /** Must be used inside a read transaction: links are named by reading the store. */
    public RecordJson(Labels labels, Lang lang) {
        this.labels = labels;
        this.lang = lang;
    }

    public ObjectNode toJson(Record r) {
        ObjectNode out = JSON.objectNode();
        out.put("id", r.id().uri());
        out.put("slug", r.id().slug());
        out.put("type", r.id().type().segment());
        out.set("display", display(r.node()));
        write(out, r, r.node(), RECORD);
        return out;
    }

    /** The title and summary to show a reader of {@code lang}, with the language each was found in. */
    public ObjectNode display(Node node) {
        ObjectNode d = JSON.objectNode();
        d.put("lang", lang.code());
        labels.text(node, List.of(Terms.TITLE, Terms.PREF_LABEL, Terms.RDFS_LABEL), lang).ifPresent(t -> {
            d.put("title", t.value());
            d.put("titleLanguage", t.lang());
        });
        labels.text(node, List.of(Terms.ABSTRACT), lang).ifPresent(t -> {
            d.put("summary", t.value());
            d.put("summaryLanguage", t.lang());
        });
        return d;
    }

    private void write(ObjectNode out, Record r, Node subject, List<Field> fields) {
        for (Field f : fields) {
            List<Node> values = r.values(subject, f.property());
            if (values.isEmpty()) continue;
            switch (f.kind()) {
                case LANG_TEXT -> {
                    ObjectNode byLang = JSON.objectNode();
                    for (Node v : values) if (v.isLiteral()) byLang.put(tag(v), v.getLiteralLexicalForm());
                    out.set(f.json(), byLang);
                }
                case LANG_TEXTS -> {
                    ObjectNode byLang = JSON.objectNode();
                    for (Node v : values)
                        if (v.isLiteral()) byLang.withArray(tag(v)).add(v.getLiteralLexicalForm());
                    out.set(f.json(), byLang);
                }
                case STRINGS -> out.set(f.json(), strings(values));
                case LITERAL -> out.put(f.json(), values.get(0).isLiteral() ? values.get(0).getLiteralLexicalForm() : values.get(0).toString());
                case NUMBER -> out.set(f.json(), number(values.get(0)));
                case REF -> out.set(f.json(), ref(values.get(0)));
                case REFS -> {
                    ArrayNode a = JSON.arrayNode();
                    values.forEach(v -> a.add(ref(v)));
                    out.set(f.json(), a);
                }
                case COUNTRIES -> {
                    ArrayNode a = JSON.arrayNode();
                    for (Node v : values) a.add(ref(v).put("code", lastSegment(v, Namespaces.COUNTRY)));
                    out.set(f.json(), a);
                }
                case LANGUAGES -> {
                    ArrayNode a = JSON.arrayNode();
                    for (Node v : values) a.add(Lang.ofAuthority(v).map(Lang::code).orElse(lastSegment(v, Namespaces.LANGUAGE)));
                    out.set(f.json(), a);
                }
                case CURRENCY -> out.put(f.json(), lastSegment(values.get(0), Namespaces.CURRENCY));
                case URLS -> out.set(f.json(), strings(values));
                case PARTS -> {
                    ArrayNode a = JSON.arrayNode();
                    for (Node part : values) {
                        ObjectNode p = JSON.objectNode();
                        p.put("id", part.isURI() ? part.getURI() : part.toString());
                        write(p, r, part, f.parts());
                        a.add(p);
                    }
                    out.set(f.json(), a);
                }
            }
        }
    }

    private static String tag(Node literal) {
        String t = literal.getLiteralLanguage();
        return t.isEmpty() ? "und" : t;
    }

    private static ArrayNode strings(List<Node> values) {
        ArrayNode a = JSON.arrayNode();
        for (Node v : values) a.add(v.isLiteral() ? v.getLiteralLexicalForm() : v.isURI() ? v.getURI() : v.toString());
        return a;
    }

    private static JsonNode number(Node v) {
        if (!v.isLiteral()) return JSON.textNode(v.toString());
        try {
            return JSON.numberNode(new BigDecimal(v.getLiteralLexicalForm()));
        } catch (NumberFormatException e) {
            return JSON.textNode(v.getLiteralLexicalForm());
        }
    }

    public ObjectNode ref(Node v) {
        ObjectNode o = JSON.objectNode();
        if (v.isURI()) {
            o.put("id", v.getURI());
            o.put("label", labels.label(v, lang));
        } else {
            o.put("value", v.isLiteral() ? v.getLiteralLexicalForm() : v.toString());
        }
        return o;
    }

    private static String lastSegment(Node v, String namespace) {
        String u = v.isURI() ? v.getURI() : v.toString();
        return u.startsWith(namespace) ? u.substring(namespace.length()) : u;
    }
}
