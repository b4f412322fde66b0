package org.w3id.hikb.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.PatchListener;
import org.w3id.hikb.write.WritePath;

/**
 * The writer's side of the log: publishes the outbox's patches to the topic in generation order, one Kafka
 * transaction per patch, and clears each from the outbox once the transaction has committed. It runs in its own
 * thread: a write is answered after its local commit (its patch is then in the outbox, on disk), never held up
 * by Kafka. While the brokers are away the outbox grows and the publisher retries; after a restart it reads the
 * last generation the topic has and sends what follows, so nothing is sent twice. If another writer takes the
 * log (same transactional.id), this one is fenced: it closes its writes for good and says so in {@code /health}.
 * Each message names its writer ({@link NodeId}): a writer that comes back to a log whose last patch is another
 * writer's, at a generation it also committed itself, fences itself instead of sending its own.
 */
final class LogPublisher implements PatchListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPublisher.class);
    private final KafkaLog log;
    private final Outbox outbox;
    private final WritePath writes;
    private final String node;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long published = -1;
    private volatile String problem;
    private volatile Instant problemSince;
    private volatile boolean fenced;

    LogPublisher(KafkaLog log, Outbox outbox, WritePath writes, String node) {
        this.log = log;
        this.outbox = outbox;
        this.writes = writes;
        this.node = node;
        this.thread = new Thread(this::run, "hikb-log-publisher");
        thread.setDaemon(true);
    }

    void start() {
        writes.addPatchListener(this);
        thread.start();
    }

    @Override
    public void committed(Commit commit, RDFPatch patch) {
        wake.release();
    }

    private void run() {
        long backoff = 500;
        while (running) {
            KafkaProducer<byte[], byte[]> producer = null;
            try {
                log.ensureTopic();
                // The log's tail is read before this writer takes the transactional.id (which fences the producer of any
                // other writer), so a stale writer coming back does not stop the good one; and again after, in case the
                // other one wrote in between.
                if (!mayWrite(log.tail())) return;
                producer = log.producer();
                producer.initTransactions(); // fences an older producer of this log; completes or aborts its open transaction
                if (!mayWrite(log.tail())) return;
                clearProblem();
                backoff = 500;
                while (running) {
                    List<Long> waiting = outbox.waiting(published, writes.generation());
                    if (waiting.isEmpty()) {
                        wake.tryAcquire(1, TimeUnit.SECONDS);
                        wake.drainPermits();
                        continue;
                    }
                    for (long g : waiting) {
                        if (published > 0 && g != published + 1) {
                            fence("The outbox lacks generation " + (published + 1) + " (it has " + g + " next), so the log cannot go on "
                                    + "without a gap. This node takes no writes; the replicas need a new copy of this store (docs/scale-out.md).");
                            return;
                        }
                        producer.beginTransaction();
                        for (ProducerRecord<byte[], byte[]> r : PatchMessages.of(log.topic(), g, outbox.read(g), node)) producer.send(r);
                        producer.commitTransaction();
                        published = g;
                        outbox.sent(g);
                    }
                }
            } catch (ProducerFencedException | InvalidProducerEpochException e) {
                // Another producer took the transactional.id (Kafka 4 says so with either). It could also be this producer's
                // own transaction aborted by the coordinator after transaction.timeout.ms; taking the log back then could
                // splice two writers' histories, so the writer stops either way: a stop, not a split brain.
                fence("Another writer took the log " + log.topic() + " (" + e.getClass().getSimpleName() + "): this node takes no more writes. "
                        + "The commits it made after generation " + published + " are in its outbox and not in the log; see docs/scale-out.md, split brain.");
                return;
            } catch (KafkaException e) {
                // Retriable (a broker away, a timeout): a new producer is made, and the log's tail is checked again first.
                problem("The replication log on " + log.servers() + " cannot be written: " + e
                        + "; the commits wait in the outbox, and sending is tried again.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                problem("Publishing to the replication log failed: " + e);
            } finally {
                if (producer != null) {
                    try {
                        producer.close(Duration.ofSeconds(2));
                    } catch (RuntimeException ignored) {
                        // closing a producer whose broker is away
                    }
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(10_000, backoff * 2);
        }
    }

    /**
     * Whether this writer may go on after the log's last patch, {@code tail}: the log must not be ahead of the store,
     * and if the log already has a generation this writer also committed itself (its outbox holds it), that patch
     * must be this writer's own (sent before a crash), not another writer's (split brain). Fences it otherwise.
     */
    private boolean mayWrite(KafkaLog.Tail tail) {
        long mine = writes.generation();
        if (tail.generation() > mine) {
            fence("The log " + log.topic() + " holds generation " + tail.generation() + " but this store only " + mine
                    + ": another writer wrote to it after this store was copied. This node takes no writes; start it as a replica "
                    + "(serve --replicate-from) to catch up, or restore it from a backup of the writer.");
            return false;
        }
        List<Long> both = outbox.waiting(-1, tail.generation());
        if (!both.isEmpty() && !node.equals(tail.node())) {
            fence("The log " + log.topic() + " holds generation " + tail.generation() + " from another writer (" + tail.node()
                    + "), while this store made generation " + both.get(0) + " itself: two writers committed the same generations (split brain). "
                    + "This node takes no writes; its own commits from generation " + both.get(0) + " on are in its outbox (docs/scale-out.md).");
            return false;
        }
        outbox.sentUpTo(tail.generation()); // this writer's own, sent before it stopped
        published = tail.generation();
        LOG.info("Replication log {} on {}: it holds generation {}, this store {}.", log.topic(), log.servers(), tail.generation(), mine);
        return true;
    }

    private void fence(String why) {
        fenced = true;
        problem(why);
        writes.closeWrites(why);
        LOG.error(why);
        running = false;
    }

    private void problem(String what) {
        if (problem == null) problemSince = Instant.now();
        if (!what.equals(problem)) LOG.warn(what);
        problem = what;
    }

    private void clearProblem() {
        if (problem != null) LOG.info("The replication log is written again.");
        problem = null;
        problemSince = null;
    }

    boolean fenced() { return fenced; }

    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        long mine = writes.generation();
        m.put("topic", log.topic());
        m.put("publishedGeneration", published);
        m.put("unpublished", published < 0 ? null : Math.max(0, mine - published));
        m.put("fenced", fenced);
        m.put("problem", problem);
        m.put("problemSince", problemSince == null ? null : problemSince.toString());
        return m;
    }

    @Override
    public void close() {
        running = false;
        wake.release();
        thread.interrupt();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
