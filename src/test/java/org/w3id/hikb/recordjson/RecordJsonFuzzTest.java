package org.w3id.hikb.recordjson;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordType;

/**
 * Fuzzing the way from a record's JSON form to its statements: any JSON either becomes statements or is
 * refused with the problems and their JSON pointers; nothing else escapes.
 */
class RecordJsonFuzzTest {
    static final RecordId ID = new RecordId(RecordType.PROJECT, "fuzzed");

    @FuzzTest(maxDuration = "30s")
    void anyJsonBecomesStatementsOrAListOfProblems(FuzzedDataProvider data) {
        JsonNode json;
        try {
            json = RecordJson.MAPPER.readTree(data.consumeRemainingAsString());
        } catch (JsonProcessingException e) {
            return;  // not JSON: a 400 before the mapping is reached
        }
        if (json == null) return;
        try {
            RecordJsonReader.idOf(json);
        } catch (RecordJsonReader.BadRecordException e) {
            // refused with its pointers
        }
        try {
            RecordJsonReader.read(ID, json);
        } catch (RecordJsonReader.BadRecordException e) {
            if (e.problems().isEmpty()) throw new AssertionError("a refusal without a reason");
        }
    }
}
