package org.w3id.hikb.search;

import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.w3id.hikb.RunningKnowledgeBase;
import org.w3id.hikb.records.Lang;

/**
 * Fuzzing the search query: analysis in four languages, compounds, the lexicon's expansion, phrases, typo
 * tolerance and highlighting. Any words either find something or nothing, or are refused as a bad search.
 */
class SearchFuzzTest {
    static RecordSearcher searcher;

    static synchronized RecordSearcher searcher() {
        if (searcher == null) searcher = new RecordSearcher(RunningKnowledgeBase.shared().app().index());
        return searcher;
    }

    @FuzzTest(maxDuration = "30s")
    void anyWordsAreSearchedOrRefusedClearly(FuzzedDataProvider data) {
        Lang lang = Lang.values()[data.consumeInt(0, 3)];
        String words = data.consumeRemainingAsString();
        if (words.isBlank() || words.length() > 500) return;  // the API refuses these before searching
        try {
            searcher().search(new SearchRequest(words, lang, 1, 10, SearchRequest.Sort.RELEVANCE, Map.of(), null, null));
            searcher().textSearch(words, 10);
        } catch (BadSearchException e) {
            // a clear 400
        }
    }
}
