package org.w3id.hikb.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.w3id.hikb.App;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.records.Lang;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hikb bench}: the benchmarks, each measured against a baseline in the same run. Not tests: they take
 * minutes and print figures for the README.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks, each against a baseline in the same run.",
        subcommands = { BenchCommand.Import.class, BenchCommand.Prepare.class, BenchCommand.Search.class, BenchCommand.Sparql.class, BenchCommand.Load.class, BenchCommand.Compaction.class, BenchCommand.ImportScale.class, BenchCommand.Classification.class, BenchCommand.Relevance.class, BenchCommand.Replication.class })
public final class BenchCommand {

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import every bundled mapping from the real files into WORK/real, then load the same quads with Jena's TDB2 bulk loader.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--from", description = "The real data (default: the bundle's data/sources/).")
        Path from;
        @Option(names = "--scope", defaultValue = "all", description = "health or all (default: ${DEFAULT-VALUE}).")
        String scope;
        @Option(names = "--work", defaultValue = "target/bench", description = "Where the stores are built (default: ${DEFAULT-VALUE}).")
        Path work;

        @Override
        public Integer call() {
            ImportBench.run(from, org.w3id.hikb.config.Config.Scope.parse(scope), work, System.out);
            return 0;
        }
    }

    @Command(name = "classification", mixinStandardHelpOptions = true,
            description = "Compare the health-and-care classifier with the hand-labelled sample (data/imports/health-sample/labels.tsv): "
                    + "precision and recall overall, per stratum and per theme. Reads the bundled sources; writes nothing but a scratch store.")
    static final class Classification implements Callable<Integer> {
        @Option(names = "--work", defaultValue = "target/bench", description = "Where the scratch store goes (default: ${DEFAULT-VALUE}).")
        Path work;
        @Option(names = "--labels", description = "The labelled sample (default: the bundle's data/imports/health-sample/labels.tsv).")
        Path labels;
        @Option(names = "--evidence", description = "Also write, per sampled record and theme, how many places of its naming and longer texts hold the theme's terms.")
        Path evidence;

        @Override
        public Integer call() {
            try (org.w3id.hikb.App app = Workspace.open(Workspace.fresh(work.resolve("classification")))) {
                app.loadBundle("bench");
                Path sample = labels != null ? labels : app.bundle().importMappings().get(0).getParent().resolve("health-sample/labels.tsv");
                System.out.print(org.w3id.hikb.importer.ClassificationReport.run(app.store(), app.bundle().importMappings(),
                        org.w3id.hikb.importer.SourceFiles.in(app.bundle().sources()), sample, evidence));
            }
            return 0;
        }
    }

    @Command(name = "relevance", mixinStandardHelpOptions = true,
            description = "Cross-lingual relevance: the committed query set (real titles and summaries, translated into it/de/sv/en) searched in "
                    + "each language on a store; hit@1, hit@3, hit@10 and MRR per query language, with and without the dictionaries.")
    static final class Relevance implements Callable<Integer> {
        @Option(names = "--data", defaultValue = "target/bench/real",
                description = "The data directory of the store (default: ${DEFAULT-VALUE}, the full real import of bench import).")
        Path data;
        @Option(names = "--misses", description = "Also list, for this query language, every query whose record is not in the top 3, with what came first.")
        String misses;

        @Override
        public Integer call() {
            RelevanceBench.run(data, misses == null ? null : Lang.of(misses).orElseThrow(
                    () -> new CommandLine.ParameterException(new CommandLine(this), "--misses: one of it, de, sv, en")), System.out);
            return 0;
        }
    }

    @Command(name = "replication", mixinStandardHelpOptions = true,
            description = "On a running replicated set (scripts/scale-out.sh): replication lag at a steady write rate and a replica's apply rate "
                    + "against the writer's commit rate (--writer, --replica, --token); or search throughput at an address (--reads).")
    static final class Replication implements Callable<Integer> {
        @Option(names = "--writer", description = "The writer's origin (http://host:port).") String writer;
        @Option(names = "--replica", description = "A replica's origin; repeat for each.") java.util.List<String> replicas;
        @Option(names = "--token", description = "An editor or admin token of the set.") String token;
        @Option(names = "--rate", defaultValue = "2", description = "Writes per second in the steady part (default: ${DEFAULT-VALUE}).") int rate;
        @Option(names = "--seconds", defaultValue = "20", description = "How long each part runs (default: ${DEFAULT-VALUE}).") int seconds;
        @Option(names = "--burst", defaultValue = "300", description = "Writes in the burst (default: ${DEFAULT-VALUE}).") int burst;
        @Option(names = "--hold", description = "The process id of the last --replica (on this machine): held (SIGSTOP) during the burst and let go after it, so its apply rate is measured on a backlog.") Long hold;
        @Option(names = "--reads", description = "Measure search throughput at this origin instead.") String reads;
        @Option(names = "--label", defaultValue = "reads", description = "What the --reads row is called.") String label;
        @Option(names = "--clients", defaultValue = "8", description = "Concurrent readers (default: ${DEFAULT-VALUE}).") int clients;
        @Option(names = "--no-header", description = "Print the --reads row without the table's header.") boolean noHeader;

        @Override
        public Integer call() throws Exception {
            if (reads != null) ReplicationBench.reads(reads, label, clients, seconds, !noHeader, System.out);
            else if (writer == null || replicas == null || token == null)
                throw new CommandLine.ParameterException(new CommandLine(this), "Give --writer, --replica (each) and --token, or --reads.");
            else ReplicationBench.lag(writer, replicas, token, rate, seconds, burst, hold, System.out);
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

    /** A bench store served on a free port: the options and the opening that the load benchmarks share. */
    static final class ServedStore {
        @Option(names = "--work", defaultValue = "target/bench") Path work;
        @Option(names = "--store", defaultValue = "real", description = "real or s<N>; default ${DEFAULT-VALUE}.") String store;

        void run(java.util.function.BiConsumer<App, WebServer> bench) {
            try (App app = Workspace.open(work.resolve(store)); WebServer server = app.serve()) {
                bench.accept(app, server);
            }
        }
    }

    @Command(name = "load", mixinStandardHelpOptions = true,
            description = "Replay a realistic request mix on loopback at rising concurrency over WORK/STORE; stops by itself.")
    static final class Load implements Callable<Integer> {
        @CommandLine.Mixin ServedStore served = new ServedStore();
        @Option(names = "--clients", defaultValue = "1,2,4,8,16,32,64,128", split = ",", description = "Clients per step (default: ${DEFAULT-VALUE}).") int[] clients;
        @Option(names = "--seconds", defaultValue = "60", description = "Seconds per step (default: ${DEFAULT-VALUE}).") int seconds;

        @Override
        public Integer call() {
            served.run((app, server) -> LoadBench.run(app, server, clients, seconds, System.out));
            return 0;
        }
    }

    @Command(name = "compaction", mixinStandardHelpOptions = true,
            description = "Readers and a writer over WORK/STORE, first with no compaction, then with compactions back to back: latency of each.")
    static final class Compaction implements Callable<Integer> {
        @CommandLine.Mixin ServedStore served = new ServedStore();
        @Option(names = "--readers", defaultValue = "4", description = "Reading clients (default: ${DEFAULT-VALUE}).") int readers;
        @Option(names = "--seconds", defaultValue = "60", description = "Seconds per phase (default: ${DEFAULT-VALUE}).") int seconds;

        @Override
        public Integer call() {
            served.run((app, server) -> CompactionBench.run(app, server, readers, seconds, System.out));
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
