package org.w3id.hikb.write;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.PROV;

/**
 * Reading the change log: when a record or concept last changed, and when the store did. Must be called
 * inside a read transaction.
 */
public final class History {
    private History() {}

    /** When the last write that touched {@code resource} was committed, if any did. */
    public static Optional<Instant> lastChange(DatasetGraph dsg, Node resource) {
        Instant latest = null;
        var it = dsg.find(GraphNames.CHANGES, Node.ANY, HIKB.affects, resource);
        while (it.hasNext()) {
            Instant t = time(dsg, it.next().getSubject());
            if (t != null && (latest == null || t.isAfter(latest))) latest = t;
        }
        return Optional.ofNullable(latest);
    }

    /** When the store last changed. */
    public static Optional<Instant> lastChange(DatasetGraph dsg) {
        long generation = ChangeLog.generation(dsg);
        return generation == 0 ? Optional.empty() : Optional.ofNullable(time(dsg, ChangeLog.changeNode(generation)));
    }

    public static long generation(DatasetGraph dsg) {
        return ChangeLog.generation(dsg);
    }

    /** One version of a record: the write that made it, when, by whom, and how many statements it added and deleted. */
    public record Version(long generation, Instant time, String agent, String operation, Integer added, Integer deleted) {}

    /** The versions of a record, newest first (empty if no write ever touched it). */
    public static List<Version> versions(DatasetGraph dsg, Node record) {
        List<Version> out = new ArrayList<>();
        dsg.find(GraphNames.CHANGES, Node.ANY, HIKB.affects, record).forEachRemaining(q -> {
            Node change = q.getSubject();
            long generation = ((Number) first(dsg, change, HIKB.generation).getLiteralValue()).longValue();
            Node agent = first(dsg, change, PROV.wasAssociatedWith);
            Integer added = null, deleted = null;
            Node version = ChangeLog.versionNode(generation, record);
            Node a = first(dsg, GraphNames.HISTORY, version, HIKB.addedStatements);
            if (a != null) {
                added = RecordPatch.parse(a.getLiteralLexicalForm()).size();
                deleted = RecordPatch.parse(first(dsg, GraphNames.HISTORY, version, HIKB.deletedStatements).getLiteralLexicalForm()).size();
            }
            out.add(new Version(generation, time(dsg, change),
                    agent == null ? null : agent.getURI().substring(agent.getURI().indexOf("/agent/") + 7),
                    first(dsg, change, HIKB.operation).getLiteralLexicalForm(), added, deleted));
        });
        out.sort(Comparator.comparingLong(Version::generation).reversed());
        return out;
    }

    /**
     * The record's statements (its own and its parts', with their graphs) as a write left them: the current
     * ones with every later write's patch undone. Empty if no write of that generation touched the record.
     */
    public static Optional<List<Quad>> stateAt(DatasetGraph dsg, Node record, long generation) {
        List<Version> versions = versions(dsg, record);
        if (versions.stream().noneMatch(v -> v.generation() == generation)) return Optional.empty();
        Set<Quad> state = new LinkedHashSet<>();
        String parts = record.getURI() + "#";
        for (Node s : subjects(dsg, record, parts))
            dsg.find(Node.ANY, s, Node.ANY, Node.ANY).forEachRemaining(q -> { if (!GraphNames.isBookkeeping(q.getGraph())) state.add(q); });
        for (Version v : versions) {
            if (v.generation() <= generation) break;
            Node version = ChangeLog.versionNode(v.generation(), record);
            Node added = first(dsg, GraphNames.HISTORY, version, HIKB.addedStatements);
            if (added == null) {
                // The write that created the record: before it there was nothing.
                state.clear();
                continue;
            }
            RecordPatch.parse(added.getLiteralLexicalForm()).forEach(state::remove);
            state.addAll(RecordPatch.parse(first(dsg, GraphNames.HISTORY, version, HIKB.deletedStatements).getLiteralLexicalForm()));
        }
        return Optional.of(new ArrayList<>(state));
    }

    private static Set<Node> subjects(DatasetGraph dsg, Node record, String parts) {
        Set<Node> out = new LinkedHashSet<>(List.of(record));
        dsg.find(Node.ANY, record, Node.ANY, Node.ANY).forEachRemaining(q -> {
            Node o = q.getObject();
            if (o.isURI() && o.getURI().startsWith(parts)) out.add(o);
        });
        return out;
    }

    private static Node first(DatasetGraph dsg, Node s, Node p) {
        return first(dsg, GraphNames.CHANGES, s, p);
    }

    private static Node first(DatasetGraph dsg, Node g, Node s, Node p) {
        var it = dsg.find(g, s, p, Node.ANY);
        return it.hasNext() ? it.next().getObject() : null;
    }

    private static Instant time(DatasetGraph dsg, Node change) {
        var it = dsg.find(GraphNames.CHANGES, change, PROV.endedAtTime, Node.ANY);
        return it.hasNext() ? Instant.parse(it.next().getObject().getLiteralLexicalForm()) : null;
    }
}
