package org.w3id.hikb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The raw client the hostile-input tests use reads a chunked UTF-8 body as the bytes it is. */
class RawResponseTest {
    @Test
    void aChunkThatEndsInsideACharacterIsJoinedByBytes() {
        byte[] body = "{\"title\":\"Società della salute – Hälsa\"}".getBytes(StandardCharsets.UTF_8);
        int cut = "{\"title\":\"Societ".length() + 1;  // inside the two bytes of "à"
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        wire.writeBytes((Integer.toHexString(cut) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        wire.write(body, 0, cut);
        wire.writeBytes(("\r\n" + Integer.toHexString(body.length - cut) + ";ext=1\r\n").getBytes(StandardCharsets.ISO_8859_1));
        wire.write(body, cut, body.length - cut);
        wire.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        RunningKnowledgeBase.RawResponse r = RunningKnowledgeBase.parse(wire.toByteArray());

        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("{\"title\":\"Società della salute – Hälsa\"}", r.body());
    }
}
