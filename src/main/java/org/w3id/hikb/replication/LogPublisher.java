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
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
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
 */
final class LogPublisher implements PatchListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogPublisher.class);
    private final KafkaLog log;
    private final Outbox outbox;
    private final WritePath writes;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long published = -1;
    private volatile String problem;
    private volatile Instant problemSince;
    private volatile boolean fenced;

    LogPublisher(KafkaLog log, Outbox outbox, WritePath writes) {
        this.log = log;
        this.outbox = outbox;
        this.writes = writes;
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
                producer = log.producer();
                producer.initTransactions();
                long inLog = log.lastGeneration();
                long mine = writes.generation();
                if (inLog > mine) {
                    fence("The log " + log.topic() + " holds generation " + inLog + " but this store only " + mine
                            + ": another writer wrote to it after this store was copied. This node takes no writes; start it as a replica "
                            + "(serve --replicate-from) to catch up, or restore it from a backup of the writer.");
                    return;
                }
                outbox.sent(inLog);
                published = inLog;
                clearProblem();
                backoff = 500;
                LOG.info("Replication log {} on {}: it holds generation {}, this store {}.", log.topic(), log.servers(), inLog, mine);
                while (running) {
                    List<Long> waiting = outbox.waiting(published, writes.generation());
                    if (waiting.isEmpty()) {
                        wake.tryAcquire(1, TimeUnit.SECONDS);
                        wake.drainPermits();
                        continue;
                    }
                    if (published > 0 && waiting.get(0) != published + 1) {
                        fence("The outbox lacks generation " + (published + 1) + " (it has " + waiting.get(0) + " next), so the log cannot go on "
                                + "without a gap. This node takes no writes; the replicas need a new copy of this store (docs/scale-out.md).");
                        return;
                    }
                    for (long g : waiting) {
                        producer.beginTransaction();
                        for (ProducerRecord<byte[], byte[]> r : PatchMessages.of(log.topic(), g, outbox.read(g))) producer.send(r);
                        producer.commitTransaction();
                        published = g;
                        outbox.sent(g);
                    }
                }
            } catch (ProducerFencedException | InvalidProducerEpochException | TransactionalIdAuthorizationException e) {
                fence("Another writer took the log " + log.topic() + " (" + e.getClass().getSimpleName() + "): this node takes no more writes. "
                        + "The commits it made after generation " + published + " are in its outbox and not in the log; see docs/scale-out.md, split brain.");
                return;
            } catch (KafkaException e) {
                problem("The replication log on " + log.servers() + " cannot be written: " + e.getMessage()
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
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
