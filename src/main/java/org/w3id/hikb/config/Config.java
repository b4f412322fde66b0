package org.w3id.hikb.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The whole configuration, immutable. Each setting has a name ({@code port}) and comes, last one winning,
 * from: the default here, a properties file ({@code --config FILE} or {@code HIKB_CONFIG}), the environment
 * ({@code HIKB_PORT}), and the command line ({@code --port}). The README's table lists them all.
 *
 * @param host         the address to listen on ({@code localhost}; {@code 0.0.0.0} in a container)
 * @param port         the one HTTP port for everything (0 picks a free one)
 * @param dataDir      where the TDB2 store and the search index live
 * @param bundleDir    where {@code ontology/} and {@code data/} are read from (null: the working directory if
 *                     it holds them, else the copy in the jar)
 * @param sparql       the limits of the public SPARQL endpoint
 * @param tokensFile   the hashed bearer tokens that may write over HTTP (null: no writes over HTTP)
 * @param maxUploadBytes the largest body a write over HTTP may send
 * @param minFreeBytes   the free disk space under which writes are refused (507) before they start
 * @param maxRequests    requests worked on at once; one more is answered 503 with Retry-After
 * @param autoCompact    compact the store by itself when it has grown this many times since the last compaction (0: never)
 * @param autoCompactMinBytes ... and only once it is at least this big
 * @param scope        what a new store is filled with on the first start, and what {@code import} brings in
 * @param bodyTimeout  how long a request's body may take to arrive before the connection is closed
 * @param trustedProxies the addresses whose {@code X-Forwarded-For} names the client (empty: the peer is the client)
 * @param publicUrl    the origin the server is reached at from outside ({@code https://kb.example.org}), which
 *                     pages, the service description and the sitemap name it by; null: each request's Host
 * @param replication  whether this node writes a replication log, follows one, or neither (docs/scale-out.md)
 */
public record Config(String host, int port, Path dataDir, Path bundleDir, Sparql sparql,
                     Path tokensFile, long maxUploadBytes, long minFreeBytes, int maxRequests, int autoCompact,
                     long autoCompactMinBytes, Scope scope, Duration bodyTimeout, List<String> trustedProxies, String publicUrl,
                     Replication replication) {

    /** A node's part in replication: {@link Role#SINGLE} (no log, the default), the writer of the log, or a read replica that follows it. */
    public enum Role { SINGLE, PRIMARY, REPLICA }

    /**
     * Replication over a Kafka topic (docs/scale-out.md).
     *
     * @param role      single, primary (writes the log) or replica (follows it)
     * @param servers   the Kafka bootstrap servers (host:port, comma-separated); null for a single node
     * @param topic     the single-partition topic of the log
     * @param writerUrl where a replica sends writes (a 307 to the same path there); null: answered 503
     * @param maxLag    the most log messages a replica may be behind and still report itself healthy ({@code /health?max-lag} overrides)
     */
    public record Replication(Role role, String servers, String topic, String writerUrl, int maxLag) {}

    /** What the knowledge base holds besides its curated records. */
    public enum Scope {
        /** The curated records alone (a demonstration, and most tests). */
        CURATED,
        /** The curated records and every record of the bundled public sources that is about health or care. */
        HEALTH,
        /** The curated records and every record of the bundled public sources (ICT, energy, space... as sources of transfer into health). */
        ALL;

        public static Scope parse(String s) {
            for (Scope v : values()) if (v.name().equalsIgnoreCase(s.trim())) return v;
            throw new ConfigException("scope must be curated, health or all: " + s);
        }

        public String label() { return name().toLowerCase(Locale.ROOT); }
    }

    /**
     * The limits that keep {@code /sparql} safe on the open internet.
     *
     * @param timeout      how long a query may run before it is stopped
     * @param rowCap       the most rows a query without a token gets (more: a header says so)
     * @param concurrency  how many queries run at once; the rest wait a little, then get a 503
     * @param serviceAllow the endpoints {@code SERVICE} may call (empty: none, {@code SERVICE} is refused)
     */
    public record Sparql(Duration timeout, int rowCap, int concurrency, List<String> serviceAllow) {}

    /** The settings, their defaults and what they mean: read by {@link #resolve} and listed by {@link #help()} in {@code serve --help}. */
    public static final Map<String, String[]> SETTINGS = settings();

    /** Every setting with its default and meaning, and the three ways to give it, for {@code --help}. */
    public static String help() {
        StringBuilder sb = new StringBuilder("%nSettings: in the --config file (name=value), as an environment variable (HIKB_NAME), "
                + "or as a flag where serve has one; later wins.%n");
        SETTINGS.forEach((name, spec) -> sb.append(String.format("  %-20s %s%s%n", name, spec[1].replace("%", "%%"),
                spec[0].isEmpty() ? "" : " [default: " + spec[0] + "]")));
        return sb.toString();
    }

    private static Map<String, String[]> settings() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("host", new String[] { "localhost", "address to listen on" });
        m.put("port", new String[] { "7070", "HTTP port for the API, SPARQL and pages (0: any free port)" });
        m.put("data", new String[] { "hikb-data", "data directory: the TDB2 store and the search index" });
        m.put("bundle", new String[] { "", "directory with ontology/ and data/ (default: the working directory if it has them, else the jar's copy)" });
        m.put("query-timeout", new String[] { "30", "SPARQL query timeout in seconds" });
        m.put("query-row-cap", new String[] { "100000", "most rows a SPARQL query without a token returns" });
        m.put("query-concurrency", new String[] { "4", "SPARQL queries that run at once (the rest wait up to 5 s, then 503)" });
        m.put("service-allow", new String[] { "", "comma-separated endpoint URLs SPARQL SERVICE may call (empty: SERVICE is refused)" });
        m.put("tokens-file", new String[] { "", "file of hashed bearer tokens allowed to write (see `hikb token`; empty: no writes over HTTP)" });
        m.put("max-upload-mb", new String[] { "16", "largest body of a write over HTTP, in MiB" });
        m.put("min-free-mb", new String[] { "100", "free disk space under which writes are refused, in MiB" });
        m.put("max-requests", new String[] { "64", "requests worked on at once; more are answered 503 with Retry-After" });
        m.put("auto-compact", new String[] { "3", "compact the store by itself when its files have grown this many times since the last compaction (0: never)" });
        m.put("auto-compact-min-mb", new String[] { "1024", "... but not before the store's files take this many MiB" });
        m.put("body-timeout", new String[] { "20", "seconds a request's body may take to arrive; a slower client is cut off (it holds no thread meanwhile)" });
        m.put("trusted-proxies", new String[] { "", "comma-separated addresses of reverse proxies whose X-Forwarded-For names the client (empty: none)" });
        m.put("public-url", new String[] { "", "the origin the server is reached at from outside (https://kb.example.org), named in pages, the SPARQL service description and the sitemap (empty: each request's Host header)" });
        m.put("scope", new String[] { "health", "what the first start imports from the bundled public sources, and import's default: health (records about health or care), all, or curated (none)" });
        m.put("log", new String[] { "", "Kafka bootstrap servers (host:port,...) this node, the writer, publishes every commit to (docs/scale-out.md; empty: no log)" });
        m.put("replicate-from", new String[] { "", "Kafka bootstrap servers this node follows as a read replica of the writer's log (empty: not a replica)" });
        m.put("topic", new String[] { "hikb-changes", "the Kafka topic of the replication log (one partition)" });
        m.put("writer-url", new String[] { "", "on a replica: the writer's origin, where writes are redirected with 307 (empty: writes are answered 503)" });
        m.put("max-lag", new String[] { "100", "on a replica: the most log messages it may be behind and still answer /health with 200" });
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The defaults, overridden by the config file, the environment and the flags, in that order. */
    public static Config resolve(Map<String, String> environment, Map<String, String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        SETTINGS.forEach((name, spec) -> values.put(name, spec[0]));
        String configFile = flags.getOrDefault("config", environment.get("HIKB_CONFIG"));
        if (configFile != null)
            values.putAll(readProperties(Path.of(configFile)));
        SETTINGS.keySet().forEach(name -> {
            String env = environment.get(envName(name));
            if (env != null) values.put(name, env);
        });
        flags.forEach((name, value) -> { if (SETTINGS.containsKey(name)) values.put(name, value); });
        return fromValues(values);
    }

    /** The defaults alone. */
    public static Config defaults() {
        return resolve(Map.of(), Map.of());
    }

    public static String envName(String setting) {
        return "HIKB_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    private static Map<String, String> readProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the config file " + file + ": " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (!SETTINGS.containsKey(name))
                throw new ConfigException("Unknown setting '" + name + "' in " + file + "; known: " + SETTINGS.keySet());
            out.put(name, p.getProperty(name).trim());
        }
        return out;
    }

    private static Config fromValues(Map<String, String> v) {
        String bundle = v.get("bundle");
        String tokens = v.get("tokens-file");
        return new Config(
                v.get("host"),
                intSetting("port", v.get("port"), 0, 65535),
                Path.of(v.get("data")),
                bundle.isBlank() ? null : Path.of(bundle),
                new Sparql(Duration.ofSeconds(intSetting("query-timeout", v.get("query-timeout"), 1, 3600)),
                        intSetting("query-row-cap", v.get("query-row-cap"), 1, Integer.MAX_VALUE),
                        intSetting("query-concurrency", v.get("query-concurrency"), 1, 1000),
                        list("service-allow", v.get("service-allow"), "https?://[^\\s]+", "http(s) endpoint URLs")),
                tokens.isBlank() ? null : Path.of(tokens),
                intSetting("max-upload-mb", v.get("max-upload-mb"), 1, 4096) * 1024L * 1024L,
                intSetting("min-free-mb", v.get("min-free-mb"), 0, 1_000_000) * 1024L * 1024L,
                intSetting("max-requests", v.get("max-requests"), 1, 10_000),
                intSetting("auto-compact", v.get("auto-compact"), 0, 1000),
                intSetting("auto-compact-min-mb", v.get("auto-compact-min-mb"), 0, 100_000_000) * 1024L * 1024L,
                Scope.parse(v.get("scope")),
                Duration.ofSeconds(intSetting("body-timeout", v.get("body-timeout"), 1, 3600)),
                list("trusted-proxies", v.get("trusted-proxies"), "[0-9.]+|[0-9A-Fa-f:]+", "IP addresses"),
                origin("public-url", v.get("public-url")),
                replication(v));
    }

    private static Replication replication(Map<String, String> v) {
        String log = servers("log", v.get("log"));
        String from = servers("replicate-from", v.get("replicate-from"));
        if (log != null && from != null)
            throw new ConfigException("A node either writes the log (log, serve --primary --log) or follows it (replicate-from), not both.");
        String topic = v.get("topic").trim();
        if (!topic.matches("[A-Za-z0-9._-]{1,249}"))
            throw new ConfigException("topic must be a Kafka topic name (letters, digits, '.', '_', '-'): " + v.get("topic"));
        Role role = log != null ? Role.PRIMARY : from != null ? Role.REPLICA : Role.SINGLE;
        return new Replication(role, log != null ? log : from, topic, origin("writer-url", v.get("writer-url")),
                intSetting("max-lag", v.get("max-lag"), 0, Integer.MAX_VALUE));
    }

    private static String servers(String name, String value) {
        List<String> hosts = list(name, value, "[A-Za-z0-9.-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5}", "Kafka bootstrap servers (host:port)");
        return hosts.isEmpty() ? null : String.join(",", hosts);
    }

    private static String origin(String name, String value) {
        String v = value.trim();
        if (v.isEmpty()) return null;
        if (!v.matches("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?"))
            throw new ConfigException(name + " must be an origin, scheme and host with an optional port (https://kb.example.org): " + value);
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    /** A comma-separated list, each item matching {@code item}, else {@code what} says what was expected. */
    private static List<String> list(String name, String value, String item, String what) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            String v = s.trim();
            if (v.isEmpty()) continue;
            if (!v.matches(item)) throw new ConfigException(name + " must list " + what + ": " + v);
            out.add(v);
        }
        return List.copyOf(out);
    }

    private static int intSetting(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < min || n > max)
                throw new ConfigException(name + " must be between " + min + " and " + max + ": " + value);
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number: " + value);
        }
    }
}
