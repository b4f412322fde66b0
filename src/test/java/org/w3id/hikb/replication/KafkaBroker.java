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
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * Apache Kafka in KRaft mode on loopback, one node or three (each broker and controller in one process, a static
 * controller quorum), from the same Kafka jars the tests use. Each node is its own operating-system process on
 * ports fixed at its first start, so a test can kill a node, or all, with SIGKILL and start them again where the
 * clients expect them. {@code scripts/scale-out.sh} starts the same one-node set.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path dir;
    private final int[] ports;
    private final int[] controllerPorts;
    private final Process[] processes;

    private KafkaBroker(Path dir, int nodes) throws IOException {
        this.dir = dir;
        this.ports = new int[nodes];
        this.controllerPorts = new int[nodes];
        this.processes = new Process[nodes];
        for (int i = 0; i < nodes; i++) {
            ports[i] = freePort();
            controllerPorts[i] = freePort();
        }
    }

    /** How many nodes the tests run: 1 (CI), or {@code -Dhikb.kafka.nodes=3} for the longer run (docs/scale-out.md). */
    static int nodesWanted() {
        return Integer.getInteger("hikb.kafka.nodes", 1);
    }

    /** Formats the storage of {@code nodes} new nodes in {@code dir} and starts them; returns once every node answers. */
    static KafkaBroker start(Path dir, int nodes) throws IOException, InterruptedException {
        KafkaBroker b = new KafkaBroker(dir, nodes);
        String cluster = Uuid.randomUuid().toString();
        String voters = java.util.stream.IntStream.range(0, nodes).mapToObj(i -> (i + 1) + "@localhost:" + b.controllerPorts[i])
                .collect(Collectors.joining(","));
        int replicas = Math.min(3, nodes);
        for (int i = 0; i < nodes; i++) {
            Path node = b.nodeDir(i);
            Files.createDirectories(node);
            Files.writeString(b.properties(i), String.join("\n",
                    "process.roles=broker,controller", "node.id=" + (i + 1), "controller.quorum.voters=" + voters,
                    "listeners=PLAINTEXT://localhost:" + b.ports[i] + ",CONTROLLER://localhost:" + b.controllerPorts[i],
                    "advertised.listeners=PLAINTEXT://localhost:" + b.ports[i],
                    "controller.listener.names=CONTROLLER",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "inter.broker.listener.name=PLAINTEXT", "log.dirs=" + node.resolve("logs"),
                    "offsets.topic.replication.factor=" + replicas, "transaction.state.log.replication.factor=" + replicas,
                    "transaction.state.log.min.isr=" + Math.min(2, replicas), "group.initial.rebalance.delay.ms=0", "num.partitions=1", ""));
            Process format = b.java(i, "kafka.tools.StorageTool", "format", "-t", cluster, "-c", b.properties(i).toString()).start();
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0)
                throw new IllegalStateException("Formatting the Kafka storage failed; see " + b.log(i));
        }
        b.startAgain();
        return b;
    }

    /** Starts every node that is not running (again, after {@link #kill}) on its ports and storage; returns once all answer. */
    void startAgain() throws IOException, InterruptedException {
        for (int i = 0; i < processes.length; i++)
            if (processes[i] == null || !processes[i].isAlive()) processes[i] = java(i, "kafka.Kafka", properties(i).toString()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        for (int i = 0; i < processes.length; i++)
            while (!answers(i)) {
                if (!processes[i].isAlive()) throw new IllegalStateException("Kafka node " + (i + 1) + " exited; see " + log(i));
                if (System.nanoTime() > deadline) throw new IllegalStateException("Kafka did not answer within 120 s; see " + log(i));
                Thread.sleep(250);
            }
    }

    int nodes() {
        return processes.length;
    }

    String bootstrap() {
        return java.util.Arrays.stream(ports).mapToObj(p -> "localhost:" + p).collect(Collectors.joining(","));
    }

    /** SIGKILL to every node: what a crash or a power cut of the brokers' machines does. */
    void kill() throws InterruptedException {
        for (int i = 0; i < processes.length; i++) kill(i);
    }

    /** SIGKILL to node {@code i} (0-based) alone. */
    void kill(int i) throws InterruptedException {
        processes[i].destroyForcibly();
        processes[i].waitFor(30, TimeUnit.SECONDS);
    }

    private boolean answers(int i) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("localhost", ports[i]), 500);
        } catch (IOException e) {
            return false;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + ports[i]);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(p)) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == processes.length;
        } catch (Exception e) {
            return false;
        }
    }

    private ProcessBuilder java(int node, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log(node).toFile()));
    }

    private Path nodeDir(int i) { return dir.resolve("node-" + (i + 1)); }
    private Path properties(int i) { return nodeDir(i).resolve("server.properties"); }
    private Path log(int i) { return dir.resolve("node-" + (i + 1) + ".log"); }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
        }
    }
}
