package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;
import org.w3id.hikb.Chromium;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * A page on another site reads the open data from a browser, as YASGUI or Comunica do: SPARQL by GET, by a
 * form POST and by a direct POST (which the browser preflights), the JSON API with its ETag, the catalogue and
 * the feed. The page is served from {@code 127.0.0.1} on a port of its own; the knowledge base from
 * {@code localhost}: two origins, so every request is a CORS request in Chromium.
 */
class CrossOriginBrowserTest {
    static RunningKnowledgeBase kb;
    static ChromeDriver browser;
    static HttpServer otherSite;

    @BeforeAll
    static void start() throws IOException {
        Path downloads = Path.of("target", "browser-downloads").toAbsolutePath();
        Files.createDirectories(downloads);
        browser = Chromium.start(downloads);
        kb = RunningKnowledgeBase.shared();
        otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = "<!doctype html><html lang=en><title>another site</title><p>A page elsewhere.</p></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (otherSite != null) otherSite.stop(0);
    }

    @Test
    void aPageOnAnotherSiteQueriesSparqlAndReadsTheApiCatalogueAndFeed() {
        browser.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/");
        @SuppressWarnings("unchecked")
        List<String> answers = (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1], base = arguments[0];
                const ask = encodeURIComponent('ASK { ?s ?p ?o }');
                const json = {Accept: 'application/sparql-results+json'};
                // One after the other: SPARQL gives each client a share of the query slots, and queries at once past it are a 429.
                const tries = [
                  () => fetch(base + '/sparql?query=' + ask, {headers: json}).then(r => r.json()).then(j => 'sparql GET ' + j.boolean),
                  () => fetch(base + '/sparql', {method: 'POST', headers: {...json, 'Content-Type': 'application/x-www-form-urlencoded'}, body: 'query=' + ask})
                    .then(r => r.json()).then(j => 'sparql form POST ' + j.boolean),
                  () => fetch(base + '/sparql', {method: 'POST', headers: {...json, 'Content-Type': 'application/sparql-query'}, body: 'ASK { ?s ?p ?o }'})
                    .then(r => r.json()).then(j => 'sparql direct POST ' + j.boolean),
                  () => fetch(base + '/api/records/improve').then(r => r.json().then(j => 'api ' + j.slug + ' ' + (r.headers.get('ETag') !== null))),
                  () => fetch(base + '/catalog', {headers: {Accept: 'text/turtle'}}).then(r => r.text()).then(t => 'catalog ' + t.includes('dcat:Catalog')),
                  () => fetch(base + '/feed', {headers: {Accept: 'text/turtle'}}).then(r => 'feed ' + r.status)
                ];
                (async () => {
                  const out = [];
                  for (const t of tries) out.push(await t().catch(e => 'failed: ' + e));
                  done(out);
                })();
                """, kb.url(""));
        assertEquals(List.of("sparql GET true", "sparql form POST true", "sparql direct POST true", "api improve true", "catalog true", "feed 200"), answers);
    }
}
