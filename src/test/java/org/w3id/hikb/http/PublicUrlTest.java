package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * Behind a reverse proxy the server names itself by {@code public-url}, not by whatever Host a request says:
 * the SPARQL service description, the sitemap and the search page's link to itself. Without the setting, a
 * Host that is not a host name is refused.
 */
class PublicUrlTest {
    @Test
    void theConfiguredOriginIsNamedWhateverTheHostHeaderSays() {
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start(Map.of("public-url", "https://kb.example.org"))) {
            String description = kb.get("/sparql", "Accept", "text/turtle").body();
            assertTrue(description.contains("<https://kb.example.org/sparql>"), description);
            RunningKnowledgeBase.RawResponse sitemap = kb.raw("GET", "/sitemap.xml");
            assertEquals(200, sitemap.status());
            assertTrue(sitemap.body().contains("<loc>https://kb.example.org/"), sitemap.body().substring(0, Math.min(400, sitemap.body().length())));
            assertFalse(sitemap.body().contains("localhost"), "the Host the request came with is not echoed");
            assertTrue(kb.get("/?q=health&lang=en").body().contains("https://kb.example.org/"), "the page's link to itself");
        }
    }

    @Test
    void withoutItAHostThatIsNotAHostNameIsRefused() {
        try (RunningKnowledgeBase kb = RunningKnowledgeBase.start()) {
            assertTrue(kb.get("/sparql", "Accept", "text/turtle").body().contains("localhost"));
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", kb.server().port())) {
                socket.getOutputStream().write("GET /sparql HTTP/1.1\r\nHost: evil\"><script>\r\nAccept: text/turtle\r\nConnection: close\r\n\r\n"
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
                assertFalse(answer.contains("<script>"), "the Host is not echoed");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }
}
