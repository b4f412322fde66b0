package org.w3id.hikb.search;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.IndexOptions;
import org.w3id.hikb.geo.NutsRegions;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;
import org.w3id.hikb.records.RunningPeriod;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;

/**
 * Turns a record read from the store into its search document. The document is a view: it holds the
 * record's texts per language (its own, and the names of what it links to in that language, so that a
 * search for "Lombardia" finds the Milan workshop), its names and acronyms, the concepts it is tagged with,
 * and the values it is filtered and sorted by. Untagged text is put under the language it is written in.
 */
final class RecordDocuments {
    /** Text fields keep positions and offsets: phrases, proximity and fast highlighting. */
    private static final FieldType STORED_TEXT = new FieldType(TextField.TYPE_STORED);
    static {
        STORED_TEXT.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        STORED_TEXT.freeze();
    }
    /** Named things a record links to. Concepts are not among them: the search finds those through the lexicon. */
    private static final List<Node> LINKED_NAMES = List.of(HIKB.programme, HIKB.region, HIKB.location, HIKB.partner,
            HIKB.leadOrganisation, HIKB.funder, HIKB.collaboratesWith, HIKB.network, HIKB.host, HIKB.organiser,
            HIKB.eventOf, Terms.IS_PART_OF, HIKB.country, Terms.RELATION);
    private static final List<Node> CONCEPTS = List.of(HIKB.theme, HIKB.targetGroup, HIKB.sector, HIKB.instrumentType);

    private final FacetsConfig facets;

    RecordDocuments(FacetsConfig facets) {
        this.facets = facets;
    }

    /** Must be called inside a read transaction on {@code dsg}. */
    Document build(Record r, DatasetGraph dsg) throws IOException {
        Labels labels = new Labels(dsg);
        Document doc = new Document();
        Node self = r.node();
        doc.add(new StringField(Fields.ID, r.id().uri(), Field.Store.YES));
        doc.add(new SortedDocValuesField(Fields.ORDER, new BytesRef(r.id().uri())));
        doc.add(new NumericDocValuesField(Fields.CURATED, curated(r) ? 1 : 0));
        facet(doc, Facet.TYPE, r.id().type().segment());

        names(doc, r);
        texts(doc, r, Fields.TITLE, List.of(self), List.of(Terms.TITLE));
        texts(doc, r, Fields.SUMMARY, List.of(self), List.of(Terms.ABSTRACT));
        List<Node> subjects = new ArrayList<>(List.of(self));
        r.graph().find(self, Node.ANY, Node.ANY).forEachRemaining(t -> { if (r.owns(t.getObject())) subjects.add(t.getObject()); });
        texts(doc, r, Fields.TEXT, subjects, List.of(Terms.DESCRIPTION, HIKB.objective, Terms.TITLE, Terms.ALTERNATIVE, HIKB.keyword, HIKB.programmePart));
        linkedNames(doc, r, labels);

        Set<Node> concepts = new LinkedHashSet<>();
        for (Node p : CONCEPTS) concepts.addAll(r.values(p));
        for (Node pilot : r.values(HIKB.pilot)) {
            concepts.addAll(r.values(pilot, HIKB.pilotType));
            concepts.addAll(r.values(pilot, HIKB.targetGroup));
        }
        for (Node f : r.values(HIKB.funding)) concepts.addAll(r.values(f, HIKB.fund));
        concepts.stream().filter(Node::isURI).forEach(c -> doc.add(new StringField(Fields.CONCEPT, c.getURI(), Field.Store.NO)));
        // Themes the classifier derived count for less than a curator's.
        r.values(HIKB.derivedTheme).stream().filter(Node::isURI).filter(c -> !concepts.contains(c))
                .forEach(c -> doc.add(new StringField(Fields.DERIVED_CONCEPT, c.getURI(), Field.Store.NO)));

        filters(doc, r, dsg, labels);
        return facets.build(doc);
    }

    private static void names(Document doc, Record r) {
        Set<String> names = new LinkedHashSet<>();
        r.literals(r.node(), HIKB.acronym).forEach(n -> names.add(n.getLiteralLexicalForm()));
        names.add(r.id().slug());
        names.forEach(name -> doc.add(new TextField(Fields.NAME, name, Field.Store.NO)));
        r.literals(r.node(), Terms.TITLE).forEach(n -> names.add(n.getLiteralLexicalForm()));
        for (String name : names) {
            doc.add(new TextField(Fields.SUGGEST, name, Field.Store.NO));
            String exact = Analyzers.exactName(name);
            if (!exact.isEmpty()) doc.add(new StringField(Fields.NAME_EXACT, exact, Field.Store.NO));
        }
    }

    /** Each literal of the properties goes to the family's field of its language (guessed when untagged). */
    private static void texts(Document doc, Record r, String family, List<Node> subjects, List<Node> properties) {
        for (Node s : subjects)
            for (Node p : properties) {
                if (s.equals(r.node()) && family.equals(Fields.TEXT) && p.equals(Terms.TITLE)) continue;
                for (Node lit : r.literals(s, p))
                    doc.add(new Field(fieldFor(family, lit), lit.getLiteralLexicalForm(), STORED_TEXT));
            }
    }

    private static String fieldFor(String family, Node literal) {
        String tag = literal.getLiteralLanguage();
        Optional<Lang> lang = tag.isEmpty() ? LanguageGuesser.guess(literal.getLiteralLexicalForm()) : Lang.of(tag);
        return lang.map(l -> Fields.text(family, l)).orElse(Fields.textOther(family));
    }

    /** The names of what the record links to, in each language, as more text of the record. */
    private static void linkedNames(Document doc, Record r, Labels labels) {
        Set<Node> linked = new LinkedHashSet<>();
        for (Node p : LINKED_NAMES) linked.addAll(r.values(p));
        for (Node n : linked) {
            if (!n.isURI()) continue;
            for (Lang l : Lang.values())
                labels.exactly(n, l).ifPresent(name -> doc.add(new TextField(Fields.text(Fields.LINKS, l), name, Field.Store.NO)));
        }
    }

    private void filters(Document doc, Record r, DatasetGraph dsg, Labels labels) {
        for (Node c : r.values(HIKB.country))
            if (c.isURI() && c.getURI().startsWith(Namespaces.COUNTRY))
                facet(doc, Facet.COUNTRY, c.getURI().substring(Namespaces.COUNTRY.length()));
        for (String region : regions(r, dsg)) facet(doc, Facet.REGION, region);
        for (Node p : programmes(r, dsg))
            RecordId.of(p).ifPresent(id -> facet(doc, Facet.PROGRAMME, id.slug()));
        for (Node f : r.values(HIKB.funding))
            for (Node fund : r.values(f, HIKB.fund)) facet(doc, Facet.FUND, conceptId(fund));
        for (Node p : List.of(HIKB.theme, HIKB.derivedTheme))
            for (Node t : r.values(p)) facet(doc, Facet.THEME, conceptId(t));
        facet(doc, Facet.SCOPE, aboutHealth(r) ? "health" : "other");
        Set<Node> groups = new LinkedHashSet<>(r.values(HIKB.targetGroup));
        for (Node pilot : r.values(HIKB.pilot)) groups.addAll(r.values(pilot, HIKB.targetGroup));
        for (Node g : groups) facet(doc, Facet.STAKEHOLDER, conceptId(g));
        for (Node l : r.values(Terms.LANGUAGE))
            facet(doc, Facet.LANGUAGE, Lang.ofAuthority(l).map(Lang::code)
                    .orElseGet(() -> conceptId(l).toLowerCase(Locale.ROOT)));

        RunningPeriod period = RunningPeriod.of(first(r, HIKB.startDate), first(r, HIKB.endDate), first(r, HIKB.duration));
        period.start().ifPresent(d -> {
            doc.add(new LongPoint(Fields.START, d.toEpochDay()));
            doc.add(new NumericDocValuesField(Fields.START, d.toEpochDay()));
            doc.add(new IntPoint(Fields.START_YEAR, d.getYear()));
            facet(doc, Facet.YEAR, Integer.toString(d.getYear()));
        });
        period.end().ifPresent(d -> {
            doc.add(new LongPoint(Fields.END, d.toEpochDay()));
            doc.add(new NumericDocValuesField(Fields.END, d.toEpochDay()));
        });
        budgetInCents(r).ifPresent(c -> doc.add(new NumericDocValuesField(Fields.BUDGET, c)));
    }

    /** The NUTS level-2 regions of the record's regions: a NUTS region itself, or a place's NUTS match. */
    private static Set<String> regions(Record r, DatasetGraph dsg) {
        Set<Node> nuts = new LinkedHashSet<>();
        for (Node region : r.values(HIKB.region)) {
            if (!region.isURI()) continue;
            if (region.getURI().startsWith(Namespaces.NUTS)) nuts.add(region);
            else dsg.find(Node.ANY, region, Terms.EXACT_MATCH, Node.ANY).forEachRemaining(q -> nuts.add(q.getObject()));
        }
        Set<String> out = new LinkedHashSet<>();
        for (Node n : nuts)
            if (n.isURI() && n.getURI().startsWith(Namespaces.NUTS))
                NutsRegions.levelTwo(n.getURI().substring(Namespaces.NUTS.length())).ifPresent(out::add);
        return out;
    }

    /** The record's programmes: its own, those it is part of, and for an event those of its initiative. */
    private static Set<Node> programmes(Record r, DatasetGraph dsg) {
        Set<Node> out = new LinkedHashSet<>(r.values(HIKB.programme));
        for (Node parent : r.values(Terms.IS_PART_OF))
            if (RecordId.of(parent).map(id -> id.type() == RecordType.PROGRAMME).orElse(false)) out.add(parent);
        for (Node initiative : r.values(HIKB.eventOf))
            dsg.find(Node.ANY, initiative, HIKB.programme, Node.ANY).forEachRemaining(q -> out.add(q.getObject()));
        return out;
    }

    /** Whether the record belongs to the health-and-care knowledge base (see {@link Facet#SCOPE}). */
    static boolean aboutHealth(Record r) {
        if (!r.values(HIKB.theme).isEmpty()) return true;
        if (r.values(HIKB.derivedTheme).stream().anyMatch(t -> conceptId(t).equals("health-and-care"))) return true;
        return r.values(Terms.SOURCE).stream().anyMatch(s -> RecordId.of(s).map(id -> id.type() == RecordType.SOURCE && id.slug().startsWith("seed-")).orElse(false));
    }

    private static Optional<Long> budgetInCents(Record r) {
        BigDecimal total = null;
        for (Node f : r.values(HIKB.funding))
            for (Node amount : r.literals(f, HIKB.totalBudget)) {
                try {
                    BigDecimal v = new BigDecimal(amount.getLiteralLexicalForm());
                    total = total == null ? v : total.add(v);
                } catch (NumberFormatException e) {
                    // The shapes allow only decimals here; a stray value is not worth failing the index for.
                }
            }
        return total == null ? Optional.empty() : Optional.of(total.movePointRight(2).longValue());
    }

    private static Node first(Record r, Node p) {
        List<Node> v = r.values(p);
        return v.isEmpty() ? null : v.get(0);
    }

    /** The last segment of a concept or authority URI: {@code .../theme/telemedicine} is {@code telemedicine}. */
    static String conceptId(Node n) {
        String u = n.isURI() ? n.getURI() : n.toString();
        return u.substring(u.lastIndexOf('/') + 1);
    }

    private void facet(Document doc, Facet f, String value) {
        if (value != null && !value.isBlank())
            doc.add(new SortedSetDocValuesFacetField(f.dimension(), value));
    }

    /** Whether a record is the curators': it lives in a bundled data file's graph or in the curation graph, not (only) in an import's. */
    private static boolean curated(Record r) {
        String data = GraphNames.graph("data/").getURI();
        return r.graphs().stream().anyMatch(g -> g.equals(GraphNames.CURATION) || (g.isURI() && g.getURI().startsWith(data)));
    }
}
