package org.w3id.hikb.replication;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The replication log on Kafka: one topic of one partition, so that its order is the order of the writer's
 * commits. What the writer's producer, a replica's consumer and the topic are configured with.
 */
final class KafkaLog {
    private final String servers;
    private final String topic;

    KafkaLog(String servers, String topic) {
        this.servers = servers;
        this.topic = topic;
    }

    String topic() { return topic; }
    String servers() { return servers; }
    TopicPartition partition() { return new TopicPartition(topic, 0); }

    /**
     * The writer's producer: idempotent and transactional with a transactional.id fixed by the topic, so a second
     * writer of the same log fences the first (its next send fails with ProducerFencedException).
     */
    KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "hikb-writer-" + topic);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "60000");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(PatchMessages.PART_BYTES + 64 * 1024));
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A reader of committed patches only (a writer's transaction that was aborted, or never finished, is not seen). */
    KafkaConsumer<byte[], byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Makes the topic if it is not there: one partition, replicated to up to three brokers, kept for ever
     * ({@code retention.ms=-1}: a replica made from any backup can replay from that backup's offset), with
     * unclean leader election off (a broker that was behind never becomes leader and drops acknowledged patches).
     */
    void ensureTopic() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        try (Admin admin = Admin.create(p)) {
            if (admin.listTopics().names().get().contains(topic)) return;
            int brokers = admin.describeCluster().nodes().get().size();
            short replicas = (short) Math.max(1, Math.min(3, brokers));
            NewTopic t = new NewTopic(topic, 1, replicas).configs(Map.of(
                    "retention.ms", "-1", "retention.bytes", "-1", "unclean.leader.election.enable", "false",
                    "min.insync.replicas", Integer.toString(Math.min(2, replicas))));
            admin.createTopics(List.of(t)).all().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) return;
            throw e.getCause() instanceof KafkaException k ? k : new KafkaException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException(e);
        }
    }

    /** The last patch the topic holds (committed): its generation (0 if it holds none) and the writer that sent it. */
    record Tail(long generation, String node) {}

    Tail tail() {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            TopicPartition tp = partition();
            c.assign(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            long back = 64;
            while (true) {
                long from = Math.max(0, end - back);
                c.seek(tp, from);
                long last = -1;
                String node = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (c.position(tp) < end) {
                    if (System.nanoTime() > deadline) throw new KafkaException("Reading the end of the log " + topic + " took over 30 s.");
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                        long g = PatchMessages.generation(r);
                        if (g >= 0) {
                            last = g;
                            node = PatchMessages.node(r);
                        }
                    }
                }
                if (last >= 0) return new Tail(last, node);
                if (from == 0) return new Tail(0, null);
                back *= 16;
            }
        }
    }
}
