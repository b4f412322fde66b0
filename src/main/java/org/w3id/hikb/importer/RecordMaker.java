package org.w3id.hikb.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIs;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.geo.NutsRegions;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.search.LanguageGuesser;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * Makes the records of one row by following a mapping: the row's own record and any records it links to,
 * each as its statements (the record, its type, its source and language, and the parts it owns).
 */
final class RecordMaker {
    private static final PrefixMapping PREFIXES = Namespaces.prefixes()
            .setNsPrefix("owl", Namespaces.OWL).lock();
    private static final Map<String, Node[]> PARTS = Map.of(
            "funding", new Node[] { HIKB.funding, HIKB.Funding },
            "workPackage", new Node[] { HIKB.workPackage, HIKB.WorkPackage },
            "pilot", new Node[] { HIKB.pilot, HIKB.Pilot },
            "outcome", new Node[] { HIKB.outcome, HIKB.Outcome });
    private static final List<String> KINDS = List.of("text", "string", "uri", "decimal", "integer", "rate", "date",
            "concept", "country", "region", "currency", "language", "record");

    /** The records of a row. */
    record Made(List<Made.One> records) {
        record One(RecordId id, Graph graph) {}
    }

    private final Mapping mapping;
    private final Node source;
    private final String sourceLanguage;

    /**
     * @param knownProperty whether the knowledge base knows a property (the ontology defines or labels it): a
     *                      typo such as {@code dct:titel} is refused before any row is read
     */
    RecordMaker(Mapping mapping, Node source, java.util.function.Predicate<Node> knownProperty) {
        this.mapping = mapping;
        this.source = source;
        this.sourceLanguage = mapping.source().language();
        check(knownProperty);
    }

    /** Refuses a mapping that names an unknown property, kind, type or part before any row is read. */
    private void check(java.util.function.Predicate<Node> knownProperty) {
        for (Mapping.RecordRule r : mapping.records()) {
            if (RecordType.ofSegment(r.type()).isEmpty())
                throw new StoreException("Unknown record type '" + r.type() + "' in the mapping of " + mapping.source().id());
            if (r.id() == null) throw new StoreException("A record of the mapping of " + mapping.source().id() + " has no id template.");
            for (Mapping.FieldRule f : r.fields() == null ? List.<Mapping.FieldRule>of() : r.fields()) {
                if (!knownProperty.test(property(f)))
                    throw new StoreException("Unknown property '" + f.property() + "' in the mapping of " + mapping.source().id()
                            + ": the ontology neither defines nor labels it.");
                if (!KINDS.contains(f.kindOrDefault()))
                    throw new StoreException("Unknown kind '" + f.kind() + "' for " + f.property() + "; use one of " + KINDS);
                if (f.part() != null && !PARTS.containsKey(f.part()))
                    throw new StoreException("Unknown part '" + f.part() + "'; use one of " + PARTS.keySet());
                if (f.kindOrDefault().equals("record") && (f.type() == null || RecordType.ofSegment(f.type()).isEmpty()))
                    throw new StoreException("The record link " + f.property() + " needs a known type.");
                if (f.kindOrDefault().equals("concept") && f.scheme() == null)
                    throw new StoreException("The concept " + f.property() + " needs a scheme.");
                if (f.value() == null) throw new StoreException("The field " + f.property() + " has no value template.");
            }
        }
    }

    private static Node property(Mapping.FieldRule f) {
        String expanded = f.property() == null ? null : PREFIXES.expandPrefix(f.property());
        if (expanded == null || expanded.equals(f.property()))
            throw new StoreException("Unknown property '" + f.property() + "': use a prefixed name such as dct:title (prefixes: "
                    + PREFIXES.getNsPrefixMap().keySet() + ").");
        return NodeFactory.createURI(expanded);
    }

    /** The records of the row; a value that cannot be read throws {@link Values.BadValue} with the reason. */
    Made make(Row row) {
        if (row.values().containsKey(Row.class.getName() + ".error"))
            throw new Values.BadValue(row.values().get(Row.class.getName() + ".error"));
        if (row.values().containsKey(Row.class.getName() + ".width"))
            throw new Values.BadValue("the row has " + row.values().get(Row.class.getName() + ".width"));
        List<Made.One> out = new ArrayList<>();
        for (Mapping.RecordRule rule : mapping.records()) {
            if (!row.satisfies(rule.when())) continue;
            String raw = Values.expand(rule.id(), row);
            String slug = raw == null ? "" : Values.slug(raw);
            if (slug.isEmpty()) {
                if (out.isEmpty()) throw new Values.BadValue("no id: " + rule.id() + " is empty");
                continue;
            }
            RecordId id = new RecordId(RecordType.ofSegment(rule.type()).orElseThrow(), slug);
            out.add(new Made.One(id, record(id, rule, row)));
        }
        return new Made(out);
    }

    private Graph record(RecordId id, Mapping.RecordRule rule, Row row) {
        Graph g = GraphFactory.createDefaultGraph();
        Node self = id.node();
        g.add(Triple.create(self, Terms.TYPE, id.type().rdfClass()));
        g.add(Triple.create(self, Terms.SOURCE, source));
        if (sourceLanguage != null)
            g.add(Triple.create(self, Terms.LANGUAGE, NodeFactory.createURI(Namespaces.LANGUAGE + Values.languageCode(sourceLanguage))));
        Map<String, Node> parts = new LinkedHashMap<>();
        for (Mapping.FieldRule f : rule.fields() == null ? List.<Mapping.FieldRule>of() : rule.fields()) {
            if (!row.satisfies(f.when())) continue;
            String value = Values.expand(f.value(), row);
            if (value == null || value.isBlank()) {
                if (f.isRequired()) throw new Values.BadValue(f.value() + " is empty");
                continue;
            }
            String partName = f.part() == null ? null : partName(f, row);
            Node subject = partName == null ? self : parts.computeIfAbsent(partName, p -> part(g, self, id, f.part(), p));
            for (String v : f.split() == null ? List.of(value) : List.of(value.split(java.util.regex.Pattern.quote(f.split())))) {
                String mapped = f.map() == null ? v.strip() : f.map().getOrDefault(v.strip(), v.strip());
                if (mapped.isEmpty()) continue;
                g.add(Triple.create(subject, property(f), object(f, mapped)));
            }
        }
        return g;
    }

    private static String partName(Mapping.FieldRule f, Row row) {
        String suffix = f.partId() == null ? null : Values.expand(f.partId(), row);
        String slug = suffix == null ? "" : Values.slug(suffix);
        return slug.isEmpty() ? f.part() : f.part() + "-" + slug;
    }

    private static Node part(Graph g, Node self, RecordId id, String kind, String name) {
        Node part = NodeFactory.createURI(id.uri() + "#" + name);
        Node[] p = PARTS.get(kind);
        g.add(Triple.create(self, p[0], part));
        g.add(Triple.create(part, Terms.TYPE, p[1]));
        return part;
    }

    private Node object(Mapping.FieldRule f, String v) {
        return switch (f.kindOrDefault()) {
            case "text" -> text(f, v);
            case "string" -> NodeFactory.createLiteralString(v);
            case "uri" -> uri(v);
            case "decimal" -> NodeFactory.createLiteralDT(Values.decimal(v).toPlainString(), XSDDatatype.XSDdecimal);
            case "rate" -> NodeFactory.createLiteralDT(Values.rate(v).toPlainString(), XSDDatatype.XSDdecimal);
            case "integer" -> NodeFactory.createLiteralDT(Long.toString(Values.integer(v)), XSDDatatype.XSDinteger);
            case "date" -> {
                String[] d = Values.date(v, f.formats());
                yield NodeFactory.createLiteralDT(d[0], switch (d[1]) {
                    case "gYearMonth" -> XSDDatatype.XSDgYearMonth;
                    case "gYear" -> XSDDatatype.XSDgYear;
                    default -> XSDDatatype.XSDdate;
                });
            }
            case "concept" -> NodeFactory.createURI(Namespaces.CONCEPT + f.scheme() + "/" + Values.slug(v));
            case "country" -> NodeFactory.createURI(Namespaces.COUNTRY + Values.countryCode(v));
            case "region" -> NodeFactory.createURI(Namespaces.NUTS + NutsRegions.get().named(v)
                    .orElseThrow(() -> new Values.BadValue("'" + v + "' is no NUTS region's code or name (or more than one's)")).code());
            case "currency" -> NodeFactory.createURI(Namespaces.CURRENCY + v.toUpperCase(java.util.Locale.ROOT));
            case "language" -> NodeFactory.createURI(Namespaces.LANGUAGE + Values.languageCode(v));
            case "record" -> {
                String slug = Values.slug(v);
                if (slug.isEmpty()) throw new Values.BadValue("'" + v + "' makes no record id");
                yield new RecordId(RecordType.ofSegment(f.type()).orElseThrow(), slug).node();
            }
            default -> throw new IllegalStateException(f.kind());
        };
    }

    private Node text(Mapping.FieldRule f, String v) {
        String lang = f.lang() == null ? sourceLanguage : f.lang();
        if ("detect".equals(lang))
            lang = LanguageGuesser.guess(v).map(Lang::code).orElse(sourceLanguage);
        return lang == null ? NodeFactory.createLiteralString(v) : NodeFactory.createLiteralLang(v, lang);
    }

    private static Node uri(String v) {
        String s = v.strip();
        if (!s.matches("(?i)https?://\\S+")) throw new Values.BadValue("'" + s + "' is not a web address");
        try {
            IRIs.checkEx(s);
        } catch (RuntimeException e) {
            throw new Values.BadValue("'" + s + "' is not a valid IRI");
        }
        return NodeFactory.createURI(s);
    }

    static Optional<String> prefixOf(String uri) {
        return Optional.ofNullable(PREFIXES.shortForm(uri));
    }
}
