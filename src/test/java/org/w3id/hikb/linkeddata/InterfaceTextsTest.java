package org.w3id.hikb.linkeddata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.w3id.hikb.http.Messages;
import org.w3id.hikb.records.Lang;

/** No label of the interface is missing in any of the four languages. */
class InterfaceTextsTest {
    @Test
    void everyLanguageHasEveryText() {
        for (Lang l : Lang.values())
            assertEquals(Messages.keys(Lang.EN), Messages.keys(l), "texts of " + l.code());
    }
}
