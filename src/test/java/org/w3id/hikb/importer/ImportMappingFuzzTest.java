package org.w3id.hikb.importer;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.jena.graph.NodeFactory;

/**
 * Fuzzing the importer's reading of a source file through a real mapping (CORDIS H2020 projects, CSV): a row
 * either becomes records or is reported as broken or as having a bad value, which the import skips with its
 * line number; nothing else escapes.
 */
class ImportMappingFuzzTest {
    static final Mapping CSV = Mapping.read(Path.of("data/imports/cordis-h2020.yaml"));

    @FuzzTest(maxDuration = "30s")
    void anyCsvRowBecomesRecordsOrAReason(FuzzedDataProvider data) {
        read(CSV, data.consumeRemainingAsBytes());
    }

    static void read(Mapping mapping, byte[] bytes) {
        RecordMaker maker = new RecordMaker(mapping, NodeFactory.createURI("https://w3id.org/hikb/id/source/fuzz"), p -> true);
        try (RowReader rows = RowReader.open(new ByteArrayInputStream(bytes), mapping)) {
            while (rows.hasNext()) {
                try {
                    maker.make(rows.next());
                } catch (Values.BadValue | RowReader.Broken e) {
                    // skipped with the reason
                }
            }
        } catch (RowReader.Broken e) {
            // the file as a whole cannot be read: reported
        }
    }
}
