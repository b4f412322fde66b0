package org.w3id.hikb.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.w3id.hikb.recordjson.RecordJson;

/** JSON Merge Patch (RFC 7396): objects merge member by member, {@code null} removes, anything else replaces. */
final class MergePatch {
    private MergePatch() {}

    static JsonNode apply(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch.deepCopy();
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : RecordJson.JSON.objectNode();
        patch.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) result.remove(e.getKey());
            else result.set(e.getKey(), apply(result.get(e.getKey()), e.getValue()));
        });
        return result;
    }
}
