package org.w3id.hikb.vocab;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.vocabulary.FOAF;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/** The terms of the reused vocabularies (Dublin Core, SKOS, FOAF, RDF/RDFS) that Java code refers to, as nodes of Jena's vocabulary classes. */
public final class Terms {
    private Terms() {}

    public static final Node TYPE = org.apache.jena.vocabulary.RDF.type.asNode();
    public static final Node RDFS_LABEL = RDFS.label.asNode();
    public static final Node COMMENT = RDFS.comment.asNode();
    public static final Node SUBCLASS_OF = RDFS.subClassOf.asNode();

    public static final Node TITLE = DCTerms.title.asNode();
    public static final Node ABSTRACT = DCTerms.abstract_.asNode();
    public static final Node DESCRIPTION = DCTerms.description.asNode();
    public static final Node ALTERNATIVE = DCTerms.alternative.asNode();
    public static final Node SOURCE = DCTerms.source.asNode();
    public static final Node LANGUAGE = DCTerms.language.asNode();
    public static final Node IDENTIFIER = DCTerms.identifier.asNode();
    public static final Node IS_PART_OF = DCTerms.isPartOf.asNode();
    public static final Node RELATION = DCTerms.relation.asNode();
    public static final Node MODIFIED = DCTerms.modified.asNode();
    public static final Node CREATED = DCTerms.created.asNode();

    public static final Node PREF_LABEL = SKOS.prefLabel.asNode();
    public static final Node ALT_LABEL = SKOS.altLabel.asNode();
    public static final Node DEFINITION = SKOS.definition.asNode();
    public static final Node IN_SCHEME = SKOS.inScheme.asNode();
    public static final Node NOTATION = SKOS.notation.asNode();
    public static final Node EXACT_MATCH = SKOS.exactMatch.asNode();
    public static final Node CLOSE_MATCH = SKOS.closeMatch.asNode();
    public static final Node BROADER = SKOS.broader.asNode();
    public static final Node CONCEPT = SKOS.Concept.asNode();
    public static final Node CONCEPT_SCHEME = SKOS.ConceptScheme.asNode();

    public static final Node HOMEPAGE = FOAF.homepage.asNode();
    public static final Node PAGE = FOAF.page.asNode();
}
