package org.w3id.hikb.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The terms of the reused vocabularies (Dublin Core, SKOS, FOAF, RDF/RDFS) that Java code refers to. */
public final class Terms {
    private Terms() {}

    private static Node uri(String u) { return NodeFactory.createURI(u); }

    public static final Node TYPE = uri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
    public static final Node RDFS_LABEL = uri("http://www.w3.org/2000/01/rdf-schema#label");
    public static final Node COMMENT = uri("http://www.w3.org/2000/01/rdf-schema#comment");
    public static final Node SUBCLASS_OF = uri("http://www.w3.org/2000/01/rdf-schema#subClassOf");

    public static final Node TITLE = uri(Namespaces.DCT + "title");
    public static final Node ABSTRACT = uri(Namespaces.DCT + "abstract");
    public static final Node DESCRIPTION = uri(Namespaces.DCT + "description");
    public static final Node ALTERNATIVE = uri(Namespaces.DCT + "alternative");
    public static final Node SOURCE = uri(Namespaces.DCT + "source");
    public static final Node LANGUAGE = uri(Namespaces.DCT + "language");
    public static final Node IDENTIFIER = uri(Namespaces.DCT + "identifier");
    public static final Node IS_PART_OF = uri(Namespaces.DCT + "isPartOf");
    public static final Node RELATION = uri(Namespaces.DCT + "relation");
    public static final Node MODIFIED = uri(Namespaces.DCT + "modified");
    public static final Node CREATED = uri(Namespaces.DCT + "created");

    public static final Node PREF_LABEL = uri(Namespaces.SKOS + "prefLabel");
    public static final Node ALT_LABEL = uri(Namespaces.SKOS + "altLabel");
    public static final Node DEFINITION = uri(Namespaces.SKOS + "definition");
    public static final Node IN_SCHEME = uri(Namespaces.SKOS + "inScheme");
    public static final Node NOTATION = uri(Namespaces.SKOS + "notation");
    public static final Node EXACT_MATCH = uri(Namespaces.SKOS + "exactMatch");
    public static final Node CLOSE_MATCH = uri(Namespaces.SKOS + "closeMatch");
    public static final Node BROADER = uri(Namespaces.SKOS + "broader");
    public static final Node CONCEPT = uri(Namespaces.SKOS + "Concept");
    public static final Node CONCEPT_SCHEME = uri(Namespaces.SKOS + "ConceptScheme");

    public static final Node HOMEPAGE = uri("http://xmlns.com/foaf/0.1/homepage");
    public static final Node PAGE = uri("http://xmlns.com/foaf/0.1/page");
}
