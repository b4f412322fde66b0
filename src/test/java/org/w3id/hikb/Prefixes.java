package org.w3id.hikb;

/** The prefixes test queries use, the same as the README's examples. */
final class Prefixes {
    static final String SPARQL = """
            PREFIX hikb: <https://w3id.org/hikb/ontology#>
            PREFIX dct: <http://purl.org/dc/terms/>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX owl: <http://www.w3.org/2002/07/owl#>
            PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
            PREFIX project: <https://w3id.org/hikb/id/project/>
            PREFIX programme: <https://w3id.org/hikb/id/programme/>
            PREFIX fund: <https://w3id.org/hikb/concept/funding-source/>
            """;

    private Prefixes() {}
}
