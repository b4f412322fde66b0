package org.w3id.hikb.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.w3id.hikb.App;
import org.w3id.hikb.http.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hikb bench}: the benchmarks, each measured against a baseline in the same run. Not tests: they take
 * minutes and print figures for the README.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each against a baseline in the same run.",
        subcommands = { BenchCommand.Import.class, BenchCommand.Prepare.class, BenchCommand.Search.class, BenchCommand.Sparql.class, BenchCommand.Load.class, BenchCommand.ImportScale.class })
public final class BenchCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import every bundled mapping from the real files into WORK/real, then load the same quads with Jena's TDB2 bulk loader.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--from", defaultValue = "../shared/data", description = "The real data (default: ${DEFAULT-VALUE}).")
        Path from;
        @Option(names = "--work", defaultValue = "target/bench", description = "Where the stores are built (default: ${DEFAULT-VALUE}).")
        Path work;

        @Override
        public Integer call() {
            ImportBench.run(from, work, System.out);
            return 0;
        }
    }

    @Command(name = "prepare", mixinStandardHelpOptions = true,
            description = "Build WORK/s<RECORDS> from the real records of WORK/real, topped up with synthetic variants.")
    static final class Prepare implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--records", required = true, description = "How many searchable records.") long records;

        @Override
        public Integer call() {
            BenchStore.prepare(work.resolve("real"), work.resolve("s" + records), records, System.out);
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Run the search benchmark on WORK/s<RECORDS>.")
    static final class Search implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--records", required = true) long records;
        @Option(names = "--rounds", defaultValue = "20", description = "Rounds of the query mix (default: ${DEFAULT-VALUE}).") int rounds;
        @Option(names = "--sparql-rounds", defaultValue = "2", description = "Rounds for the slow SPARQL baseline (default: ${DEFAULT-VALUE}).") int sparqlRounds;

        @Override
        public Integer call() {
            SearchBench.run(work.resolve("s" + records), rounds, sparqlRounds, System.out);
            return 0;
        }
    }

    @Command(name = "sparql", mixinStandardHelpOptions = true,
            description = "Run the example queries on /sparql and on a plain Fuseki over a copy of WORK/STORE.")
    static final class Sparql implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--store", defaultValue = "real", description = "real (from bench import) or s<N> (from bench prepare); default ${DEFAULT-VALUE}.") String store;
        @Option(names = "--rounds", defaultValue = "10", description = "Rounds of the query mix per pass (default: ${DEFAULT-VALUE}).") int rounds;

        @Override
        public Integer call() {
            SparqlBench.run(work.resolve(store), rounds, System.out);
            return 0;
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Replay a realistic request mix on loopback at rising concurrency over WORK/STORE; stops by itself.")
    static final class Load implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--store", defaultValue = "real", description = "real or s<N>; default ${DEFAULT-VALUE}.") String store;
        @Option(names = "--clients", defaultValue = "1,2,4,8,16,32,64,128", split = ",", description = "Clients per step (default: ${DEFAULT-VALUE}).") int[] clients;
        @Option(names = "--seconds", defaultValue = "60", description = "Seconds per step (default: ${DEFAULT-VALUE}).") int seconds;

        @Override
        public Integer call() {
            try (App app = Workspace.open(work.resolve(store)); WebServer server = app.serve()) {
                LoadBench.run(app, server, clients, seconds, System.out);
            }
            return 0;
        }
    }

    @Command(name = "import-scale", mixinStandardHelpOptions = true,
            description = "Put RECORDS synthetic records through the write path on a copy of WORK/real, then the same quads through TDB2's bulk loader.")
    static final class ImportScale implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--records", required = true) long records;

        @Override
        public Integer call() {
            ScaleImportBench.run(work, records, System.out);
            return 0;
        }
    }
}
