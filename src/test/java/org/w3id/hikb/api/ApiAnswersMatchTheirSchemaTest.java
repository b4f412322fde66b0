package org.w3id.hikb.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3id.hikb.RunningKnowledgeBase;

/**
 * Every documented GET of the JSON API, asked as a client would, answers what its OpenAPI document says:
 * the real body validated (networknt's JSON Schema validator, OpenAPI 3.1 dialect) against the schema the
 * document gives for that status and media type.
 */
class ApiAnswersMatchTheirSchemaTest {
    static final String DOCUMENT = "classpath:org/w3id/hikb/api/openapi.json";
    static final SchemaRegistry SCHEMAS = SchemaRegistry.withDialect(Dialects.getOpenApi31());
    static RunningKnowledgeBase kb;
    static JsonNode openApi;

    @BeforeAll
    static void start() {
        kb = RunningKnowledgeBase.shared();
        openApi = RunningKnowledgeBase.json(kb.get("/api/openapi.json").body());
    }

    @ParameterizedTest(name = "GET {1}")
    @CsvSource(delimiter = '|', value = {
            "/api/search | /api/search?q=telemedicina&lang=it",
            "/api/search | /api/search?q=zzzqqq",
            "/api/search | /api/search?type=project&lang=sv&sort=newest",
            "/api/search | /api/search?q=health&page=99",
            "/api/search | /api/search?page=-1",
            "/api/suggest | /api/suggest?q=tele&lang=de",
            "/api/records | /api/records?type=project",
            "/api/records | /api/records?type=nothing",
            "/api/records/{slug} | /api/records/improve?lang=it",
            "/api/records/{slug} | /api/records/ecosistema-innovativo-della-salute",
            "/api/records/{slug} | /api/records/no-such-record",
            "/api/records/{slug} | /api/records/hack-it-net?lang=de",
            "/api/records/{slug} | /api/records/smarthealth",
            "/api/records/{slug} | /api/records/regione-lombardia",
            "/api/records/{slug} | /api/records/s3-4alpclusters-adw-milano-2018",
            "/api/records/{slug} | /api/records/lsh-dh?lang=sv",
            "/api/records/{slug} | /api/records/ernact",
            "/api/records/{slug}/related | /api/records/improve/related",
            "/api/records/{slug}/history | /api/records/improve/history",
            "/api/records/{slug}/history/{n} | /api/records/improve/history/1",
            "/api/concepts | /api/concepts?lang=sv",
            "/api/concepts/{scheme} | /api/concepts/theme",
            "/api/concepts/{scheme} | /api/concepts/nothing",
            "/api/export | /api/export?format=json&q=health",
            "/health | /health",
    })
    void theAnswerIsWhatTheDocumentSays(String documented, String asked) {
        HttpResponse<String> r = kb.get(asked, "Accept", "application/json");
        String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        JsonNode responses = openApi.path("paths").path(documented).path("get").path("responses");
        String status = String.valueOf(r.statusCode());
        assertTrue(responses.has(status), asked + ": status " + status + " is not documented (" + r.body() + ")");
        assertTrue(responses.path(status).path("content").has(type), asked + ": " + status + " as " + type + " is not documented");
        String pointer = "#/paths/" + escape(documented) + "/get/responses/" + status + "/content/" + escape(type) + "/schema";
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + pointer));
        List<Error> errors = schema.validate(r.body(), InputFormat.JSON);
        assertEquals(List.of(), errors.stream().map(Error::toString).toList(), asked + " -> " + clip(r.body()));
        assertFalse(r.body().isBlank());
    }

    @org.junit.jupiter.api.Test
    void theValidatorRejectsWhatASchemaForbids() {
        Schema search = SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + "#/components/schemas/SearchResponse"));
        assertFalse(search.validate("{\"total\": \"many\", \"results\": [{\"score\": \"high\"}]}", InputFormat.JSON).isEmpty());
        Schema history = SCHEMAS.getSchema(SchemaLocation.of(DOCUMENT + "#/paths/" + escape("/api/records/{slug}/history") + "/get/responses/200/content/"
                + escape("application/json") + "/schema"));
        assertFalse(history.validate("{\"id\": \"x\", \"versions\": [{\"version\": 1, \"time\": \"t\", \"operation\": \"o\", \"href\": \"h\", \"added\": 2}]}",
                InputFormat.JSON).isEmpty(), "a field the document does not name");
    }

    /** A JSON pointer token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    static String clip(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
