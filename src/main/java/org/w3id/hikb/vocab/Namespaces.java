package org.w3id.hikb.vocab;

import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;

/**
 * Every namespace the knowledge base names, in one place: Jena's vocabulary classes where Jena has one, the
 * rest here. Also the prefixes it uses in its files, its SPARQL examples and its output.
 */
public final class Namespaces {
    public static final String BASE = "https://w3id.org/hikb/";
    public static final String ID = BASE + "id/";
    public static final String CONCEPT = BASE + "concept/";
    public static final String GRAPH = BASE + "graph/";

    public static final String RDF = org.apache.jena.vocabulary.RDF.uri;
    public static final String RDFS = org.apache.jena.vocabulary.RDFS.uri;
    public static final String OWL = org.apache.jena.vocabulary.OWL2.NS;
    public static final String XSD = org.apache.jena.vocabulary.XSD.NS;
    public static final String DCT = org.apache.jena.vocabulary.DCTerms.NS;
    public static final String SKOS = org.apache.jena.vocabulary.SKOS.uri;
    public static final String FOAF = org.apache.jena.sparql.vocabulary.FOAF.NS;
    public static final String ORG = org.apache.jena.vocabulary.ORG.NS;
    public static final String DCAT = org.apache.jena.vocabulary.DCAT.NS;
    public static final String VCARD = org.apache.jena.vocabulary.VCARD4.NS;
    public static final String VOID = org.apache.jena.vocabulary.VOID.NS;
    /** schema.org as its RDF was first published (Jena's {@code SchemaDO} has the https form). */
    public static final String SCHEMA = "http://schema.org/";
    public static final String PROV = "http://www.w3.org/ns/prov#";
    public static final String SHACL = "http://www.w3.org/ns/shacl#";
    public static final String EURIO = "http://data.europa.eu/s66#";
    public static final String SPARQL_SERVICE = "http://www.w3.org/ns/sparql-service-description#";
    public static final String FORMATS = "http://www.w3.org/ns/formats/";
    public static final String XPATH_FUNCTIONS = "http://www.w3.org/2005/xpath-functions#";
    public static final String LDES = "https://w3id.org/ldes#";
    public static final String TREE = "https://w3id.org/tree#";
    public static final String EUROVOC = "http://eurovoc.europa.eu/";
    public static final String IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/";
    public static final String GEOSPARQL = "http://www.opengis.net/ont/geosparql#";
    public static final String DCAT_AP = "http://data.europa.eu/r5r/";
    /** The ADMS vocabularies DCAT-AP takes a licence's and a publisher's type from. */
    public static final String ADMS_LICENCE_TYPE = "http://purl.org/adms/licencetype/";
    public static final String ADMS_PUBLISHER_TYPE = "http://purl.org/adms/publishertype/";
    /** The EU Publications Office's authority tables. */
    public static final String EU_AUTHORITY = "http://publications.europa.eu/resource/authority/";
    public static final String COUNTRY = EU_AUTHORITY + "country/";
    /** The EU's NUTS regions, by code ({@code SE33}). */
    public static final String NUTS = "http://data.europa.eu/nuts/code/";
    public static final String LANGUAGE = EU_AUTHORITY + "language/";
    public static final String CURRENCY = EU_AUTHORITY + "currency/";

    private Namespaces() {}

    /** A fresh, unlocked copy: callers may add to it. */
    public static PrefixMapping prefixes() {
        PrefixMapping pm = new PrefixMappingImpl();
        pm.setNsPrefix("hikb", HIKB.NS);
        pm.setNsPrefix("id", ID);
        pm.setNsPrefix("theme", CONCEPT + "theme/");
        pm.setNsPrefix("rdf", RDF);
        pm.setNsPrefix("rdfs", RDFS);
        pm.setNsPrefix("owl", OWL);
        pm.setNsPrefix("xsd", XSD);
        pm.setNsPrefix("dct", DCT);
        pm.setNsPrefix("skos", SKOS);
        pm.setNsPrefix("foaf", FOAF);
        pm.setNsPrefix("org", ORG);
        pm.setNsPrefix("dcat", DCAT);
        pm.setNsPrefix("schema", SCHEMA);
        pm.setNsPrefix("prov", PROV);
        pm.setNsPrefix("eurio", EURIO);
        pm.setNsPrefix("country", COUNTRY);
        pm.setNsPrefix("lang", LANGUAGE);
        pm.setNsPrefix("sh", SHACL);
        return pm;
    }
}
