package org.w3id.hikb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.RunningKnowledgeBase;

/** The operations from the command line, on a store no server has open. */
class OperationsCommandTest {
    @TempDir Path tmp;

    @Test
    void backupCompactExportImportAndRestoreFromTheCommandLine() throws Exception {
        Path data = tmp.resolve("data");
        RunningKnowledgeBase.start(data, null).stop();

        CommandLineRun backup = CommandLineRun.of("backup", "--data", data.toString());
        assertEquals(0, backup.exitCode(), backup.err());
        assertTrue(backup.out().contains(".nq.gz") && backup.out().contains("quads"), backup.out());
        List<Path> backups;
        try (var files = Files.list(data.resolve("backups"))) {
            backups = files.filter(p -> p.toString().endsWith(".nq.gz")).toList();
        }
        assertEquals(1, backups.size());

        CommandLineRun compact = CommandLineRun.of("compact", "--data", data.toString());
        assertEquals(0, compact.exitCode(), compact.err());
        assertTrue(compact.out().contains("Compacted"), compact.out());

        Path jsonl = tmp.resolve("records.jsonl");
        CommandLineRun export = CommandLineRun.of("export-records", "--data", data.toString(), "--out", jsonl.toString());
        assertEquals(0, export.exitCode(), export.err());
        long lines = Files.readAllLines(jsonl).size();
        assertTrue(lines > 30, "records: " + lines);

        Path other = tmp.resolve("other");
        CommandLineRun imported = CommandLineRun.of("import-records", "--data", other.toString(), jsonl.toString());
        assertEquals(0, imported.exitCode(), imported.err());
        assertTrue(imported.out().contains(String.format("%,d records imported, 0 refused", lines)), imported.out());

        CommandLineRun restore = CommandLineRun.of("restore", "--data", data.toString(), backups.get(0).toString());
        assertEquals(0, restore.exitCode(), restore.err());
        assertTrue(restore.out().startsWith("Restored"), restore.out());
        assertEquals(3, CommandLineRun.of("restore", "--data", data.toString(), tmp.resolve("nothing.nq.gz").toString()).exitCode());
    }
}
