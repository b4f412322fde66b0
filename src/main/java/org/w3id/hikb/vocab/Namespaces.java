package org.w3id.hikb.vocab;

import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.shared.impl.PrefixMappingImpl;

/** The prefixes the knowledge base uses in its files, its SPARQL examples and its output. */
public final class Namespaces {
    public static final String BASE = "https://w3id.org/hikb/";
    public static final String ID = BASE + "id/";
    public static final String CONCEPT = BASE + "concept/";
    public static final String GRAPH = BASE + "graph/";
    public static final String DCT = "http://purl.org/dc/terms/";
    public static final String SKOS = "http://www.w3.org/2004/02/skos/core#";
    public static final String COUNTRY = "http://publications.europa.eu/resource/authority/country/";
    public static final String LANGUAGE = "http://publications.europa.eu/resource/authority/language/";

    private Namespaces() {}

    /** A fresh, unlocked copy: callers may add to it. */
    public static PrefixMapping prefixes() {
        PrefixMapping pm = new PrefixMappingImpl();
        pm.setNsPrefix("hikb", HIKB.NS);
        pm.setNsPrefix("id", ID);
        pm.setNsPrefix("theme", CONCEPT + "theme/");
        pm.setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        pm.setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        pm.setNsPrefix("owl", "http://www.w3.org/2002/07/owl#");
        pm.setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#");
        pm.setNsPrefix("dct", DCT);
        pm.setNsPrefix("skos", SKOS);
        pm.setNsPrefix("foaf", "http://xmlns.com/foaf/0.1/");
        pm.setNsPrefix("org", "http://www.w3.org/ns/org#");
        pm.setNsPrefix("dcat", "http://www.w3.org/ns/dcat#");
        pm.setNsPrefix("schema", "http://schema.org/");
        pm.setNsPrefix("prov", "http://www.w3.org/ns/prov#");
        pm.setNsPrefix("eurio", "http://data.europa.eu/s66#");
        pm.setNsPrefix("country", COUNTRY);
        pm.setNsPrefix("lang", LANGUAGE);
        pm.setNsPrefix("sh", "http://www.w3.org/ns/shacl#");
        return pm;
    }
}
