package org.w3id.hikb.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.w3id.hikb.App;
import org.w3id.hikb.auth.Role;
import org.w3id.hikb.auth.Tokens;
import org.w3id.hikb.recordjson.RecordLines;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.config.ConfigException;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.importer.ImportRun;
import org.w3id.hikb.importer.SourceFiles;
import org.w3id.hikb.importer.Mapping;
import org.w3id.hikb.load.Bundle;
import org.w3id.hikb.load.FileValidator;
import org.w3id.hikb.load.Loader;
import org.w3id.hikb.load.SourceFile;
import org.w3id.hikb.ops.Backups;
import org.w3id.hikb.ops.Compactions;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.store.StoreInUseException;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.write.WritePath;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code serve}, {@code load}, {@code validate}, {@code reindex}, {@code import},
 * {@code token}, {@code backup}, {@code restore}, {@code compact}, {@code export-records},
 * {@code import-records} and {@code bench}. Only entry points live here: flags are parsed into the one
 * {@link Config}, and every failure becomes a message and an exit code.
 */
@Command(name = "hikb", mixinStandardHelpOptions = true, version = "hikb 0.1.0",
        description = "The Health Innovation Knowledge Base: a multilingual knowledge base of health and care innovation-transfer projects.",
        subcommands = { Main.Serve.class, Main.Load.class, Main.Validate.class, Main.Reindex.class, Main.Import.class, Main.Token.class, Main.Backup.class, Main.Restore.class, Main.Compact.class, Main.ExportRecords.class, Main.ImportRecords.class, org.w3id.hikb.bench.BenchCommand.class, CommandLine.HelpCommand.class },
        footer = { "", "Exit codes: 0 done, 2 bad usage, 3 a file, directory or setting cannot be used,",
                "4 data refused (does not parse or violates the shapes), 5 port or data directory in use.",
                "Every setting can also come from a properties file (--config) or the environment (HIKB_PORT, HIKB_DATA, ...)." })
public final class Main {
    static final int OK = 0, USAGE = 2, BAD_INPUT = 3, INVALID_DATA = 4, IN_USE = 5;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs one command with its output going to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.getSubcommands().get("serve").getCommandSpec().usageMessage().footer(Config.help());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            int code = exitCode(e);
            cmd.getErr().println("hikb: " + explain(e));
            if (code == 1) e.printStackTrace(cmd.getErr()); // not a foreseen failure: the operator needs the trace
            return code;
        });
        return cli.execute(args);
    }

    private static String explain(Exception e) {
        if (e instanceof InvalidDataException invalid) return invalid.describe();
        return e.getMessage();
    }

    private static int exitCode(Exception e) {
        if (e instanceof InvalidDataException) return INVALID_DATA;
        if (e instanceof StoreInUseException || e instanceof WebServer.PortInUseException) return IN_USE;
        if (e instanceof StoreException || e instanceof ConfigException) return BAD_INPUT;
        return 1;
    }

    /** The settings every command shares. */
    static class Settings {
        @Option(names = "--data", paramLabel = "DIR", description = "Data directory (default: hikb-data, or HIKB_DATA).")
        Path data;
        @Option(names = "--bundle", paramLabel = "DIR", description = "Directory with ontology/ and data/ (default: the working directory if it has them, else the copy in the jar).")
        Path bundle;
        @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings (or HIKB_CONFIG).")
        Path configFile;

        Map<String, String> flags() {
            Map<String, String> m = new LinkedHashMap<>();
            if (data != null) m.put("data", data.toString());
            if (bundle != null) m.put("bundle", bundle.toString());
            if (configFile != null) m.put("config", configFile.toString());
            return m;
        }

        Config config(Map<String, String> more) {
            Map<String, String> flags = flags();
            flags.putAll(more);
            return Config.resolve(System.getenv(), flags);
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serve the knowledge base over HTTP: SPARQL at /sparql, health at /health. An empty store gets the bundled ontology and data first.")
    static final class Serve implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Option(names = "--port", paramLabel = "N", description = "HTTP port (default 7070; 0 picks a free port).")
        Integer port;
        @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default localhost).")
        String host;
        @Option(names = "--query-timeout", paramLabel = "SECONDS", description = "SPARQL query timeout (default 30).")
        Integer queryTimeout;
        @Option(names = "--tokens-file", paramLabel = "FILE", description = "Hashed bearer tokens allowed to write (see the token command; default: none, no writes over HTTP).")
        Path tokensFile;
        @Option(names = "--scope", paramLabel = "SCOPE", description = "What a new store is filled with: health (default: the curated records and every public record about health or care), all, or curated.")
        String scope;
        @Option(names = "--primary", description = "This node is the writer of the replication log given by --log (docs/scale-out.md).")
        boolean primary;
        @Option(names = "--log", paramLabel = "SERVERS", description = "Kafka bootstrap servers (host:port,...) the writer publishes every commit to.")
        String log;
        @Option(names = "--replicate-from", paramLabel = "SERVERS", description = "Serve as a read replica, following the writer's log on these Kafka bootstrap servers.")
        String replicateFrom;
        @Option(names = "--topic", paramLabel = "TOPIC", description = "The Kafka topic of the replication log (default hikb-changes).")
        String topic;
        @Option(names = "--writer-url", paramLabel = "URL", description = "On a replica: the writer's origin, where writes are redirected (307).")
        String writerUrl;

        @Override
        public Integer call() {
            if (primary && log == null)
                throw new CommandLine.ParameterException(spec.commandLine(), "--primary needs --log SERVERS: the Kafka bootstrap servers of the replication log.");
            Map<String, String> more = new LinkedHashMap<>();
            if (log != null) more.put("log", log);
            if (replicateFrom != null) more.put("replicate-from", replicateFrom);
            if (topic != null) more.put("topic", topic);
            if (writerUrl != null) more.put("writer-url", writerUrl);
            if (scope != null) more.put("scope", scope);
            if (port != null) more.put("port", port.toString());
            if (host != null) more.put("host", host);
            if (queryTimeout != null) more.put("query-timeout", queryTimeout.toString());
            if (tokensFile != null) more.put("tokens-file", tokensFile.toString());
            Config config = settings.config(more);
            App app = App.open(config);
            try {
                WebServer server = app.serve();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> { server.close(); app.close(); }));
                spec.commandLine().getOut().println(String.format("HIKB serving %s on http://%s:%d/ (SPARQL at /sparql)%s",
                        config.dataDir().toAbsolutePath(), config.host(), server.port(), switch (config.replication().role()) {
                            case SINGLE -> "";
                            case PRIMARY -> ", writing the replication log " + config.replication().topic() + " on " + config.replication().servers();
                            case REPLICA -> ", a read replica of the log " + config.replication().topic() + " on " + config.replication().servers();
                        }));
                server.join();
                return OK;
            } catch (RuntimeException e) {
                app.close();
                throw e;
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Load RDF files into the store, each into its own named graph, after checking them against the shapes. "
                    + "Without FILEs, loads the bundle (ontology/ and data/). Unchanged files are skipped.")
    static final class Load implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Turtle, N-Triples, JSON-LD or RDF/XML files.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() {
            try (App app = App.open(settings.config(Map.of()))) {
                Loader.Report report = files.isEmpty()
                        ? app.loadBundle("cli")
                        : app.loader().load(sourceFiles(app.bundle(), files), "cli");
                PrintWriter out = spec.commandLine().getOut();
                report.loaded().forEach(f -> out.println("loaded    " + f));
                report.unchanged().forEach(f -> out.println("unchanged " + f));
                out.println(report.commit() == null
                        ? "Nothing to load: every file is as it was loaded."
                        : "Store at generation " + report.commit().generation() + ".");
                return OK;
            }
        }
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check files against the SHACL shapes without loading them (in the context of the bundle).")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "RDF files to check.")
        List<Path> files;

        @Override
        public Integer call() {
            Config config = settings.config(Map.of());
            Bundle bundle = config.bundleDir() == null ? Bundle.locate() : Bundle.at(config.bundleDir());
            List<Violation> violations = new FileValidator(bundle).validate(sourceFiles(bundle, files));
            if (violations.isEmpty()) {
                spec.commandLine().getOut().println("valid: " + files.size() + " file(s) conform to the shapes.");
                return OK;
            }
            throw new InvalidDataException(violations.size() + " violation(s) of the SHACL shapes.", violations);
        }
    }

    @Command(name = "reindex", mixinStandardHelpOptions = true,
            description = "Rebuild the search index from the store (it is also rebuilt by itself at start when missing or out of date).")
    static final class Reindex implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = App.open(settings.config(Map.of()))) {
                long started = System.nanoTime();
                app.index().rebuild();
                spec.commandLine().getOut().println(String.format("Indexed %d records at generation %d in %.1f s.",
                        app.index().indexedIds().size(), app.index().generation(), (System.nanoTime() - started) / 1e9));
                return OK;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import public datasets (CSV, JSON, JSON lines) through mapping files, streaming, in batches, with the search index "
                    + "built in the same run. Re-importing is an upsert by source identifier; records the source dropped are marked. "
                    + "Stop the server first: the data directory is used by one process at a time.")
    static final class Import implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Option(names = "--from", paramLabel = "DIR",
                description = "Directory the mappings' source files are relative to (default: the bundle's data/sources/, the public files it carries).")
        Path from;
        @Option(names = "--all", description = "Import every mapping of the bundle (data/imports/*.yaml).")
        boolean all;
        @Option(names = "--scope", paramLabel = "SCOPE",
                description = "health: only records about health or care; all: every record (default: the scope setting, health).")
        String scope;
        @Parameters(paramLabel = "MAPPING", arity = "0..*", description = "Mapping files (YAML).")
        List<Path> mappings = new ArrayList<>();

        @Override
        public Integer call() {
            if (!all && mappings.isEmpty())
                throw new CommandLine.ParameterException(spec.commandLine(), "Give mapping files, or --all for the bundled ones.");
            Config config = settings.config(scope == null ? Map.of() : Map.of("scope", scope));
            try (App app = App.open(config)) {
                SourceFiles sources = SourceFiles.in(from == null ? app.bundle().sources() : from);
                if (app.loader().storeIsEmpty()) app.loadBundle("importer");
                List<Path> files = all ? app.bundle().importMappings() : mappings;
                PrintWriter out = spec.commandLine().getOut();
                Config.Scope s = config.scope() == Config.Scope.CURATED ? Config.Scope.HEALTH : config.scope();
                for (Path m : files) {
                    ImportRun.Report report = app.importSource(Mapping.read(m), sources, s, System.err);
                    out.println(report.summary());
                    report.skipped().stream().limit(10).forEach(sk -> out.println("  skipped " + sk.where() + ": " + sk.reason()));
                    if (report.skipped().size() > 10) out.println("  ... and " + (report.skipped().size() - 10) + " more");
                }
                out.println("Store at generation " + app.writes().generation() + "; search index at generation " + app.index().generation() + ".");
                return OK;
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue a bearer token for writes over HTTP (SPARQL Update, the Graph Store Protocol). The token is printed once; "
                    + "only its SHA-256 hash is appended to the tokens file. Revoke it by deleting its line.")
    static final class Token implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Who the token is for (one word); it names their writes in the change log.")
        String name;
        @Option(names = "--role", defaultValue = "editor", paramLabel = "ROLE", description = "editor (data graphs) or admin (also the ontology and shapes); default ${DEFAULT-VALUE}.")
        String role;
        @Option(names = "--tokens-file", paramLabel = "FILE", description = "The tokens file (default: the tokens-file setting, HIKB_TOKENS_FILE).")
        Path tokensFile;

        @Override
        public Integer call() {
            Map<String, String> more = new LinkedHashMap<>();
            if (tokensFile != null) more.put("tokens-file", tokensFile.toString());
            Path file = settings.config(more).tokensFile();
            if (file == null)
                throw new CommandLine.ParameterException(spec.commandLine(), "Say where the tokens are kept: --tokens-file FILE or HIKB_TOKENS_FILE.");
            Role r;
            String token = Tokens.newToken();
            String line;
            try {
                r = Role.parse(role);
                line = Tokens.line(token, r, name);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            appendLine(file, line);
            PrintWriter out = spec.commandLine().getOut();
            out.println(token);
            spec.commandLine().getErr().println("Token for '" + name + "' (role " + r.label() + ") added to " + file
                    + " as a hash. It is shown only this once; send it as 'Authorization: Bearer <token>'.");
            return OK;
        }

        private static void appendLine(Path file, String line) {
            try {
                if (!Files.exists(file)) {
                    Files.createFile(file);
                    try {
                        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                    } catch (UnsupportedOperationException e) {
                        // Not a POSIX file system: the file keeps the default permissions.
                    }
                    Files.writeString(file, "# hikb bearer tokens: sha256:HASH ROLE NAME (see `hikb token`)\n");
                }
                Files.writeString(file, line + "\n", StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new StoreException("Cannot write the tokens file " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = "Write a consistent backup of the whole store (gzip'd N-Quads and its SHA-256) into DATA/backups/. "
                    + "While the server runs, use POST /api/admin/backup with an admin token instead.")
    static final class Backup implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = App.open(settings.config(Map.of()))) {
                Backups.Backup b = Backups.backup(app.store(), System.err);
                spec.commandLine().getOut().printf("%s: %,d quads at generation %d%s, %,d bytes, sha256 %s%n", b.file(), b.quads(), b.generation(),
                        b.logOffset() >= 0 ? " (replication log offset " + b.logOffset() + ")" : "", b.bytes(), b.sha256());
                return OK;
            }
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true,
            description = "Make the data graphs as they are in a backup (N-Quads, gzip'd or not), in bounded memory: the difference written in batches, each logged and indexed.")
    static final class Restore implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The backup.") Path file;
        @Option(names = "--exact", description = "Into an empty data directory: the backup's quads exactly as they are (generations, history and a "
                + "replica's log offset included), not a write; how a new read replica is made (docs/scale-out.md).")
        boolean exact;

        @Override
        public Integer call() {
            if (!Files.isRegularFile(file)) throw new StoreException("No such file: " + file);
            try (App app = App.open(settings.config(Map.of()))) {
                if (exact) {
                    long generation = app.copyExact(file, System.err);
                    spec.commandLine().getOut().printf("Copied %s: store at generation %d, replication log offset %d.%n",
                            file, generation, app.store().read(org.w3id.hikb.write.WritePath::replicatedOffset));
                    return OK;
                }
                var r = Backups.restore(app.writes(), app.store(), file, "cli", System.err);
                spec.commandLine().getOut().printf("Restored %s: %,d quads added, %,d deleted in %d write(s); store at generation %d.%n",
                        file, r.quadsAdded(), r.quadsDeleted(), r.writes(), r.generation());
                return OK;
            }
        }
    }

    @Command(name = "compact", mixinStandardHelpOptions = true,
            description = "Compact the TDB2 store (it keeps old versions of its indexes until compacted). While the server runs, use POST /api/admin/compact.")
    static final class Compact implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (App app = App.open(settings.config(Map.of()))) {
                Compactions.Job r = app.compactions().runNow("compact command");
                if (r.state() != Compactions.State.DONE) {
                    spec.commandLine().getErr().println("The store could not be compacted: " + r.error() + "; it is as it was.");
                    return 1;
                }
                spec.commandLine().getOut().printf("Compacted: %,d bytes before, %,d after.%n", r.bytesBefore(), r.bytesAfter());
                return OK;
            }
        }
    }

    @Command(name = "export-records", mixinStandardHelpOptions = true, description = "Write every record as JSON lines (the form of GET /api/records/{slug}).")
    static final class ExportRecords implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Option(names = "--out", paramLabel = "FILE", description = "Where to write (default: standard output).") Path out;

        @Override
        public Integer call() throws IOException {
            try (App app = App.open(settings.config(Map.of()));
                 java.io.Writer w = out == null ? new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8)
                         : Files.newBufferedWriter(out, java.nio.charset.StandardCharsets.UTF_8)) {
                long n = RecordLines.export(app.store(), w, System.err);
                spec.commandLine().getErr().printf("Exported %,d records.%n", n);
                return OK;
            }
        }
    }

    @Command(name = "import-records", mixinStandardHelpOptions = true,
            description = "Create or replace records from JSON lines, through the write path; refused lines are reported and skipped.")
    static final class ImportRecords implements Callable<Integer> {
        @CommandLine.Mixin Settings settings = new Settings();
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "One record per line.") Path file;

        @Override
        public Integer call() throws IOException {
            if (!Files.isRegularFile(file)) throw new StoreException("No such file: " + file);
            try (App app = App.open(settings.config(Map.of())); var in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
                if (app.loader().storeIsEmpty()) app.loadBundle("cli");
                RecordLines.Report r = RecordLines.importLines(app.writes(), in, "cli", System.err);
                PrintWriter out = spec.commandLine().getOut();
                out.println(r.summary());
                r.refused().stream().limit(20).forEach(x -> out.println("  refused " + x));
                return OK;
            }
        }
    }

    /**
     * Names files as the bundle does ({@code data/x.ttl}), so a file of the bundle replaces its own graph;
     * a file from elsewhere is named {@code data/<file name>}.
     */
    static List<SourceFile> sourceFiles(Bundle bundle, List<Path> paths) {
        List<SourceFile> out = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isRegularFile(p))
                throw new StoreException("No such file: " + p);
            out.add(new SourceFile(bundle.nameOf(p), p));
        }
        return out;
    }
}
