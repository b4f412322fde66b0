package org.w3id.hikb.api;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import org.w3id.hikb.http.Params;

/** Reading a write's body: UTF-8 or a 400 (never U+FFFD stored), JSON or a 400 that says where it broke. */
final class RequestBodies {
    private RequestBodies() {}

    static String utf8(Context ctx) {
        try {
            return Params.strictUtf8().decode(ByteBuffer.wrap(ctx.bodyAsBytes())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequestResponse("The body is not valid UTF-8; nothing was written.");
        }
    }

    static JsonNode json(Context ctx) {
        return json(utf8(ctx));
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
