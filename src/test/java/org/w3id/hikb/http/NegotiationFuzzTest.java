package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.w3id.hikb.records.Lang;

/**
 * Fuzzing what parses request headers and query strings: content negotiation, Accept-Language, and the
 * query-string check. Whatever a client sends, they answer (a choice, none, a reason), and never throw.
 */
class NegotiationFuzzTest {
    static final List<Representation> OFFERS = List.of(Representation.values());

    @FuzzTest(maxDuration = "30s")
    void anyAcceptHeaderIsAnsweredWithoutAnException(FuzzedDataProvider data) {
        String accept = data.consumeString(400);
        String acceptLanguage = data.consumeString(200);
        String query = data.consumeRemainingAsString();
        assertNotNull(Representation.negotiate(accept, OFFERS));
        assertNotNull(Lang.fromAcceptLanguage(acceptLanguage));
        RequestGuard.checkQueryString(query);
    }
}
