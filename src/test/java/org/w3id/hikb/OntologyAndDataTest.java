package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.jena.graph.Graph;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.load.Bundle;
import org.w3id.hikb.load.FileValidator;
import org.w3id.hikb.load.SourceFile;
import org.w3id.hikb.store.RdfFiles;
import org.w3id.hikb.store.Violation;

/** The bundled ontology, shapes, concept schemes and records, checked as files. */
class OntologyAndDataTest {
    private static final Bundle BUNDLE = Bundle.locate();

    private static Model read(String... names) {
        Model m = ModelFactory.createDefaultModel();
        for (SourceFile f : BUNDLE.files())
            for (String n : names)
                if (f.name().startsWith(n))
                    m.add(ModelFactory.createModelForGraph(RdfFiles.parse(f.path(), f.name())));
        return m;
    }

    private static List<String> column(Model m, String query, String var) {
        List<String> out = new ArrayList<>();
        try (var qe = QueryExecutionFactory.create(Prefixes.SPARQL + query, m)) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining(b -> out.add(b.get(var).toString()));
        }
        return out;
    }

    @Test
    void everyBundledFileParsesAndConformsToTheShapes() {
        List<SourceFile> files = BUNDLE.files();
        assertTrue(files.size() >= 13, "ontology, shapes, six schemes, five data files: " + files);
        List<Violation> violations = new FileValidator(BUNDLE).validate(files);
        assertEquals(List.of(), violations.stream().map(Violation::describe).toList());
    }

    @Test
    void everyClassAndPropertyIsLabelledAndExplainedInFourLanguages() {
        Model ontology = read("ontology/hikb.ttl");
        List<String> terms = column(ontology, """
                SELECT ?term WHERE { ?term rdfs:isDefinedBy <https://w3id.org/hikb/ontology> }""", "term");
        assertTrue(terms.size() >= 50, "terms: " + terms.size());
        List<String> incomplete = column(ontology, """
                SELECT ?term WHERE {
                  ?term rdfs:isDefinedBy <https://w3id.org/hikb/ontology> .
                  FILTER (
                    ?lang_missing
                  )
                }""".replace("?lang_missing", languagesMissing()), "term");
        assertEquals(List.of(), incomplete);
    }

    private static String languagesMissing() {
        StringBuilder sb = new StringBuilder("false");
        for (String p : List.of("rdfs:label", "rdfs:comment"))
            for (String l : List.of("it", "de", "en", "sv"))
                sb.append(" || NOT EXISTS { ?term ").append(p).append(" ?v").append(" FILTER(LANG(?v) = \"").append(l).append("\") }");
        return sb.toString();
    }

    @Test
    void theDataUsesOnlyTermsTheOntologyDefines() {
        Model ontology = read("ontology/hikb.ttl");
        Model data = read("data/");
        Set<String> defined = new TreeSet<>(column(ontology, "SELECT ?t WHERE { ?t rdfs:isDefinedBy <https://w3id.org/hikb/ontology> }", "t"));
        Set<String> used = new TreeSet<>(column(data, """
                SELECT DISTINCT ?t WHERE {
                  { ?s ?t ?o } UNION { ?s a ?t }
                  FILTER(STRSTARTS(STR(?t), "https://w3id.org/hikb/ontology#"))
                }""", "t"));
        used.removeAll(defined);
        assertEquals(Set.of(), used, "undefined hikb: terms used in data/");
    }

    @Test
    void everyConceptIsLabelledInFourLanguagesAndEveryThemeUsedExists() {
        Model concepts = read("ontology/concepts/");
        List<String> schemes = column(concepts, "SELECT ?s WHERE { ?s a skos:ConceptScheme }", "s");
        assertEquals(6, schemes.size(), "schemes: " + schemes);
        Model all = read("ontology/concepts/", "data/");
        List<String> dangling = column(all, """
                SELECT DISTINCT ?c WHERE {
                  ?r ?p ?c .
                  FILTER(STRSTARTS(STR(?c), "https://w3id.org/hikb/concept/"))
                  FILTER NOT EXISTS { ?c a skos:Concept }
                  FILTER NOT EXISTS { ?c a skos:ConceptScheme }
                }""", "c");
        assertEquals(List.of(), dangling, "concepts used but not defined");
    }

    @Test
    void theShapesAreThemselvesValidShacl() {
        Graph shapes = RdfFiles.parse(BUNDLE.files().stream().filter(f -> f.name().equals("ontology/shapes.ttl")).findFirst().orElseThrow().path(), "shapes");
        assertTrue(org.apache.jena.shacl.Shapes.parse(shapes).numRootShapes() >= 8);
    }
}
