package org.w3id.hikb.store;

import org.apache.jena.query.ReadWrite;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphWrapper;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.tdb2.store.DatasetGraphSwitchable;

/**
 * The store's dataset with every read transaction kept on the TDB2 generation it began on.
 *
 * <p>TDB2 compaction copies the live data to a new generation while readers go on, switches new transactions to
 * it, then waits for the readers still on the old one. Through Jena 5.6's switchable dataset a read that spans
 * the switch ends on the new generation instead, stays open on the old one for ever, and the compaction never
 * finishes. Here a read begins on the generation that is current at that moment and ends on that same one, so
 * a compaction only waits, in its own thread, for the slow readers to leave; no reader waits for it.
 *
 * <p>Writes (and reads that may become writes) go through the switchable dataset as before: while a compaction
 * copies, they wait for it.
 */
final class PinnedReads extends DatasetGraphWrapper {
    private final DatasetGraphSwitchable container;
    private final ThreadLocal<DatasetGraph> pinned = new ThreadLocal<>();

    PinnedReads(DatasetGraphSwitchable container) {
        super(container, container.getContext());
        this.container = container;
    }

    /** The switchable dataset itself: for compaction and closing, never for reading. */
    DatasetGraphSwitchable container() { return container; }

    /**
     * What this thread's read transaction reads: the TDB2 generation it began on, so that queries run on TDB2's
     * own engine with the union default graph; outside a read transaction, the switchable dataset.
     */
    DatasetGraph current() {
        DatasetGraph p = pinned.get();
        return p != null ? p : container;
    }

    @Override
    protected DatasetGraph get() { return current(); }

    @Override
    public void begin(TxnType type) {
        if (type != TxnType.READ) {
            container.begin(type);
            return;
        }
        DatasetGraph generation = container.get();
        // A new generation made by a compaction has a context of its own: it reads the union default graph too.
        if (!generation.getContext().isTrue(TDB2.symUnionDefaultGraph)) generation.getContext().set(TDB2.symUnionDefaultGraph, true);
        generation.begin(type);
        pinned.set(generation);
    }

    @Override
    public void begin(ReadWrite mode) { begin(TxnType.convert(mode)); }

    @Override
    public void begin() { begin(TxnType.READ_PROMOTE); }

    @Override
    public void end() {
        DatasetGraph p = pinned.get();
        if (p == null) {
            container.end();
            return;
        }
        try {
            p.end();
        } finally {
            pinned.remove();
        }
    }
}
