package org.w3id.hikb.recordjson;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.w3id.hikb.records.Labels;
import org.w3id.hikb.records.Lang;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.vocab.Terms;
import org.w3id.hikb.write.Change;
import org.w3id.hikb.write.Replaced;
import org.w3id.hikb.write.WritePath;
import org.w3id.hikb.write.WriteRefusedException;

/**
 * Records as JSON lines: one record per line, in the JSON form of {@code GET /api/records/{slug}}. Export
 * writes every record; import puts each line's record (created or replaced) through the write path, 2,000 to a
 * transaction, and reports the lines it refused with the reason, without stopping.
 */
public final class RecordLines {
    private static final int BATCH = 2000;

    private RecordLines() {}

    /** What an import did: how many records it wrote, and each refused line with why. */
    public record Report(long lines, long imported, List<String> refused) {
        public String summary() {
            return String.format("%,d lines, %,d records imported, %,d refused", lines, imported, refused.size());
        }
    }

    /** Writes every record; returns how many. */
    public static long export(KnowledgeStore store, Writer out, PrintStream progress) {
        return store.read(dsg -> {
            RecordJson json = new RecordJson(new Labels(dsg), Lang.EN);
            RecordReader reader = new RecordReader(dsg);
            Set<Node> seen = new LinkedHashSet<>();
            long n = 0;
            var it = dsg.find(Node.ANY, Node.ANY, Terms.TYPE, Node.ANY);
            try {
                while (it.hasNext()) {
                    Node s = it.next().getSubject();
                    if (!seen.add(s)) continue;
                    var id = RecordId.of(s);
                    if (id.isEmpty()) continue;
                    var record = reader.read(id.get());
                    if (record.isEmpty()) continue;
                    out.write(json.toJson(record.get()).toString());
                    out.write('\n');
                    if (++n % 10_000 == 0 && progress != null) progress.printf("export: %,d records%n", n);
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return n;
        });
    }

    /** Reads JSON lines and writes their records. */
    public static Report importLines(WritePath writes, BufferedReader in, String agent, PrintStream progress) {
        List<String> refused = new ArrayList<>();
        Map<RecordId, Graph> batch = new LinkedHashMap<>();
        Map<RecordId, Long> lineOf = new LinkedHashMap<>();
        long lines = 0, imported = 0;
        try {
            for (String line; (line = in.readLine()) != null; ) {
                lines++;
                if (line.isBlank()) continue;
                try {
                    JsonNode json = RecordJson.MAPPER.readTree(line);
                    RecordId id = RecordJsonReader.idOf(json);
                    batch.put(id, RecordJsonReader.read(id, json));
                    lineOf.put(id, lines);
                } catch (JsonProcessingException e) {
                    refused.add("line " + lines + ": not JSON: " + e.getOriginalMessage());
                } catch (RecordJsonReader.BadRecordException e) {
                    refused.add("line " + lines + ": " + e.problems().get(0).pointer() + " " + e.problems().get(0).message());
                }
                if (batch.size() == BATCH) {
                    imported += commit(writes, batch, lineOf, agent, refused);
                    if (progress != null) progress.printf("import: %,d lines, %,d records%n", lines, imported);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        imported += commit(writes, batch, lineOf, agent, refused);
        // The batches only committed; the import answers once the search index has followed them all.
        writes.awaitFollowers(writes.generation(), java.time.Duration.ofMinutes(10));
        return new Report(lines, imported, refused);
    }

    /**
     * Writes a batch; if it is refused (by the shapes, or a slug taken by a record of another type), writes its
     * records one by one to find the ones at fault. A record that exists keeps the statements the JSON form
     * cannot hold.
     */
    private static long commit(WritePath writes, Map<RecordId, Graph> batch, Map<RecordId, Long> lineOf, String agent, List<String> refused) {
        if (batch.isEmpty()) return 0;
        Replaced replaced = RecordJson.replaced();
        long n = 0;
        try {
            writes.commitBatch(new Change.PutRecords(new LinkedHashMap<>(batch), Instant.now(), replaced), agent);
            n = batch.size();
        } catch (InvalidDataException | WriteRefusedException e) {
            for (Map.Entry<RecordId, Graph> one : batch.entrySet()) {
                try {
                    writes.commitBatch(new Change.PutRecords(Map.of(one.getKey(), one.getValue()), Instant.now(), replaced), agent);
                    n++;
                } catch (InvalidDataException bad) {
                    refused.add("line " + lineOf.get(one.getKey()) + ": " + bad.violations().get(0).describe());
                } catch (WriteRefusedException bad) {
                    refused.add("line " + lineOf.get(one.getKey()) + ": " + bad.getMessage());
                }
            }
        }
        batch.clear();
        lineOf.clear();
        return n;
    }
}
