package org.w3id.hikb.replication;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.w3id.hikb.write.Patches;

/**
 * A patch on the topic: its RDF Patch text cut into parts of at most {@link #PART_BYTES} (Kafka refuses a
 * message over 1 MB by default, and one bulk import's batch can be larger), sent in one Kafka transaction, each
 * part with the headers {@code hikb-generation}, {@code hikb-part} (0, 1, ...), {@code hikb-parts} and
 * {@code hikb-node} (the writer, {@link NodeId}). A reader
 * with {@code isolation.level=read_committed} sees all parts of a patch or none.
 */
final class PatchMessages {
    static final int PART_BYTES = 512 * 1024;
    static final String GENERATION = "hikb-generation";
    static final String PART = "hikb-part";
    static final String PARTS = "hikb-parts";
    static final String NODE = "hikb-node";

    private PatchMessages() {}

    static List<ProducerRecord<byte[], byte[]>> of(String topic, long generation, byte[] patch, String node) {
        int parts = Math.max(1, (patch.length + PART_BYTES - 1) / PART_BYTES);
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            byte[] part = Arrays.copyOfRange(patch, i * PART_BYTES, Math.min(patch.length, (i + 1) * PART_BYTES));
            ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(topic, 0, Long.toString(generation).getBytes(StandardCharsets.US_ASCII), part);
            r.headers().add(GENERATION, ascii(generation)).add(PART, ascii(i)).add(PARTS, ascii(parts))
                    .add(NODE, node.getBytes(StandardCharsets.US_ASCII));
            out.add(r);
        }
        return out;
    }

    /** The generation a message carries, or -1 if it is not a part of a patch. */
    static long generation(ConsumerRecord<byte[], byte[]> r) {
        return number(r, GENERATION);
    }

    /** The writer that sent a message (its {@link NodeId}), or null. */
    static String node(ConsumerRecord<byte[], byte[]> r) {
        Header h = r.headers().lastHeader(NODE);
        return h == null ? null : new String(h.value(), StandardCharsets.US_ASCII);
    }

    private static long number(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        if (h == null) return -1;
        try {
            return Long.parseLong(new String(h.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    /** Puts the parts of each patch back together, in the order the topic gives them. */
    static final class Assembler {
        private long generation = -1;
        private int next;
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();

        /** Adds a message; the whole patch text once its last part has come, else null. */
        byte[] add(ConsumerRecord<byte[], byte[]> r) {
            long g = generation(r);
            long part = number(r, PART);
            long parts = number(r, PARTS);
            if (g < 0 || part < 0 || parts < 1)
                throw new IllegalStateException("Offset " + r.offset() + " of the log is not a part of a patch (no " + GENERATION + " header).");
            if (part == 0) {
                generation = g;
                next = 0;
                text.reset();
            } else if (g != generation || part != next) {
                throw new IllegalStateException("Offset " + r.offset() + " of the log is part " + part + " of generation " + g
                        + ", but part " + next + " of generation " + generation + " was expected.");
            }
            text.writeBytes(r.value());
            next++;
            if (next < parts) return null;
            generation = -1;
            return text.toByteArray();
        }
    }

    /** The patch a whole text makes (checked: its id names the generation the messages said). */
    static org.apache.jena.rdfpatch.RDFPatch patch(byte[] text, long generation) {
        var patch = Patches.read(text);
        long g = Patches.generation(patch);
        if (g != generation)
            throw new IllegalStateException("The patch of the messages of generation " + generation + " names generation " + g + ".");
        return patch;
    }
}
