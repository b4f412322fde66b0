package org.w3id.hikb.importer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.search.Analyzers;
import org.w3id.hikb.search.CompoundWords;

/** The term lists the classifier reads: a phrase means what it says. */
class TermListTest {
    private final Analyzers analyzers = new Analyzers(CompoundWords.handKeptOnly());

    @Test
    void aPhraseThatIsOneWordOnceItsStopWordsAreDroppedIsRefused() {
        // "enabled by it" would be "enabling": IT is a stop word once lower-cased.
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TermList.read("phrase-of-stop-words.tsv", analyzers));
        assertTrue(e.getMessage().contains("'enabled by it'") && e.getMessage().contains("'enabl'"), e.getMessage());
    }

    @Test
    void theBundledListsHoldNoSuchPhrase() {
        assertDoesNotThrow(() -> TermList.read("health-terms.tsv", analyzers));
        assertDoesNotThrow(() -> TermList.readPerTheme("theme-terms.tsv", analyzers));
    }
}
