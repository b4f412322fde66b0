package org.w3id.hikb.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3id.hikb.RunningKnowledgeBase;

/** Every HTML page carries a Content-Security-Policy without inline script, and the other safety headers. */
class SecurityHeadersTest {
    static RunningKnowledgeBase kb;

    @BeforeAll static void start() { kb = RunningKnowledgeBase.shared(); }

    @ParameterizedTest
    @ValueSource(strings = { "/?lang=en", "/doc/id/project/improve", "/ontology", "/catalog", "/sparql", "/api/docs", "/no/such/page" })
    void htmlPagesAllowOnlyTheirOwnScripts(String path) {
        HttpResponse<String> r = kb.get(path, "Accept", "text/html");
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"), path + ": " + csp);
        assertFalse(csp.contains("unsafe-eval") || csp.replace("style-src 'self' 'unsafe-inline'", "").contains("unsafe-inline"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("strict-origin-when-cross-origin", r.headers().firstValue("Referrer-Policy").orElse(""));
        // No inline script: a script element either loads a file of ours or holds data (JSON-LD).
        String[] parts = r.body().split("<script");
        for (int i = 1; i < parts.length; i++) {
            String head = parts[i].substring(0, parts[i].indexOf('>'));
            assertTrue(head.contains("src=\"/") || head.contains("type=\"application/ld+json\""), path + ": <script" + head + ">");
        }
        assertFalse(r.body().contains(" style=\""), path + " has an inline style attribute");
    }
}
