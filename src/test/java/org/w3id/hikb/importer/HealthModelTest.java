package org.w3id.hikb.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bundled title model ({@code health-model.tsv}, made by {@link HealthModelTrainer}). */
class HealthModelTest {
    private final HealthModel model = HealthModel.load();

    @Test
    void resourceIsSmallAndWellFormed() throws IOException {
        try (InputStream in = HealthModel.class.getResourceAsStream(HealthModel.RESOURCE)) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.get(0).startsWith("bias\t"), lines.get(0));
            assertTrue(lines.get(1).startsWith("threshold\t"), lines.get(1));
            assertTrue(lines.size() - 2 <= 20_000, "features: " + (lines.size() - 2));
        }
        assertTrue(model.size() > 1_000 && model.size() <= 20_000, "features: " + model.size());
    }

    @Test
    void biomedicalTitlesWithoutProgrammeSignal() {
        // Titles of ERC and Marie Skłodowska-Curie projects that the term list misses (held-out sample).
        assertTrue(model.aboutHealth("A Human Neural Platform for Assaying Antigen-Antibody Interactions for Autoimmune Encephalitis"));
        assertTrue(model.aboutHealth("Rebalancing the brain: Guiding brain recovery after stroke"));
        assertTrue(model.aboutHealth("Training and research in Listeria monocytogenes Adaptation through Proteomic and Transcriptome deep Sequencing Analysis"));
        assertTrue(model.aboutHealth("Patient-reported outcomes in chronic kidney disease"));
    }

    @Test
    void shortTitlesRankSensiblyEvenBelowTheThreshold() {
        // Three words carry little evidence: the model leans towards "not health" (the bias), but the
        // biomedical title still scores far above the technological one.
        double encephalitis = model.score("Autoimmune encephalitis antibodies");
        double graphene = model.score("Graphene flagship core project");
        assertTrue(encephalitis > graphene + 1.5, encephalitis + " vs " + graphene);
    }

    @Test
    void otherFields() {
        assertFalse(model.aboutHealth("Graphene flagship core project"));
        assertFalse(model.aboutHealth("Structural health monitoring of bridges"));
        assertFalse(model.aboutHealth("Large Passenger Aircraft"));
        assertFalse(model.aboutHealth("Dark matter in dwarf galaxies"));
        assertFalse(model.aboutHealth("The history of the Byzantine empire"));
    }

    @Test
    void emptyTextScoresTheBias() {
        assertEquals(model.bias(), model.score(""), 1e-9);
        assertEquals(model.bias(), model.score(null), 1e-9);
        assertFalse(model.aboutHealth(""));
    }

    @Test
    void featuresAreStemsAndStemPairs() {
        assertEquals(List.of("bone", "metastas"), HealthModel.stems("Bone metastases"));
        assertTrue(HealthModel.features("The bone metastases").contains("bone metastas"));
        assertEquals(List.of("titl"), HealthModel.stems("Title_x005F_x000D_"));
    }
}
