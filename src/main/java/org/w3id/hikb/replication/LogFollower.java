package org.w3id.hikb.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.write.WritePath;
import org.w3id.hikb.write.WriteRefusedException;

/**
 * A read replica's side of the log: reads the topic from the offset after the last one its store applied, and
 * applies each patch with its offset in one TDB2 transaction ({@link WritePath#applyReplicated}), so a replica
 * killed at any moment resumes where its store is, and applies each patch once. The search index follows the
 * store as on a single node. A patch that skips a generation stops it (the store is not a copy of the writer's:
 * it needs a backup of the writer, docs/scale-out.md).
 */
final class LogFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);
    private static final Duration LAG_EVERY = Duration.ofSeconds(1);
    private final KafkaLog log;
    private final WritePath writes;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lag = -1;
    private volatile long appliedOffset;
    private volatile Instant lastApplied;
    private volatile Instant lastContact;
    private volatile String problem;
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    LogFollower(KafkaLog log, WritePath writes) {
        this.log = log;
        this.writes = writes;
        this.appliedOffset = writes.replicatedOffset();
        this.thread = new Thread(this::run, "hikb-log-follower");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long backoff = 500;
        while (running) {
            try (KafkaConsumer<byte[], byte[]> consumer = log.consumer()) {
                this.consumer = consumer;
                TopicPartition tp = log.partition();
                consumer.assign(List.of(tp));
                long from = writes.replicatedOffset();
                if (from >= 0) consumer.seek(tp, from + 1);
                else consumer.seekToBeginning(List.of(tp));
                LOG.info("Following the replication log {} on {} from offset {} (store at generation {}).",
                        log.topic(), log.servers(), from + 1, writes.generation());
                PatchMessages.Assembler parts = new PatchMessages.Assembler();
                long lagAt = 0, end = 0;
                while (running) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        byte[] text = parts.add(r);
                        if (text == null) continue;
                        long g = PatchMessages.generation(r);
                        if (g <= writes.generation()) continue; // published twice, or before this store's backup
                        writes.applyReplicated(PatchMessages.patch(text, g), r.offset());
                        appliedOffset = r.offset();
                        lastApplied = Instant.now();
                    }
                    // The log's end is asked for once a second; the position moves with every patch applied.
                    if (lag >= 0) lag = Math.max(0, end - consumer.position(tp));
                    if (System.nanoTime() - lagAt > LAG_EVERY.toNanos()) {
                        end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(5)).get(tp);
                        lag = Math.max(0, end - consumer.position(tp));
                        lastContact = Instant.now();
                        lagAt = System.nanoTime();
                        if (problem != null) LOG.info("The replication log is read again.");
                        problem = null;
                        backoff = 500;
                    }
                }
            } catch (WriteRefusedException | IllegalStateException | org.apache.jena.rdfpatch.PatchException e) {
                // A gap, a message that is not a part of a patch, a patch that does not read: trying again would give the same.
                problem = e.getMessage() + " This replica stopped following; bootstrap it from a backup of a replica (docs/scale-out.md).";
                LOG.error(problem);
                stopped = true;
                return;
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                return; // closing
            } catch (KafkaException e) {
                if (problem == null) LOG.warn("The replication log on {} cannot be read: {}; trying again.", log.servers(), e.toString());
                problem = "The replication log on " + log.servers() + " cannot be read: " + e.getMessage();
            } catch (RuntimeException e) {
                LOG.error("Following the replication log failed: {}", e.toString());
                problem = "Following the replication log failed: " + e;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(10_000, backoff * 2);
        }
    }

    /** Whether this replica follows the log and is at most {@code maxLag} messages behind it. */
    boolean healthy(long maxLag) {
        return !stopped && lag >= 0 && lag <= maxLag;
    }

    Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("topic", log.topic());
        m.put("appliedOffset", appliedOffset);
        m.put("lag", lag < 0 ? null : lag);
        m.put("lastApplied", lastApplied == null ? null : lastApplied.toString());
        m.put("lastContact", lastContact == null ? null : lastContact.toString());
        m.put("following", !stopped);
        m.put("problem", problem);
        return m;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) c.wakeup(); // a poll or an endOffsets waiting for a broker ends at once
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
