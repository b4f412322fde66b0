package org.w3id.hikb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3id.hikb.App;
import org.w3id.hikb.config.Config;

/** The command line's help, validation and clear failures, each with its exit code. */
class CommandLineTest {
    @TempDir Path tmp;

    @Test
    void helpListsTheCommands() {
        CommandLineRun run = CommandLineRun.of("--help");
        assertEquals(0, run.exitCode());
        for (String command : List.of("serve", "load", "validate", "reindex", "import", "token", "backup", "restore", "compact", "export-records", "import-records", "bench"))
            assertTrue(run.out().contains(command), run.out());
    }

    @Test
    void serveHelpListsEverySettingWithItsDefault() {
        CommandLineRun run = CommandLineRun.of("serve", "--help");
        assertEquals(0, run.exitCode());
        String help = run.out().replaceAll("\\s+", " ");
        Config.SETTINGS.forEach((name, spec) -> {
            assertTrue(help.contains(" " + name + " "), name + " in " + help);
            if (!spec[0].isEmpty()) assertTrue(help.contains("[default: " + spec[0] + "]"), name + "'s default in " + help);
        });
    }

    @Test
    void validateAcceptsABundledFileAndRefusesABadOneWithoutAStore() throws IOException {
        assertEquals(0, CommandLineRun.of("validate", "data/improve.ttl").exitCode());
        Path bad = tmp.resolve("bad.ttl");
        Files.writeString(bad, """
                @prefix hikb: <https://w3id.org/hikb/ontology#> .
                @prefix dct: <http://purl.org/dc/terms/> .
                <https://w3id.org/hikb/id/project/nameless> a hikb:Project .
                """);
        CommandLineRun run = CommandLineRun.of("validate", bad.toString());
        assertEquals(4, run.exitCode());
        assertTrue(run.err().contains("project/nameless") && run.err().contains("dct:title") && run.err().contains("dct:source"), run.err());
    }

    @Test
    void aPortInUseIsAClearErrorWithExitCode5() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CommandLineRun run = CommandLineRun.of("serve", "--scope", "curated", "--data", tmp.resolve("d").toString(), "--port", Integer.toString(taken.getLocalPort()));
            assertEquals(5, run.exitCode(), run.err());
            assertTrue(run.err().contains("already in use"), run.err());
        }
    }

    @Test
    void aStoreLockedByAnotherProcessIsRefusedWithExitCode5() throws Exception {
        Path data = tmp.resolve("locked");
        try (App holder = App.open(Config.resolve(Map.of(), Map.of("data", data.toString())))) {
            Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "load", "--data", data.toString())
                    .redirectErrorStream(true).start();
            assertTrue(other.waitFor(60, TimeUnit.SECONDS), "the second process ends by itself");
            String output = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(5, other.exitValue(), output);
            assertTrue(output.contains("in use by another process (PID " + ProcessHandle.current().pid() + ")"), output);
            assertTrue(!output.contains("\tat "), "no stack trace: " + output);
        }
    }

    @Test
    void anUnwritableDataDirectoryIsAClearErrorWithExitCode3() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "not a directory");
        CommandLineRun run = CommandLineRun.of("load", "--data", file.resolve("store").toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("Cannot create the data directory"), run.err());
    }

    @Test
    void tokenPrintsANewTokenOnceAndKeepsOnlyItsHash() throws IOException {
        Path file = tmp.resolve("tokens.txt");
        CommandLineRun run = CommandLineRun.of("token", "--name", "alice", "--tokens-file", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        String token = run.out().strip();
        assertTrue(token.startsWith("hikb_") && token.length() > 40, token);
        String kept = Files.readString(file);
        assertTrue(kept.contains(" editor alice") && !kept.contains(token), kept);
        assertEquals(2, CommandLineRun.of("token", "--name", "bob", "--role", "owner", "--tokens-file", file.toString()).exitCode());
        assertEquals(2, CommandLineRun.of("token", "--name", "bob smith", "--tokens-file", file.toString()).exitCode());
    }
}
