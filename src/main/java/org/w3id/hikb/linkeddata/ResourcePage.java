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
import org.w3id.hikb.http.Html;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * The HTML page of any resource, in the reader's language: its name, type and summary, the key facts, the
 * parts it owns, the other statements, what links to it, and links to its other representations. Every
 * text from the data is HTML-escaped. Must be called inside a read transaction.
 */
final class ResourcePage {
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
            Map.entry("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "prop.type"),
            Map.entry("http://www.w3.org/2000/01/rdf-schema#label", "prop.label"), Map.entry("http://www.w3.org/2000/01/rdf-schema#comment", "prop.comment"),
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
        String main = summary() + facts(self, true) + objectives() + parts() + original() + others() + linkedFrom() + related(related);
        return PageLayout.render(lang, docPath, labels.label(self, lang), typeLabel, main, jsonLd, self.isURI() ? self.getURI() : self.toString());
    }

    private String summary() {
        Optional<Labels.Text> summary = labels.text(self, List.of(Terms.ABSTRACT, Terms.DEFINITION, Terms.COMMENT), lang);
        if (summary.isEmpty()) return "";
        StringBuilder sb = new StringBuilder("<p class=\"summary\"");
        Labels.Text t = summary.get();
        if (t.lang() != null) sb.append(" lang=\"").append(Html.escape(t.lang())).append("\"");
        sb.append(">").append(Html.escape(t.value())).append("</p>");
        Lang shown = Lang.of(t.lang()).orElse(null);
        if (shown != null && values(self, HIKB.translatedLanguage).contains(shown.authority())) {
            String source = String.join(", ", values(self, Terms.LANGUAGE).stream().map(this::languageName).toList());
            sb.append("<p class=\"note\">").append(Html.escape(text.get("page.translated", source))).append("</p>");
        }
        return sb.toString();
    }

    private String objectives() {
        List<Node> objectives = values(self, HIKB.objective);
        if (objectives.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(section("objectives", label(HIKB.objective)) + "<ul>");
        for (Node o : objectives) sb.append("<li").append(langAttr(o)).append(">").append(Html.escape(o.getLiteralLexicalForm())).append("</li>");
        return sb.append("</ul></section>").toString();
    }

    private String original() {
        List<Node> texts = values(self, Terms.DESCRIPTION);
        if (texts.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(section("original", text.get("page.description")));
        for (Node t : texts) {
            String language = t.getLiteralLanguage().isEmpty() ? "" : Lang.of(t.getLiteralLanguage()).map(l -> languageName(l.authority())).orElse(t.getLiteralLanguage());
            if (!language.isEmpty()) sb.append("<p class=\"note\">").append(Html.escape(text.get("page.description.note", language))).append("</p>");
            sb.append("<details><summary>").append(Html.escape(text.get("page.description"))).append("</summary>");
            for (String para : t.getLiteralLexicalForm().split("\\n\\s*\\n"))
                sb.append("<p").append(langAttr(t)).append(">").append(Html.escape(para.strip())).append("</p>");
            sb.append("</details>");
        }
        return sb.append("</section>").toString();
    }

    private String parts() {
        List<Node> parts = new ArrayList<>();
        for (Node p : List.of(HIKB.workPackage, HIKB.pilot, HIKB.outcome)) parts.addAll(values(self, p));
        if (parts.isEmpty()) return "";
        parts.sort(Comparator.comparing(p -> order(p)));
        StringBuilder sb = new StringBuilder(section("parts", text.get("page.parts")));
        for (Node part : parts) {
            sb.append("<section class=\"part\"><h3>").append(Html.escape(labels.label(part, lang))).append("</h3>");
            labels.text(part, List.of(Terms.DESCRIPTION, Terms.ABSTRACT), lang).ifPresent(t ->
                    sb.append("<p").append(t.lang() == null ? "" : " lang=\"" + Html.escape(t.lang()) + "\"").append(">").append(Html.escape(t.value())).append("</p>"));
            sb.append(facts(part, false)).append("</section>");
        }
        return sb.append("</section>").toString();
    }

    private int order(Node part) {
        return values(part, HIKB.order).stream().filter(Node::isLiteral).findFirst()
                .map(n -> { try { return Integer.parseInt(n.getLiteralLexicalForm()); } catch (NumberFormatException e) { return 0; } }).orElse(0);
    }

    /** The key facts of a subject (the record, or one of its parts): period, budget, then {@link #FACTS}. */
    private String facts(Node subject, boolean withHeading) {
        Map<String, String> rows = new LinkedHashMap<>();
        period(subject).ifPresent(p -> rows.put(text.get("page.period"), p));
        for (Node funding : values(subject, HIKB.funding)) budget(funding).ifPresent(b -> rows.put(text.get("page.budget"), b));
        for (Node p : FACTS) {
            List<Node> vs = values(subject, p);
            if (!vs.isEmpty()) rows.put(label(p), String.join(", ", vs.stream().map(n -> value(p, n)).toList()));
        }
        if (rows.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(withHeading ? section("facts", text.get("page.facts")) : "");
        sb.append("<dl class=\"facts\">");
        rows.forEach((k, val) -> sb.append("<dt>").append(Html.escape(k)).append("</dt><dd>").append(val).append("</dd>"));
        sb.append("</dl>");
        return withHeading ? sb.append("</section>").toString() : sb.toString();
    }

    private Optional<String> period(Node subject) {
        String start = first(subject, HIKB.startDate), end = first(subject, HIKB.endDate), duration = first(subject, HIKB.duration);
        if (start == null && end == null) return Optional.empty();
        String p = (start == null ? "…" : start) + " – " + (end == null ? "" : end);
        if (end == null && duration != null) p += "(" + duration + ")";
        return Optional.of(Html.escape(p.strip()));
    }

    private Optional<String> budget(Node funding) {
        String total = first(funding, HIKB.totalBudget), eu = first(funding, HIKB.euContribution), rate = first(funding, HIKB.cofinancingRate);
        String currency = values(funding, HIKB.currency).stream().findFirst().map(c -> lastSegment(c.getURI())).orElse("");
        List<String> bits = new ArrayList<>();
        if (total != null) bits.add(money(total) + " " + currency);
        if (eu != null) bits.add(label(HIKB.euContribution) + " " + money(eu) + " " + currency);
        if (rate != null) bits.add(label(HIKB.cofinancingRate) + " " + percent(rate));
        for (Node fund : values(funding, HIKB.fund)) bits.add(labels.label(fund, lang));
        return bits.isEmpty() ? Optional.empty() : Optional.of(Html.escape(String.join(" · ", bits).replace("  ", " ").strip()));
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
    private String others() {
        Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
        d.find(self, Node.ANY, Node.ANY).forEachRemaining(t -> {
            Node p = t.getPredicate();
            if (!PLACED.contains(p) && !FACTS.contains(p)) byProperty.computeIfAbsent(p, k -> new ArrayList<>()).add(t.getObject());
        });
        if (byProperty.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(section("more", text.get("page.more")) + "<dl class=\"facts\">");
        byProperty.forEach((p, vs) -> sb.append("<dt>").append(Html.escape(label(p))).append("</dt><dd>")
                .append(String.join("<br>", vs.stream().map(n -> value(p, n)).toList())).append("</dd>"));
        return sb.append("</dl></section>").toString();
    }

    /** The records most alike this one (from the search index), as links. */
    private String related(List<Node> records) {
        if (records.isEmpty()) return "";
        StringBuilder sb = new StringBuilder(section("related", text.get("page.related")) + "<ul>");
        for (Node r : records) sb.append("<li>").append(value(Terms.RELATION, r)).append("</li>");
        return sb.append("</ul></section>").toString();
    }

    private String linkedFrom() {
        Map<Node, List<Node>> byProperty = new LinkedHashMap<>();
        d.find(Node.ANY, Node.ANY, self).forEachRemaining(t -> {
            if (!t.getSubject().equals(self)) byProperty.computeIfAbsent(t.getPredicate(), k -> new ArrayList<>()).add(t.getSubject());
        });
        if (byProperty.isEmpty()) return "";
        boolean scheme = byProperty.containsKey(Terms.IN_SCHEME);
        StringBuilder sb = new StringBuilder(section("linked", text.get(scheme ? "page.concepts" : "page.linkedFrom")) + "<dl class=\"facts\">");
        byProperty.forEach((p, subjects) -> {
            List<String> links = subjects.stream().map(s -> value(p, s)).sorted().toList();
            sb.append("<dt>").append(Html.escape(label(p))).append("</dt><dd>").append(String.join("<br>", links)).append("</dd>");
        });
        return sb.append("</dl></section>").toString();
    }


    /** A value as the page shows it: a link to our resources, the name of what the store knows, else the text. */
    private String value(Node property, Node n) {
        if (n.isLiteral()) {
            String s = Html.escape(n.getLiteralLexicalForm());
            String tag = n.getLiteralLanguage();
            return tag.isEmpty() ? s : "<span lang=\"" + Html.escape(tag) + "\">" + s + "</span> <span class=\"badge\">" + Html.escape(tag) + "</span>";
        }
        if (!n.isURI()) return Html.escape(labels.label(n, lang));
        String name = Html.escape(labels.label(n, lang));
        String uri = n.getURI();
        if (uri.startsWith(Namespaces.BASE)) {
            String link = "<a href=\"" + Html.escape(localPath(uri) + "?lang=" + lang.code()) + "\">" + name + "</a>";
            if ((property.equals(HIKB.theme) || property.equals(HIKB.derivedTheme)) && uri.startsWith(Namespaces.CONCEPT + "theme/"))
                link += " <a class=\"note\" href=\"" + Html.escape("/?theme=" + lastSegment(uri) + "&lang=" + lang.code()) + "\" title=\""
                        + Html.escape(text.get("page.searchTheme")) + "\">&#x1F50E;&#xFE0E;</a>";
            return link;
        }
        return "<a href=\"" + Html.escape(uri) + "\">" + name + "</a>";
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

    private String section(String id, String heading) {
        return "<section aria-labelledby=\"h-" + id + "\"><h2 id=\"h-" + id + "\">" + Html.escape(heading) + "</h2>";
    }

    private static String langAttr(Node literal) {
        return literal.getLiteralLanguage().isEmpty() ? "" : " lang=\"" + Html.escape(literal.getLiteralLanguage()) + "\"";
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
