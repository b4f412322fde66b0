package org.w3id.hikb.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.w3id.hikb.NodeTool;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * Every kind of page, in the four languages, through the Nu HTML Checker (the W3C's validator, the npm
 * {@code vnu-jar} build run with this JVM's java): no error.
 */
class NuHtmlCheckerTest {
    static final List<String> PAGES = List.of("/", "/?q=telemedicina&theme=telemedicine", "/?type=project&sort=newest&page=2", "/?q=zzzqqq",
            "/doc/id/project/improve", "/doc/id/project/hack-it-net", "/doc/id/programme/ecosistema-innovativo-della-salute",
            "/doc/id/organisation/regione-lombardia", "/doc/id/event/s3-4alpclusters-adw-milano-2018", "/doc/id/place/milano",
            "/doc/concept/theme/telemedicine", "/doc/concept/theme", "/ontology", "/catalog", "/sparql",
            "/sparql?format=html&query=SELECT%20%3Fs%20%3Ft%20WHERE%20%7B%20%3Fs%20%3Chttp%3A%2F%2Fpurl.org%2Fdc%2Fterms%2Ftitle%3E%20%3Ft%20%7D%20LIMIT%203",
            "/doc/id/project/nope", "/nowhere");

    @Test
    void everyPageTypeInEveryLanguageHasNoHtmlError() throws Exception {
        Path vnu = NodeTool.file("vnu-jar", "26.9.27", "vnu-jar/build/dist/vnu.jar");
        RunningKnowledgeBase kb = RunningKnowledgeBase.shared();
        Path dir = Files.createTempDirectory("pages-");
        List<String> files = new ArrayList<>();
        for (String lang : List.of("it", "de", "en", "sv"))
            for (String page : PAGES) {
                HttpResponse<String> r = kb.get(page + (page.contains("?") ? "&" : "?") + "lang=" + lang, "Accept", "text/html");
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page + ": " + r.headers().map());
                Path f = dir.resolve(lang + "-" + files.size() + ".html");
                Files.writeString(f, r.body(), StandardCharsets.UTF_8);
                files.add(f.toString());
            }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", vnu.toString(),
                "--format", "json", "--stdout", "--exit-zero-always"));
        command.addAll(files);
        Process check = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(check.waitFor(3, TimeUnit.MINUTES));
        JsonNode report = RunningKnowledgeBase.json(out);
        List<String> errors = new ArrayList<>();
        report.path("messages").forEach(m -> {
            if ("error".equals(m.path("type").asText()) || "fatal".equals(m.path("subType").asText()))
                errors.add(m.path("url").asText().replaceAll(".*/", "") + ":" + m.path("lastLine").asInt() + " " + m.path("message").asText());
        });
        assertEquals(List.of(), errors, files.size() + " pages checked");
        assertEquals(PAGES.size() * 4, files.size());
        for (String f : files) Files.delete(Path.of(f));
        Files.delete(dir);
    }
}
