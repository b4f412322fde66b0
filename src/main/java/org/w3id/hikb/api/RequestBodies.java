package org.w3id.hikb.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.w3id.hikb.http.Params;
import org.w3id.hikb.recordjson.RecordJson;

/** Reading a write's JSON body: UTF-8 or a 4xx (never U+FFFD stored), JSON or a 400 that says where it broke. */
final class RequestBodies {
    private RequestBodies() {}

    static JsonNode json(Context ctx) {
        return json(Params.utf8Body(ctx));
    }

    static JsonNode json(String text) {
        try {
            JsonNode n = RecordJson.MAPPER.readTree(text);
            if (n == null) throw new BadRequestResponse("The body is empty.");
            return n;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
    }
}
