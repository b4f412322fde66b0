package org.w3id.hikb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The knowledge base as its own operating-system process (the same {@code serve} command a user runs), so a
 * test can kill it with SIGKILL, as a power cut or the OOM killer would, and start it again on the same data.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serve} on a free port over {@code dataDir}, with the curated records only, and waits until it answers. */
    public static ServerProcess start(Path dataDir, Path log, String... moreArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(moreArgs));
        if (!args.contains("--scope")) args.addAll(List.of("--scope", "curated"));
        return start(null, "512m", dataDir, log, Duration.ofSeconds(60), args.toArray(String[]::new));
    }

    /**
     * Starts {@code serve} in a working directory of its own ({@code null}: this one), with a heap of
     * {@code heap}, and waits up to {@code wait} for it to answer.
     */
    public static ServerProcess start(Path workDir, String heap, Path dataDir, Path log, Duration wait, String... moreArgs) throws IOException, InterruptedException {
        // Port 0: the server takes a free port itself and says which ("HIKB serving ... on http://host:PORT/"),
        // so no other process can take it between a test choosing it and the server binding it.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "org.w3id.hikb.cli.Main", "serve",
                "--data", dataDir.toString(), "--port", "0"));
        cmd.addAll(List.of(moreArgs));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workDir != null) pb.directory(workDir.toFile());
        Process p = pb.start();
        long deadline = System.nanoTime() + wait.toNanos();
        ServerProcess server = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("The server exited with " + p.exitValue() + "; " + log + " ends:\n" + tail(log, logStart));
            if (server == null) {
                int port = announcedPort(log, logStart);
                if (port > 0) server = new ServerProcess(p, port);
            }
            if (server != null) {
                try {
                    if (HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/health"))).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return server;
                } catch (IOException e) {
                    // not answering yet
                }
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("The server did not answer within " + wait.toSeconds() + " s; see " + log);
    }

    /** What the server wrote to its log since {@code from}, its last 30 lines: why it stopped, kept in the test's report. */
    private static String tail(Path log, long from) throws IOException {
        if (!Files.exists(log)) return "(nothing)";
        byte[] all = Files.readAllBytes(log);
        int start = (int) Math.min(from, all.length);
        List<String> lines = new String(all, start, all.length - start, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** The port the server said it serves on, in what it wrote to the log since {@code from}; 0 if not yet. */
    private static int announcedPort(Path log, long from) throws IOException {
        if (!Files.exists(log) || Files.size(log) <= from) return 0;
        byte[] all = Files.readAllBytes(log);
        String since = new String(all, (int) Math.min(from, all.length), all.length - (int) Math.min(from, all.length), java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HIKB serving .* on http://[^/]*:(\\d+)/").matcher(since);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
