package org.w3id.hikb.linkeddata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.datatypes.TypeMapper;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.w3id.hikb.geo.CountryShapes;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.History;

/**
 * The knowledge base described for data portals, as a DCAT-AP 3 catalogue: the records, the ontology and
 * the vocabularies as datasets, each with its distributions (the dumps, the JSON API, the SPARQL endpoint
 * as a data service), licence, publisher, contact point, EU data themes, languages, places and dates.
 * URLs are given at the public base ({@code https://w3id.org/hikb/...}), which maps onto this server.
 * Must be called inside a read transaction.
 */
final class Catalog {
    static final String DCAT = Namespaces.DCAT;
    private static final String FOAF = Namespaces.FOAF;
    private static final String VCARD = Namespaces.VCARD;
    private static final String EU = Namespaces.EU_AUTHORITY;
    private static final String IANA = Namespaces.IANA_MEDIA_TYPES;
    private static final String B = Namespaces.BASE;
    static final Node CATALOG = uri(B + "catalog");
    static final Node RECORDS = uri(B + "dataset/records");
    static final Node ONTOLOGY = uri(B + "dataset/ontology");
    static final Node VOCABULARIES = uri(B + "dataset/vocabularies");
    private static final Node PUBLISHER = uri(B + "publisher");
    private static final Node SPARQL = uri(B + "sparql-service");
    private static final Node LICENCE = uri(EU + "licence/CC_BY_4_0");
    private static final Node RIGHTS = uri(B + "rights");
    private static final Node EUROPE = uri(EU + "continent/EUROPE");
    /** The ISO 3166-1 alpha-3 codes of the countries of Europe (the EU authority table's country codes). */
    private static final Set<String> EUROPEAN = Set.of("ALB", "AND", "AUT", "BEL", "BGR", "BIH", "BLR", "CHE", "CYP", "CZE", "DEU", "DNK", "ESP",
            "EST", "FIN", "FRA", "FRO", "GBR", "GIB", "GRC", "HRV", "HUN", "IMN", "IRL", "ISL", "ITA", "LIE", "LTU", "LUX", "LVA", "MCO", "MDA",
            "MKD", "MLT", "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SMR", "SRB", "SVK", "SVN", "SWE", "UKR", "VAT", "XKX", "GGY", "JEY", "ALA", "SJM");

    private final Graph g = GraphFactory.createDefaultGraph();
    private final DatasetGraph dsg;

    private Catalog(DatasetGraph dsg) {
        this.dsg = dsg;
    }

    static Graph build(DatasetGraph dsg) {
        return new Catalog(dsg).describe();
    }

    private Graph describe() {
        g.getPrefixMapping().setNsPrefix("dcat", DCAT).setNsPrefix("dct", Namespaces.DCT).setNsPrefix("foaf", FOAF)
                .setNsPrefix("vcard", VCARD).setNsPrefix("hikb", HIKB.NS).setNsPrefix("xsd", Namespaces.XSD);
        Instant modified = History.lastChange(dsg).orElse(Instant.now());
        Instant issued = firstChange().orElse(modified);

        add(CATALOG, Terms.TYPE, uri(DCAT + "Catalog"));
        texts(CATALOG, Terms.TITLE, "catalog.title");
        texts(CATALOG, Terms.DESCRIPTION, "catalog.description");
        common(CATALOG, issued, modified);
        add(CATALOG, uri(FOAF + "homepage"), uri(B));
        add(uri(B), Terms.TYPE, uri(FOAF + "Document"));
        add(CATALOG, uri(DCAT + "themeTaxonomy"), uri(EU + "data-theme"));
        add(uri(EU + "data-theme"), Terms.TYPE, Terms.CONCEPT_SCHEME);
        add(uri(EU + "data-theme"), Terms.TITLE, NodeFactory.createLiteralLang("Data theme", "en"));
        for (Node d : List.of(RECORDS, ONTOLOGY, VOCABULARIES)) add(CATALOG, uri(DCAT + "dataset"), d);
        add(CATALOG, uri(DCAT + "service"), SPARQL);

        add(PUBLISHER, Terms.TYPE, uri(FOAF + "Agent"));
        add(PUBLISHER, uri(FOAF + "name"), NodeFactory.createLiteralLang("HIKB team", "en"));
        // ADMS publisher type: a team of people, no registered body.
        Node individuals = uri(Namespaces.ADMS_PUBLISHER_TYPE + "PrivateIndividual(s)");
        add(PUBLISHER, uri(Namespaces.DCT + "type"), individuals);
        add(individuals, Terms.TYPE, Terms.CONCEPT);
        add(individuals, Terms.IN_SCHEME, uri(Namespaces.ADMS_PUBLISHER_TYPE + "1.0"));
        add(individuals, Terms.PREF_LABEL, NodeFactory.createLiteralLang("Private Individual(s)", "en"));

        dataset(RECORDS, issued, modified, "catalog.records");
        add(RECORDS, uri(DCAT + "theme"), theme("HEAL"));
        add(RECORDS, uri(DCAT + "theme"), theme("TECH"));
        add(RECORDS, uri(DCAT + "theme"), theme("ECON"));
        for (String k : List.of("health", "care", "innovation transfer", "Interreg", "digital health", "telemedicine"))
            add(RECORDS, uri(DCAT + "keyword"), NodeFactory.createLiteralLang(k, "en"));
        Set<Node> countries = countries();
        for (Node country : countries) {
            add(RECORDS, uri(Namespaces.DCT + "spatial"), country);
            add(CATALOG, uri(Namespaces.DCT + "spatial"), country);
            add(country, Terms.TYPE, uri(Namespaces.DCT + "Location"));
            CountryShapes.world().country(code(country)).ifPresent(shape -> {
                add(country, uri(DCAT + "bbox"), wkt(shape.box().wkt()));
                add(country, uri(DCAT + "centroid"), wkt(CountryShapes.pointWkt(shape.centroidLon(), shape.centroidLat())));
            });
        }
        // Europe, when every country the records name is a European one (today all are: EU authority codes of
        // the European countries the sources name).
        boolean european = !countries.isEmpty() && countries.stream().allMatch(c -> EUROPEAN.contains(code(c)));
        if (european) {
            add(RECORDS, uri(Namespaces.DCT + "spatial"), EUROPE);
            add(EUROPE, Terms.TYPE, uri(Namespaces.DCT + "Location"));
            // Europe as the EU's country table's European countries, by their largest parts (see CountryShapes), but Russia,
            // whose largest part reaches the Pacific and would put the centroid of Europe in the Urals.
            String[] europe = CountryShapes.mainPartsWkt(EUROPEAN.stream().sorted().filter(c -> !c.equals("RUS")).map(c -> CountryShapes.world().country(c))
                    .flatMap(Optional::stream).toList());
            add(EUROPE, uri(DCAT + "bbox"), wkt(europe[0]));
            add(EUROPE, uri(DCAT + "centroid"), wkt(europe[1]));
        }
        java.util.Optional<Node> period = period();
        period.ifPresent(p -> add(RECORDS, uri(Namespaces.DCT + "temporal"), p));
        // The seed documents and public datasets the records come from (PROV: they are not all DCAT datasets).
        for (Node source : sources()) add(RECORDS, uri(Namespaces.PROV + "wasDerivedFrom"), source);
        distribution(RECORDS, "dumps/hikb.nq.gz", "All statements as N-Quads (gzip), one named graph per source", "RDF_N_QUADS", "application/n-quads", true);
        distribution(RECORDS, "dumps/hikb.ttl.gz", "All statements as Turtle (gzip), the union of the graphs", "RDF_TURTLE", "text/turtle", true);
        distribution(RECORDS, "api/docs", "The JSON API: search, records and concepts in four languages", "JSON", "application/json", false);
        Node sparqlDistribution = uri(B + "dataset/records/sparql");
        add(RECORDS, uri(DCAT + "distribution"), sparqlDistribution);
        add(sparqlDistribution, Terms.TYPE, uri(DCAT + "Distribution"));
        add(sparqlDistribution, uri(DCAT + "accessURL"), uri(B + "sparql"));
        add(sparqlDistribution, uri(DCAT + "accessService"), SPARQL);
        add(sparqlDistribution, Terms.TITLE, NodeFactory.createLiteralLang("The SPARQL 1.1 endpoint", "en"));
        add(sparqlDistribution, uri(Namespaces.DCT + "license"), LICENCE);
        add(sparqlDistribution, Terms.DESCRIPTION, NodeFactory.createLiteralLang("Query everything with SPARQL 1.1; results as JSON, XML, CSV, TSV or RDF.", "en"));
        add(sparqlDistribution, uri(Namespaces.DCT + "format"), fileType("SPARQLQ"));
        add(sparqlDistribution, uri(DCAT + "mediaType"), mediaType(IANA + "application/sparql-results+json"));
        add(sparqlDistribution, uri(Namespaces.DCT + "rights"), rights());
        add(sparqlDistribution, uri(Namespaces.DCAT_AP + "availability"), experimental());

        dataset(ONTOLOGY, issued, modified, "catalog.ontology");
        add(ONTOLOGY, uri(DCAT + "theme"), theme("HEAL"));
        for (String k : List.of("ontology", "OWL", "SHACL", "health innovation"))
            add(ONTOLOGY, uri(DCAT + "keyword"), NodeFactory.createLiteralLang(k, "en"));
        coversWhatTheRecordsCover(ONTOLOGY, european, period);
        distribution(ONTOLOGY, "ontology.ttl", "The ontology as Turtle", "RDF_TURTLE", "text/turtle", false);
        distribution(ONTOLOGY, "ontology.jsonld", "The ontology as JSON-LD", "JSON_LD", "application/ld+json", false);

        dataset(VOCABULARIES, issued, modified, "catalog.vocabularies");
        add(VOCABULARIES, uri(DCAT + "theme"), theme("HEAL"));
        for (String k : List.of("SKOS", "thesaurus", "EuroVoc"))
            add(VOCABULARIES, uri(DCAT + "keyword"), NodeFactory.createLiteralLang(k, "en"));
        coversWhatTheRecordsCover(VOCABULARIES, european, period);
        for (String scheme : List.of("theme", "instrument-type", "stakeholder", "pilot-type", "funding-source", "sector"))
            distribution(VOCABULARIES, "doc/concept/" + scheme + ".ttl", "The " + scheme + " scheme as Turtle", "RDF_TURTLE", "text/turtle", false);

        add(SPARQL, Terms.TYPE, uri(DCAT + "DataService"));
        add(SPARQL, Terms.TITLE, NodeFactory.createLiteralLang("HIKB SPARQL 1.1 endpoint", "en"));
        add(SPARQL, Terms.DESCRIPTION, NodeFactory.createLiteralLang(
                "SPARQL 1.1 Query over the whole knowledge base; the default graph is the union of the named graphs. Full-text search in four languages with text:query.", "en"));
        add(SPARQL, uri(DCAT + "endpointURL"), uri(B + "sparql"));
        add(SPARQL, uri(DCAT + "endpointDescription"), uri(B + "sparql"));
        add(SPARQL, uri(DCAT + "servesDataset"), RECORDS);
        add(SPARQL, uri(DCAT + "servesDataset"), ONTOLOGY);
        add(SPARQL, uri(DCAT + "servesDataset"), VOCABULARIES);
        add(SPARQL, uri(Namespaces.DCT + "conformsTo"), uri("https://www.w3.org/TR/sparql11-protocol/"));
        add(uri("https://www.w3.org/TR/sparql11-protocol/"), Terms.TYPE, uri(Namespaces.DCT + "Standard"));
        add(SPARQL, uri(Namespaces.DCT + "license"), LICENCE);
        add(SPARQL, uri(Namespaces.DCT + "publisher"), PUBLISHER);
        add(SPARQL, uri(DCAT + "contactPoint"), contact());
        add(SPARQL, uri(DCAT + "theme"), theme("HEAL"));
        add(SPARQL, uri(DCAT + "keyword"), NodeFactory.createLiteralLang("SPARQL", "en"));
        return g;
    }

    /**
     * The place and period of the ontology and the vocabularies: those of the records, which their classes and
     * concepts describe (the funding programmes of the vocabularies are the records' programmes, from FP7 to the
     * 2021-2027 period, and their places the records' places).
     */
    private void coversWhatTheRecordsCover(Node dataset, boolean european, java.util.Optional<Node> period) {
        if (european) add(dataset, uri(Namespaces.DCT + "spatial"), EUROPE);
        period.ifPresent(p -> add(dataset, uri(Namespaces.DCT + "temporal"), p));
    }

    /** A dataset; its title and description are the interface texts {@code key.title} and {@code key.description} in each language. */
    private void dataset(Node d, Instant issued, Instant modified, String key) {
        add(d, Terms.TYPE, uri(DCAT + "Dataset"));
        texts(d, Terms.TITLE, key + ".title");
        texts(d, Terms.DESCRIPTION, key + ".description");
        common(d, issued, modified);
        // Open to anyone, with no condition but the licence's attribution.
        Node access = concept("access-right", "PUBLIC", "Public");
        add(access, Terms.TYPE, uri(Namespaces.DCT + "RightsStatement"));
        add(d, uri(Namespaces.DCT + "accessRights"), access);

        add(d, uri(DCAT + "landingPage"), uri(B));
        add(d, uri(Namespaces.DCT + "accrualPeriodicity"), uri(EU + "frequency/IRREG"));
        add(uri(EU + "frequency/IRREG"), Terms.TYPE, uri(Namespaces.DCT + "Frequency"));
    }

    /** What the catalogue and each dataset share: publisher, contact, licence, languages, dates. */
    private void common(Node s, Instant issued, Instant modified) {
        add(s, uri(Namespaces.DCT + "publisher"), PUBLISHER);
        add(s, uri(DCAT + "contactPoint"), contact());
        add(s, uri(Namespaces.DCT + "license"), LICENCE);
        add(LICENCE, Terms.TYPE, uri(Namespaces.DCT + "LicenseDocument"));
        // What CC BY 4.0 asks (ADMS licence type): attribution.
        Node attribution = uri(Namespaces.ADMS_LICENCE_TYPE + "Attribution");
        add(LICENCE, uri(Namespaces.DCT + "type"), attribution);
        add(attribution, Terms.TYPE, Terms.CONCEPT);
        add(attribution, Terms.IN_SCHEME, uri(Namespaces.ADMS_LICENCE_TYPE + "1.0"));
        add(attribution, Terms.PREF_LABEL, NodeFactory.createLiteralLang("Attribution", "en"));
        for (Lang l : Lang.values()) {
            add(s, Terms.LANGUAGE, l.authority());
            add(l.authority(), Terms.TYPE, uri(Namespaces.DCT + "LinguisticSystem"));
        }
        add(s, uri(Namespaces.DCT + "issued"), NodeFactory.createLiteralDT(issued.atOffset(ZoneOffset.UTC).toString(), XSDDatatype.XSDdateTime));
        add(s, Terms.MODIFIED, NodeFactory.createLiteralDT(modified.atOffset(ZoneOffset.UTC).toString(), XSDDatatype.XSDdateTime));
    }

    /** The rights statement every distribution carries. */
    private Node rights() {
        add(RIGHTS, Terms.TYPE, uri(Namespaces.DCT + "RightsStatement"));
        texts(RIGHTS, Terms.RDFS_LABEL, "catalog.rights");
        return RIGHTS;
    }

    private Node contact() {
        Node c = uri(B + "contact");
        add(c, Terms.TYPE, uri(VCARD + "Kind"));
        add(c, uri(VCARD + "fn"), NodeFactory.createLiteralLang("HIKB team", "en"));
        add(c, uri(VCARD + "hasURL"), uri(B));
        return c;
    }

    private void distribution(Node dataset, String path, String title, String fileType, String mediaType, boolean gzip) {
        Node d = uri(B + "distribution/" + path.replace('/', '-'));
        add(dataset, uri(DCAT + "distribution"), d);
        add(d, Terms.TYPE, uri(DCAT + "Distribution"));
        add(d, Terms.TITLE, NodeFactory.createLiteralLang(title, "en"));
        add(d, Terms.DESCRIPTION, NodeFactory.createLiteralLang(title + ".", "en"));
        add(d, uri(Namespaces.DCAT_AP + "availability"), experimental());
        add(d, uri(DCAT + "accessURL"), uri(B + path));
        // A file (a dump, the ontology, a scheme) is downloaded from where it is reached; the API is not a file.
        if (!path.startsWith("api/")) add(d, uri(DCAT + "downloadURL"), uri(B + path));
        if (gzip) {
            add(d, uri(DCAT + "mediaType"), mediaType(IANA + "application/gzip"));
            add(d, uri(DCAT + "compressFormat"), mediaType(IANA + "application/gzip"));
            add(d, uri(DCAT + "packageFormat"), mediaType(IANA + mediaType));
        } else {
            add(d, uri(DCAT + "mediaType"), mediaType(IANA + mediaType));
        }
        add(d, uri(Namespaces.DCT + "format"), fileType(fileType));
        add(d, uri(Namespaces.DCT + "license"), LICENCE);
        add(d, uri(Namespaces.DCT + "rights"), rights());
    }

    /** Planned availability: the knowledge base is at version 0.1. */
    private Node experimental() {
        return concept("planned-availability", "EXPERIMENTAL", "Experimental");
    }

    private Node fileType(String code) {
        Node format = uri(EU + "file-type/" + code);
        add(format, Terms.TYPE, uri(Namespaces.DCT + "MediaTypeOrExtent"));
        return format;
    }

    private Node mediaType(String u) {
        Node m = uri(u);
        add(m, Terms.TYPE, uri(Namespaces.DCT + "MediaType"));
        return m;
    }

    private Node theme(String code) {
        String label = switch (code) {
            case "HEAL" -> "Health";
            case "TECH" -> "Science and technology";
            default -> "Economy and finance";
        };
        return concept("data-theme", code, label);
    }

    /** A concept of an EU authority table, with the label and scheme the DCAT-AP shapes ask for. */
    private Node concept(String table, String code, String label) {
        Node t = uri(EU + table + "/" + code);
        add(t, Terms.TYPE, Terms.CONCEPT);
        add(t, Terms.IN_SCHEME, uri(EU + table));
        add(t, Terms.PREF_LABEL, NodeFactory.createLiteralLang(label, "en"));
        return t;
    }

    private Set<Node> countries() {
        Set<Node> out = new LinkedHashSet<>();
        dsg.find(Node.ANY, Node.ANY, HIKB.country, Node.ANY).forEachRemaining(q -> {
            if (q.getObject().isURI() && !GraphNames.isBookkeeping(q.getGraph())) out.add(q.getObject());
        });
        return out;
    }

    /** The time the records cover: from the earliest start any gives to the latest end. */
    private java.util.Optional<Node> period() {
        Node[] bounds = new Node[2];
        dsg.find(Node.ANY, Node.ANY, HIKB.startDate, Node.ANY).forEachRemaining(q -> bounds[0] = earlier(bounds[0], q.getObject(), true));
        dsg.find(Node.ANY, Node.ANY, HIKB.endDate, Node.ANY).forEachRemaining(q -> bounds[1] = earlier(bounds[1], q.getObject(), false));
        if (bounds[0] == null && bounds[1] == null) return java.util.Optional.empty();
        Node period = uri(B + "dataset/records/period");
        add(period, Terms.TYPE, uri(Namespaces.DCT + "PeriodOfTime"));
        if (bounds[0] != null) add(period, uri(DCAT + "startDate"), bounds[0]);
        if (bounds[1] != null) add(period, uri(DCAT + "endDate"), bounds[1]);
        return java.util.Optional.of(period);
    }

    /** Of two dates (xsd:date, gYearMonth or gYear, compared as ISO text), the earlier, or the later if not {@code earliest}. */
    private static Node earlier(Node best, Node candidate, boolean earliest) {
        if (!candidate.isLiteral()) return best;
        if (best == null) return candidate;
        int c = candidate.getLiteralLexicalForm().compareTo(best.getLiteralLexicalForm());
        return (earliest ? c < 0 : c > 0) ? candidate : best;
    }

    /** The source documents and public datasets the records come from. */
    private Set<Node> sources() {
        Set<Node> out = new LinkedHashSet<>();
        dsg.find(Node.ANY, Node.ANY, Terms.TYPE, HIKB.SourceDocument).forEachRemaining(q -> out.add(q.getSubject()));
        return out;
    }

    private java.util.Optional<Instant> firstChange() {
        var it = dsg.find(GraphNames.CHANGES, uri(B + "change/1"), org.w3id.hikb.vocab.PROV.endedAtTime, Node.ANY);
        return it.hasNext() ? java.util.Optional.of(Instant.parse(it.next().getObject().getLiteralLexicalForm())) : java.util.Optional.empty();
    }

    /** A text in each of the four languages: the interface texts' {@code key} ({@code messages_xx.properties}). */
    private void texts(Node s, Node p, String key) {
        for (Lang l : Lang.values()) add(s, p, NodeFactory.createLiteralLang(Messages.of(l).get(key), l.code()));
    }

    private void add(Node s, Node p, Node o) {
        g.add(Triple.create(s, p, o));
    }

    private static String code(Node country) {
        return country.getURI().substring(country.getURI().lastIndexOf('/') + 1);
    }

    /** A GeoSPARQL WKT literal, as DCAT-AP 3 recommends for boxes and centroids. */
    private static Node wkt(String text) {
        return NodeFactory.createLiteralDT(text, TypeMapper.getInstance().getSafeTypeByName(Namespaces.GEOSPARQL + "wktLiteral"));
    }

    private static Node uri(String u) {
        return NodeFactory.createURI(u);
    }
}
