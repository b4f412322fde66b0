package org.w3id.hikb.write;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.rdfpatch.RDFPatch;
import org.apache.jena.rdfpatch.RDFPatchOps;
import org.apache.jena.rdfpatch.changes.RDFChangesApply;
import org.apache.jena.rdfpatch.changes.RDFChangesCollector;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.store.GraphNames;
import org.w3id.hikb.store.InvalidDataException;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.ShapeValidator;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.store.Violation;
import org.w3id.hikb.vocab.HIKB;
import org.w3id.hikb.vocab.Namespaces;

/**
 * The one way data gets into the store. Every write, whatever its form, goes, inside one TDB2 write
 * transaction: apply to a staged view of the store, validate what it touched against the SHACL shapes,
 * copy the difference into TDB2, log it with a new generation number, (on the writer of a replication log)
 * keep its RDF Patch in the outbox, commit; then tell the listeners (the search index, which follows in its
 * own thread) in order. Writes only commit: nothing else happens in a
 * writer's turn.
 * A write that violates the shapes is aborted whole: nothing of it is stored, logged or indexed.
 * Writers take turns (TDB2 has one writer at a time anyway); readers never wait for a writer (they read the
 * last commit), only, for a moment, for a compaction's switch to the new generation.
 */
public final class WritePath {
    private static final Logger LOG = LoggerFactory.getLogger(WritePath.class);

    private final KnowledgeStore store;
    /** The store's dataset, claimed for writing: nothing else holds it writable. */
    private final DatasetGraph dataset;
    private final long minFreeBytes;
    private final ReentrantLock writer = new ReentrantLock(true);
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final List<PatchListener> patchListeners = new CopyOnWriteArrayList<>();
    private volatile PatchKeeper keeper;
    private volatile String closedBecause;
    private volatile long lastGeneration;
    private ShapeValidator validator;

    public WritePath(KnowledgeStore store) {
        this(store, 0);
    }

    /**
     * @param minFreeBytes writes are refused ({@link DiskFullException}) while the data directory's disk has less
     *                     free space than this: TDB2 maps its files into memory, and a write that finds the disk
     *                     full fails deep inside it, with the store at risk. Refused before it starts, nothing is.
     */
    public WritePath(KnowledgeStore store, long minFreeBytes) {
        this.store = store;
        this.dataset = store.claimWrites();
        this.minFreeBytes = minFreeBytes;
        this.lastGeneration = store.read(ChangeLog::generation);
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /**
     * Gives each commit's RDF Patch to {@code keeper} inside the commit's transaction, before it commits (the
     * replication log's outbox); a patch it cannot keep aborts the write.
     */
    public void keepPatchesIn(PatchKeeper keeper) {
        this.keeper = keeper;
    }

    /**
     * Takes no more writes (a read replica, a fenced writer): every later {@link #commitBatch} throws
     * {@link WritesClosedException} with {@code why}. Patches from the log are still applied ({@link #applyReplicated}).
     */
    public void closeWrites(String why) {
        this.closedBecause = why;
    }

    /** Also tells {@code listener} each commit's RDF Patch; patches are made only while some listener wants them. */
    public void addPatchListener(PatchListener listener) {
        patchListeners.add(listener);
    }

    /** The generation of the last committed write (0 for an empty store), known without reading the store. */
    public long generation() {
        return lastGeneration;
    }

    /** Records and concepts changed by writes after {@code generation}. */
    public Set<Node> affectedSince(long generation) {
        return store.read(dsg -> ChangeLog.affectedSince(dsg, generation));
    }

    /**
     * Applies one change as one transaction, and waits (at most {@link #FOLLOW_WAIT}) for the search index to
     * reflect it, so that the writer reads its own write.
     *
     * @throws InvalidDataException if the result would violate the shapes; the store is then unchanged
     * @throws ForbiddenWriteException if the change touched a graph it may not write; the store is then unchanged
     * @throws DiskFullException if the disk is too full to write safely; the store is then unchanged
     */
    public Commit commit(Change change, String agent) {
        Commit commit = commitBatch(change, agent);
        if (commit.changed() && !awaitFollowers(commit.generation(), FOLLOW_WAIT))
            LOG.warn("Generation {} is committed; the search index has not caught up with it within {} s.", commit.generation(), FOLLOW_WAIT.toSeconds());
        return commit;
    }

    /** How long a single write waits, after it has committed, for the search index to reflect it. */
    public static final Duration FOLLOW_WAIT = Duration.ofSeconds(30);

    /**
     * Waits until every listener (the search index) reflects {@code generation}, at most {@code timeout} in all;
     * whether they do.
     */
    public boolean awaitFollowers(long generation, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (CommitListener l : listeners)
            if (!l.await(generation, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) return false;
        return true;
    }

    /**
     * Applies one change as one transaction and returns once it is committed, without waiting for the search
     * index to follow: for the batches of a bulk operation, which waits once at its end ({@link #awaitFollowers}).
     * The writer's turn ends at the commit: indexing never holds up the next write.
     */
    public Commit commitBatch(Change change, String agent) {
        writer.lock();
        try {
            if (closedBecause != null) throw new WritesClosedException(closedBecause);
            long free = store.freeSpace();
            if (free >= 0 && free < minFreeBytes)
                throw new DiskFullException(String.format("The disk of the data directory has %,d MiB free, less than the %,d MiB a write needs "
                        + "to be safe (min-free-mb); nothing was written. Free some space, or move the data directory.", free >> 20, minFreeBytes >> 20));
            DatasetGraph dsg = dataset;
            ShapeValidator[] validatorUsed = { validator };
            PatchKeeper keeping = keeper;
            RDFChangesCollector captured = patchListeners.isEmpty() && keeping == null ? null : new RDFChangesCollector();
            DatasetGraph target = captured == null ? dsg : RDFPatchOps.changes(dsg, captured);
            RDFPatch[] patch = { null };
            Commit commit = Txn.calculateWrite(dsg, () -> {
                StagedDataset view = new StagedDataset(dsg, GraphNames.UPDATES);
                change.applyTo(view);
                change.checkGraphs(graphsOf(view.added(), view.deleted()));
                List<Quad> added = dataQuads(view.added());
                List<Quad> deleted = dataQuads(view.deleted());
                if ((!added.isEmpty() || !deleted.isEmpty()) && change.validated())
                    validatorUsed[0] = validate(view, added, deleted);
                List<RecordPatch> patches = RecordPatch.of(dsg, added, deleted);
                // Only now, with the change known to be valid, does anything reach TDB2.
                view.writeTo(target);
                if (added.isEmpty() && deleted.isEmpty() && change.rewroteHistoryOf().isEmpty())
                    return Commit.nothing(ChangeLog.generation(dsg), change.operation(), agent);
                // A purge is logged, but as touching no record: it made no version of any, and says nothing of what it removed.
                Commit made = ChangeLog.append(target, change.operation(), agent, owners(added, deleted), added.size(), deleted.size(), patches);
                if (captured != null) {
                    patch[0] = Patches.stamped(captured.getRDFPatch(), made.generation());
                    if (keeping != null) keeping.keep(made.generation(), patch[0]);
                }
                return made;
            });
            validator = validatorUsed[0];
            // A purge rewrites only the history and so changes no data quad, but it is a generation all the same:
            // the listeners are told, or the search index would never say it reached it (and a replica would
            // find a gap in the log).
            boolean advanced = commit.generation() > lastGeneration;
            lastGeneration = commit.generation();
            if (advanced) {
                if (patch[0] != null) tellPatchListeners(commit, patch[0]);
                tellListeners(commit);
            }
            return commit;
        } finally {
            writer.unlock();
        }
    }

    /**
     * Applies a patch another store's write path made (a replica following the writer's log) and stores
     * {@code offset}, the patch's place in the log, in the same transaction; then tells the listeners, as a
     * write of its own would. A patch the store already has (its generation is not above the store's) changes
     * nothing, so a log replayed from an earlier offset applies each change once; a patch that skips a
     * generation is refused, since the store would no longer be the writer's.
     *
     * @return the commit, or {@code null} if the store already had the patch
     */
    public Commit applyReplicated(RDFPatch patch, long offset) {
        long generation = Patches.generation(patch);
        writer.lock();
        try {
            DatasetGraph dsg = dataset;
            Commit commit = Txn.calculateWrite(dsg, () -> {
                long current = ChangeLog.generation(dsg);
                if (generation <= current) return null;
                if (generation != current + 1)
                    throw new WriteRefusedException(WriteRefusedException.Reason.STALE, "The replication log skips from generation "
                            + current + " to " + generation + ": this store is not a copy of the writer's at the patch's previous generation.");
                patch.apply(new RDFChangesApply(dsg) {
                    @Override public void txnBegin() { }
                    @Override public void txnCommit() { }
                    @Override public void txnAbort() { }
                });
                dsg.deleteAny(GraphNames.SYSTEM, GraphNames.SYSTEM, HIKB.replicatedOffset, Node.ANY);
                dsg.add(GraphNames.SYSTEM, GraphNames.SYSTEM, HIKB.replicatedOffset, NodeFactory.createLiteralDT(Long.toString(offset), XSDDatatype.XSDinteger));
                return ChangeLog.commitOf(dsg, generation);
            });
            if (commit == null) return null;
            lastGeneration = commit.generation();
            tellPatchListeners(commit, patch);
            tellListeners(commit);
            return commit;
        } finally {
            writer.unlock();
        }
    }

    /** The offset in the replication log of the last patch this store applied, or -1 if it never applied one. */
    public long replicatedOffset() {
        return store.read(WritePath::replicatedOffset);
    }

    /** The same, read inside a transaction the caller holds (a backup stamps itself with it). */
    public static long replicatedOffset(DatasetGraph dsg) {
        var it = dsg.find(GraphNames.SYSTEM, GraphNames.SYSTEM, HIKB.replicatedOffset, Node.ANY);
        return it.hasNext() ? ((Number) it.next().getObject().getLiteralValue()).longValue() : -1L;
    }

    private void tellPatchListeners(Commit commit, RDFPatch patch) {
        for (PatchListener l : patchListeners) {
            try {
                l.committed(commit, patch);
            } catch (RuntimeException e) {
                LOG.error("After commit {}: {} failed on its patch: {}", commit.generation(), l, e.toString());
            }
        }
    }

    private void tellListeners(Commit commit) {
        for (CommitListener l : listeners) {
            try {
                l.committed(commit);
            } catch (RuntimeException e) {
                // The store has committed and is the source of truth; a listener that failed catches up
                // from the change log (by generation) on its next commit or at the next start.
                LOG.error("After commit {}: {} failed: {}", commit.generation(), l, e.toString());
            }
        }
    }

    private ShapeValidator validate(DatasetGraph dsg, List<Quad> added, List<Quad> deleted) {
        boolean schemaChanged = added.stream().anyMatch(q -> GraphNames.isSchema(q.getGraph()))
                || deleted.stream().anyMatch(q -> GraphNames.isSchema(q.getGraph()));
        ShapeValidator v = (validator == null || schemaChanged) ? new ShapeValidator(dsg.getGraph(GraphNames.SHAPES)) : validator;
        List<Violation> violations = schemaChanged
                ? v.validate(dsg.getUnionGraph(), n -> whereOf(dsg, n))
                : v.validate(dsg.getUnionGraph(), focusNodes(dsg, added, deleted), n -> whereOf(dsg, n));
        if (!violations.isEmpty())
            throw new InvalidDataException(violations.size() + " violation(s) of the SHACL shapes; nothing was written.", violations);
        return v;
    }

    /** What must be checked again: the subjects that changed, and whatever pointed at a subject that is gone. */
    private static Collection<Node> focusNodes(DatasetGraph dsg, List<Quad> added, List<Quad> deleted) {
        Set<Node> focus = new LinkedHashSet<>();
        added.forEach(q -> focus.add(q.getSubject()));
        for (Quad q : deleted) {
            Node s = q.getSubject();
            if (dsg.find(Node.ANY, s, Node.ANY, Node.ANY).hasNext())
                focus.add(s);
            else
                dsg.find(Node.ANY, Node.ANY, Node.ANY, s).forEachRemaining(r -> focus.add(r.getSubject()));
        }
        return focus;
    }

    private static String whereOf(DatasetGraph dsg, Node focus) {
        var it = dsg.find(Node.ANY, focus, Node.ANY, Node.ANY);
        while (it.hasNext()) {
            Node g = it.next().getGraph();
            if (g.isURI() && g.getURI().startsWith(Namespaces.GRAPH))
                return g.getURI().substring(Namespaces.GRAPH.length());
        }
        return null;
    }

    private static Set<Node> graphsOf(Set<Quad> added, Set<Quad> deleted) {
        Set<Node> out = new LinkedHashSet<>();
        added.forEach(q -> out.add(q.getGraph()));
        deleted.forEach(q -> out.add(q.getGraph()));
        return out;
    }

    private static List<Quad> dataQuads(Set<Quad> quads) {
        List<Quad> out = new ArrayList<>(quads.size());
        for (Quad q : quads)
            if (!ChangeLog.isBookkeeping(q))
                out.add(q);
        return out;
    }

    /** The records and concepts that own the changed subjects ({@code <record>#part} belongs to {@code <record>}). */
    private static Set<Node> owners(List<Quad> added, List<Quad> deleted) {
        Set<Node> out = new LinkedHashSet<>();
        for (List<Quad> quads : List.of(added, deleted))
            for (Quad q : quads) {
                Node s = q.getSubject();
                if (s.isURI() && (s.getURI().startsWith(Namespaces.ID) || s.getURI().startsWith(Namespaces.CONCEPT)))
                    out.add(org.apache.jena.graph.NodeFactory.createURI(RecordId.ownerOf(s)));
            }
        return out;
    }

    /**
     * Fills an empty store with quads exactly as they come (an exact copy of a backup: the change log, the
     * history and the generations are the original's), in one transaction, with the writer's lock held. Not a
     * write of the write path: nothing is validated or logged, and no listener hears of it. A store that holds
     * anything is refused.
     *
     * @param quads gives every quad to the consumer it is handed
     * @return the generation of the copy
     */
    public long fillEmpty(java.util.function.Consumer<java.util.function.Consumer<Quad>> quads) {
        writer.lock();
        try {
            Txn.executeWrite(dataset, () -> {
                if (!dataset.isEmpty())
                    throw new StoreException("An exact copy goes into an empty data directory only; "
                            + store.directory() + " holds a store. Use restore without --exact to make its data graphs as they are in the backup.");
                quads.accept(dataset::add);
            });
            lastGeneration = store.read(ChangeLog::generation);
            return lastGeneration;
        } finally {
            writer.unlock();
        }
    }
}
