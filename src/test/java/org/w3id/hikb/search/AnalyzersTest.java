package org.w3id.hikb.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.records.Lang;

/** The tokens each language's analysis makes of a text: what indexing and querying both see. */
class AnalyzersTest {
    private final Analyzers analyzers = new Analyzers(CompoundWords.handKeptOnly());

    private List<String> tokens(Lang lang, String text) {
        return Lexicon.tokens(analyzers.language(lang), text);
    }

    @Test
    void germanCompoundMatchesItsParts() {
        List<String> t = tokens(Lang.DE, "Gesundheitsinnovation");
        assertTrue(t.containsAll(List.of("gesundheit", "innovation")), t.toString());
    }

    @Test
    void swedishCompoundsMatchTheirParts() {
        assertTrue(tokens(Lang.SV, "hemtjänsten").containsAll(List.of("hem", "tjans")), tokens(Lang.SV, "hemtjänsten").toString());
        assertEquals(tokens(Lang.SV, "tjänst").get(0), "tjans", "the part stems as the word alone does");
        assertTrue(tokens(Lang.SV, "landsbygdsområden").containsAll(List.of("landsbygd", "omrad")), tokens(Lang.SV, "landsbygdsområden").toString());
    }

    @Test
    void aCompoundQueryWordNeedsAllItsPartsNotJustOne() {
        List<String> parts = QueryPlanner.compoundParts("landsbygdsomrad", List.of("land", "landsbygd", "bygd", "omrad"));
        assertEquals(List.of("landsbygd", "omrad"), parts);
        assertEquals(List.of(), QueryPlanner.compoundParts("mailand", List.of("land")), "one part found inside a word is not its parts");
    }

    @Test
    void italianElisionStemmingAndAccents() {
        assertEquals(List.of("innovazion"), tokens(Lang.IT, "l'innovazione"));
        assertEquals(tokens(Lang.IT, "città"), tokens(Lang.IT, "citta"));
        assertEquals(tokens(Lang.IT, "pazienti cronici"), tokens(Lang.IT, "paziente cronico"));
    }

    @Test
    void englishStemsAndDropsStopWords() {
        assertEquals(List.of("technolog", "transfer", "centr"), tokens(Lang.EN, "the technology transfer centres"));
    }

    @Test
    void acronymsMeetWithOrWithoutHyphensAndInAnyCase() {
        assertEquals("hackitnet", Analyzers.exactName("HACK-IT-NET"));
        assertEquals(Analyzers.exactName("s3 4alpclusters"), Analyzers.exactName("S3-4AlpClusters"));
        List<String> name = Lexicon.tokens(analyzers.namesForQuery(), "S3-4AlpClusters");
        assertTrue(name.containsAll(List.of("s3-4alpclusters", "s34alpclusters", "alp", "clusters")), name.toString());
    }

    @Test
    void untaggedTextHasItsLanguageGuessed() {
        assertEquals(Lang.IT, LanguageGuesser.guess("Il progetto si svilupperà in collaborazione con i programmi di ricerca").orElseThrow());
        assertEquals(Lang.SV, LanguageGuesser.guess("Projektet genomförs med ekonomiskt stöd från EU och kommer att pågå under tre år").orElseThrow());
        assertEquals(Lang.DE, LanguageGuesser.guess("Das Projekt ist Teil der Arbeit des Netzwerks und wird von der Region getragen").orElseThrow());
        assertEquals(Lang.EN, LanguageGuesser.guess("The project is part of the work of the network and it is funded by the region").orElseThrow());
        assertTrue(LanguageGuesser.guess("HACK-IT-NET").isEmpty());
    }
}
