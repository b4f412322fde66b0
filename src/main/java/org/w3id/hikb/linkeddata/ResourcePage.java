package org.w3id.hikb.linkeddata;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.http.Templates;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * The HTML page of any resource, in the reader's language: its name, type and summary, the key facts, the
 * parts it owns, the other statements, what links to it, and links to its other representations. The main part
 * is the template {@code record.jte}, which escapes every text from the data. Must be called inside a read transaction.
 */
public final class ResourcePage {
    /** The facts shown first, in this order. */
    private static final List<Node> FACTS = List.of(HIKB.acronym, HIKB.programme, HIKB.instrumentType, HIKB.country, HIKB.region,
            HIKB.location, HIKB.leadOrganisation, HIKB.partner, HIKB.funder, HIKB.collaboratesWith, HIKB.network, HIKB.host,
            HIKB.organiser, HIKB.eventOf, HIKB.theme, HIKB.derivedTheme, HIKB.targetGroup, HIKB.sector, HIKB.relatedInitiative,
            Terms.IS_PART_OF, Terms.IN_SCHEME, Terms.SOURCE);
    /** Shown in their own places on the page, not again among the other statements. */
    private static final Set<Node> PLACED = Set.of(Terms.TYPE, Terms.TITLE, Terms.PREF_LABEL, Terms.RDFS_LABEL, Terms.ABSTRACT,
            Terms.DESCRIPTION, HIKB.objective, HIKB.startDate, HIKB.endDate, HIKB.duration, HIKB.funding, HIKB.workPackage,
            HIKB.pilot, HIKB.outcome, HIKB.translatedLanguage, Terms.LANGUAGE);
    /** Labels for properties from outside the ontology (the ontology's own have rdfs:label in four languages). */
    private static final Map<String, String> PROPERTY_KEYS = Map.ofEntries(
            Map.entry(Namespaces.DCT + "title", "prop.title"), Map.entry(Namespaces.DCT + "abstract", "prop.abstract"),
            Map.entry(Namespaces.DCT + "description", "prop.description"), Map.entry(Namespaces.DCT + "source", "prop.source"),
            Map.entry(Namespaces.DCT + "language", "prop.language"), Map.entry(Namespaces.DCT + "isPartOf", "prop.isPartOf"),
            Map.entry(Namespaces.DCT + "relation", "prop.relation"), Map.entry(Namespaces.DCT + "identifier", "prop.identifier"),
            Map.entry(Namespaces.DCT + "modified", "prop.modified"), Map.entry(Namespaces.DCT + "alternative", "prop.alternative"),
            Map.entry(Namespaces.RDF + "type", "prop.type"),
            Map.entry(Namespaces.RDFS + "label", "prop.label"), Map.entry(Namespaces.RDFS + "comment", "prop.comment"),
            Map.entry(Namespaces.SKOS + "prefLabel", "prop.prefLabel"), Map.entry(Namespaces.SKOS + "altLabel", "prop.altLabel"),
            Map.entry(Namespaces.SKOS + "inScheme", "prop.inScheme"), Map.entry(Namespaces.SKOS + "broader", "prop.broader"),
            Map.entry(Namespaces.SKOS + "narrower", "prop.narrower"), Map.entry(Namespaces.SKOS + "exactMatch", "prop.exactMatch"),
            Map.entry(Namespaces.SKOS + "closeMatch", "prop.closeMatch"), Map.entry(Namespaces.SKOS + "broadMatch", "prop.broadMatch"),
            Map.entry(Namespaces.SKOS + "definition", "prop.comment"));

    private final DatasetGraph dsg;
    private final Labels labels;
    private final Lang lang;
    private final Messages text;
    private final Graph d;
    private final Node self;

    ResourcePage(DatasetGraph dsg, Graph description, Node resource, Lang lang) {
        this.dsg = dsg;
        this.labels = new Labels(dsg);
        this.lang = lang;
        this.text = Messages.of(lang);
        this.d = description;
        this.self = resource;
    }

    /** The page; {@code docPath} is the document's path without extension ({@code /doc/id/project/x}). */
    String render(String docPath, String jsonLd, List<Node> related) {
        String typeLabel = String.join(", ", values(self, Terms.TYPE).stream().map(t -> labels.label(t, lang)).toList());
        String main = Templates.render("record.jte", view(related));
        return PageLayout.render(lang, docPath, labels.label(self, lang), typeLabel, main, jsonLd, self.isURI() ? self.getURI() : self.toString());
    }

    /**
     * The main part of a resource's page ({@code src/main/jte/record.jte}): each list is empty and each text null
     * where the resource has nothing to show.
     */
    public record View(Text summary, String translatedNote, String factsHeading, List<Fact> facts, String objectivesHeading, List<Value> objectives,
                       String partsHeading, List<Part> parts, String originalHeading, List<Original> originals, String moreHeading, List<Fact> more,
                       String linkedHeading, List<Fact> linked, String relatedHeading, List<Value> related) {}

    /** A text and its language tag (or null). */
    public record Text(String value, String lang) {}

    /** A labelled row of values; {@code stacked}: one value a line, else a comma-separated line. */
    public record Fact(String label, List<Value> values, boolean stacked) {}

    /**
     * One value: a text (with its language tag, shown as a badge, or null), or a link ({@code href}) named
     * {@code text}; a theme also links to its search ({@code searchHref}, {@code searchTitle}).
     */
    public record Value(String text, String lang, String href, String searchHref, String searchTitle) {
        static Value plain(String text) { return new Value(text, null, null, null, null); }
    }

    /** A work package, pilot or outcome, with its own text and facts. */
    public record Part(String title, Text text, List<Fact> facts) {}

    /** The source's original text: a note on its language (or null), the label of the disclosure, its paragraphs. */
    public record Original(String note, String label, String lang, List<String> paragraphs) {}

    private View view(List<Node> related) {
        Optional<Labels.Text> summary = labels.text(self, List.of(Terms.ABSTRACT, Terms.DEFINITION, Terms.COMMENT), lang);
        String translatedNote = null;
        if (summary.isPresent()) {
            Lang shown = Lang.of(summary.get().lang()).orElse(null);
            if (shown != null && values(self, HIKB.translatedLanguage).contains(shown.authority()))
                translatedNote = text.get("page.translated", String.join(", ", values(self, Terms.LANGUAGE).stream().map(this::languageName).toList()));
        }
        List<Value> objectives = values(self, HIKB.objective).stream().map(o -> new Value(o.getLiteralLexicalForm(), tag(o), null, null, null)).toList();
        return new View(summary.map(t -> new Text(t.value(), t.lang())).orElse(null), translatedNote,
                text.get("page.facts"), facts(self), label(HIKB.objective), objectives,
                text.get("page.parts"), parts(), text.get("page.description"), originals(),
                text.get("page.more"), others(), linkedHeading(), linkedFrom(), text.get("page.related"),
                related.stream().map(r -> value(Terms.RELATION, r)).toList());
    }

    private List<Original> originals() {
        List<Original> out = new ArrayList<>();
        for (Node t : values(self, Terms.DESCRIPTION)) {
            String language = t.getLiteralLanguage().isEmpty() ? "" : Lang.of(t.getLiteralLanguage()).map(l -> languageName(l.authority())).orElse(t.getLiteralLanguage());
            List<String> paragraphs = new ArrayList<>();
            for (String para : t.getLiteralLexicalForm().split("\\n\\s*\\n")) paragraphs.add(para.strip());
            out.add(new Original(language.isEmpty() ? null : text.get("page.description.note", language), text.get("page.description"), tag(t), paragraphs));
        }
        return out;
    }

    private List<Part> parts() {
        List<Node> parts = new ArrayList<>();
        for (Node p : List.of(HIKB.workPackage, HIKB.pilot, HIKB.outcome)) parts.addAll(values(self, p));
        parts.sort(Comparator.comparing(p -> order(p)));
        List<Part> out = new ArrayList<>();
        for (Node part : parts)
            out.add(new Part(labels.label(part, lang), labels.text(part, List.of(Terms.DESCRIPTION, Terms.ABSTRACT), lang).map(t -> new Text(t.value(), t.lang())).orElse(null),
                    facts(part)));
        return out;
    }

    private int order(Node part) {
        return values(part, HIKB.order).stream().filter(Node::isLiteral).findFirst()
                .map(n -> { try { return Integer.parseInt(n.getLiteralLexicalForm()); } catch (NumberFormatException e) { return 0; } }).orElse(0);
    }

    /** The key facts of a subject (the record, or one of its parts): period, budget, then {@link #FACTS}. */
    private List<Fact> facts(Node subject) {
        Map<String, Fact> rows = new LinkedHashMap<>();
        period(subject).ifPresent(p -> rows.put(text.get("page.period"), new Fact(text.get("page.period"), List.of(Value.plain(p)), false)));
        for (Node funding : values(subject, HIKB.funding))
            budget(funding).ifPresent(b -> rows.put(text.get("page.budget"), new Fact(text.get("page.budget"), List.of(Value.plain(b)), false)));
        for (Node p : FACTS) {
            List<Node> vs = values(subject, p);
            if (!vs.isEmpty()) rows.put(label(p), new Fact(label(p), vs.stream().map(n -> value(p, n)).toList(), false));
        }
        return List.copyOf(rows.values());
    }

    private Optional<String> period(Node subject) {
        String start = first(subject, HIKB.startDate), end = first(subject, HIKB.endDate), duration = first(subject, HIKB.duration);
        if (start == null && end == null) return Optional.empty();
        if (end == null && start != null && duration != null)
            return Optional.of(text.get("page.periodFor", start, text.duration(duration)));
        return Optional.of(((start == null ? "…" : start) + " – " + (end == null ? "" : end)).strip());
    }

    private Optional<String> budget(Node funding) {
        String total = first(funding, HIKB.totalBudget), eu = first(funding, HIKB.euContribution), rate = first(funding, HIKB.cofinancingRate);
        String currency = values(funding, HIKB.currency).stream().findFirst().map(c -> lastSegment(c.getURI())).orElse("");
        List<String> bits = new ArrayList<>();
        if (total != null) bits.add(money(total) + " " + currency);
        if (eu != null) bits.add(label(HIKB.euContribution) + " " + money(eu) + " " + currency);
        if (rate != null) bits.add(label(HIKB.cofinancingRate) + " " + percent(rate));
        for (Node fund : values(funding, HIKB.fund)) bits.add(labels.label(fund, lang));
        return bits.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", bits).replace("  ", " ").strip());
    }

    private String money(String amount) {
        try {
            return NumberFormat.getNumberInstance(locale()).format(new BigDecimal(amount));
        } catch (NumberFormatException e) {
            return amount;
        }
    }

    private String percent(String rate) {
        try {
            return NumberFormat.getPercentInstance(locale()).format(new BigDecimal(rate));
        } catch (NumberFormatException e) {
            return rate;
        }
    }

    private Locale locale() {
        return lang.formats();
    }

    /** Every statement not shown above, grouped by property. */
    private List<Fact> others() {
        Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
        d.find(self, Node.ANY, Node.ANY).forEachRemaining(t -> {
            Node p = t.getPredicate();
            if (!PLACED.contains(p) && !FACTS.contains(p)) byProperty.computeIfAbsent(p, k -> new ArrayList<>()).add(t.getObject());
        });
        List<Fact> out = new ArrayList<>();
        byProperty.forEach((p, vs) -> out.add(new Fact(label(p), vs.stream().map(n -> value(p, n)).toList(), true)));
        return out;
    }

    private Map<Node, List<Node>> linking() {
        Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
        d.find(Node.ANY, Node.ANY, self).forEachRemaining(t -> {
            if (!t.getSubject().equals(self)) byProperty.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getSubject());
        });
        return byProperty;
    }

    private String linkedHeading() {
        return text.get(linking().containsKey(Terms.IN_SCHEME) ? "page.concepts" : "page.linkedFrom");
    }

    /** What links to this resource, grouped by property, each group in the order of its links. */
    private List<Fact> linkedFrom() {
        List<Fact> out = new ArrayList<>();
        linking().forEach((p, subjects) -> out.add(new Fact(label(p), subjects.stream().map(s -> value(p, s))
                .sorted(Comparator.comparing((Value v) -> v.href() == null ? "" : v.href()).thenComparing(Value::text)).toList(), true)));
        return out;
    }

    /** A value as the page shows it: a link to our resources, the name of what the store knows, else the text. */
    private Value value(Node property, Node n) {
        if (n.isLiteral()) return new Value(n.getLiteralLexicalForm(), tag(n), null, null, null);
        String name = labels.label(n, lang);
        if (!n.isURI()) return Value.plain(name);
        String uri = n.getURI();
        if (!uri.startsWith(Namespaces.BASE)) return new Value(name, null, uri, null, null);
        boolean theme = (property.equals(HIKB.theme) || property.equals(HIKB.derivedTheme)) && uri.startsWith(Namespaces.CONCEPT + "theme/");
        return new Value(name, null, localPath(uri) + "?lang=" + lang.code(),
                theme ? "/?theme=" + lastSegment(uri) + "&lang=" + lang.code() : null, theme ? text.get("page.searchTheme") : null);
    }

    /** Where a URI of the knowledge base is served on this host: its document ({@code /doc/...}), or the ontology page. */
    static String localPath(String uri) {
        String rest = uri.substring(Namespaces.BASE.length());
        int hash = rest.indexOf('#');
        String fragment = hash < 0 ? "" : rest.substring(hash);
        String path = hash < 0 ? rest : rest.substring(0, hash);
        if (path.equals("ontology")) return "/ontology" + fragment;
        return "/doc/" + path;
    }

    private String label(Node property) {
        String key = property.isURI() ? PROPERTY_KEYS.get(property.getURI()) : null;
        if (key != null) return text.get(key);
        return labels.label(property, lang);
    }

    private String languageName(Node authority) {
        String code = lastSegment(authority.getURI());
        String name = text.find("lang." + code);
        return name == null ? code : name;
    }

    private static String tag(Node literal) {
        return literal.getLiteralLanguage().isEmpty() ? null : literal.getLiteralLanguage();
    }

    private List<Node> values(Node s, Node p) {
        List<Node> out = new ArrayList<>();
        d.find(s, p, Node.ANY).forEachRemaining(t -> out.add(t.getObject()));
        return out;
    }

    private String first(Node s, Node p) {
        return values(s, p).stream().filter(Node::isLiteral).map(Node::getLiteralLexicalForm).findFirst().orElse(null);
    }

    private static String lastSegment(String uri) {
        int cut = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('#'));
        return uri.substring(cut + 1);
    }
}
