package org.w3id.hikb.replication;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * One Apache Kafka broker in KRaft mode (broker and controller in one process), from the same Kafka jars the
 * tests use, as its own operating-system process on loopback ports fixed at its first start: so a test can kill
 * it with SIGKILL and start it again where the clients expect it. {@code scripts/scale-out.sh} starts the same.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats a new broker's storage in {@code dir} and starts it; returns once it answers. */
    static KafkaBroker start(Path dir) throws IOException, InterruptedException {
        KafkaBroker b = new KafkaBroker(dir, freePort(), freePort());
        Files.createDirectories(dir);
        Files.writeString(b.properties(), String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.bootstrap.servers=localhost:" + b.controllerPort,
                "listeners=PLAINTEXT://localhost:" + b.port + ",CONTROLLER://localhost:" + b.controllerPort,
                "advertised.listeners=PLAINTEXT://localhost:" + b.port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + dir.resolve("logs"),
                "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "group.initial.rebalance.delay.ms=0", "num.partitions=1", ""));
        Process format = b.java("kafka.tools.StorageTool", "format", "--standalone", "-t", Uuid.randomUuid().toString(),
                "-c", b.properties().toString()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0)
            throw new IllegalStateException("Formatting the Kafka storage failed; see " + b.log());
        b.startAgain();
        return b;
    }

    /** Starts the broker (again, after {@link #kill}) on the same ports and storage; returns once it answers. */
    void startAgain() throws IOException, InterruptedException {
        process = java("kafka.Kafka", properties().toString()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("The Kafka broker exited; see " + log());
            if (answers()) return;
            Thread.sleep(250);
        }
        throw new IllegalStateException("The Kafka broker did not answer within 90 s; see " + log());
    }

    String bootstrap() {
        return "localhost:" + port;
    }

    /** SIGKILL: what a crash or a power cut of the broker's machine does to the broker process. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    private boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", port), 500);
        } catch (IOException e) {
            return false;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(p)) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    }

    private Path properties() { return dir.resolve("server.properties"); }
    Path log() { return dir.resolve("broker.log"); }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) kill();
        }
    }
}
