package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.NodeTool;
import org.w3id.hikb.RunningKnowledgeBase;

/** The OpenAPI document as served, linted by Redocly's CLI with its recommended rules: no errors. */
class OpenApiLintTest {

    @Test
    void redoclysRecommendedRulesFindNoError() throws Exception {
        Path redocly = NodeTool.command("@redocly/cli", "2.77.0", "redocly");
        RunningKnowledgeBase kb = RunningKnowledgeBase.shared();
        Path doc = Files.createTempFile("openapi-", ".json");
        Files.writeString(doc, kb.get("/api/openapi.json").body(), StandardCharsets.UTF_8);
        Path report = Files.createTempFile("redocly-", ".txt");
        Process lint = new ProcessBuilder(redocly.toString(), "lint", "--extends", "recommended", "--format", "stylish", doc.toString())
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(lint.waitFor(2, TimeUnit.MINUTES), "the linter finished");
        String out = Files.readString(report, StandardCharsets.UTF_8);
        Files.delete(doc);
        Files.delete(report);
        assertTrue(out.contains("Your API description is valid"), out);
        assertEquals(0, lint.exitValue(), out);
    }
}
