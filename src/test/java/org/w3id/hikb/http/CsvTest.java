package org.w3id.hikb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** A cell of an export opened in a spreadsheet is shown, never run. */
class CsvTest {

    @Test
    void formulasAreQuotedAndNumbersAndTextsStayAsTheyAre() {
        Map<String, String> cells = Map.of(
                "HACK-IT-NET", "HACK-IT-NET",
                "=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"",
                "+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0",
                "-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0",
                "@SUM(A1:A9)", "'@SUM(A1:A9)",
                "-12.5", "-12.5",
                "+46", "+46",
                "Telemedicina, aree rurali", "\"Telemedicina, aree rurali\"");
        cells.forEach((value, cell) -> assertEquals(cell, Csv.cell(value), value));
    }
}
