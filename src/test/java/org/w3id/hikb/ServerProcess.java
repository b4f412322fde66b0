package org.w3id.hikb;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), "org.w3id.hikb.cli.Main", "serve",
                "--data", dataDir.toString(), "--port", Integer.toString(port)));
        cmd.addAll(List.of(moreArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        if (workDir != null) pb.directory(workDir.toFile());
        Process p = pb.start();
        ServerProcess server = new ServerProcess(p, port);
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("The server exited with " + p.exitValue() + "; see " + log);
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create(server.url("/health"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return server;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        server.kill();
        throw new IllegalStateException("The server did not answer within " + wait.toSeconds() + " s; see " + log);
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
