package org.w3id.hikb.ops;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.CommitListener;

/**
 * TDB2 compaction as a background job: asked for by an administrator, or by the store itself once its files
 * have grown {@code autoCompact} times since the last compaction (TDB2 keeps the old version of every index
 * block a write changes until then, so a long import would fill the disk). One job runs at a time, in its own
 * thread; no request and no write waits for it to end. Reads go on throughout; writes wait while the data is
 * copied (TDB2 holds them), then go on while the compaction waits for the last slow readers of the old
 * generation.
 *
 * <pre>{@code
 * Compactions.Job job = compactions.request("admin");   // queued, or the one already queued
 * compactions.job(job.id());                            // RUNNING, then DONE with the sizes
 * }</pre>
 */
public final class Compactions implements CommitListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Compactions.class);
    private static final int KEPT = 20;

    public enum State { QUEUED, RUNNING, DONE, FAILED }

    /** One compaction: who asked, when, how it went, the store's size on disk before and after. */
    public record Job(long id, String trigger, State state, Instant requested, Instant started, Instant finished,
                      long bytesBefore, long bytesAfter, String error) {
        Job with(State s, Instant start, Instant end, long before, long after, String err) {
            return new Job(id, trigger, s, requested, start, end, before, after, err);
        }

        public boolean over() { return state == State.DONE || state == State.FAILED; }
    }

    private final KnowledgeStore store;
    private final int autoCompact;
    private final long autoCompactMinBytes;
    private final long minFreeBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "compaction");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Job> jobs = new LinkedHashMap<>();
    private long lastId;
    private Job queued;
    private volatile long bytesAfterLast;

    /**
     * @param autoCompact compact by itself after the write that made the store's files this many times their size
     *                    after the last compaction (and at least {@code autoCompactMinBytes}); 0 never
     * @param minFreeBytes what must stay free on the disk beside the copy a compaction makes
     */
    public Compactions(KnowledgeStore store, int autoCompact, long autoCompactMinBytes, long minFreeBytes) {
        this.store = store;
        this.autoCompact = autoCompact;
        this.autoCompactMinBytes = autoCompactMinBytes;
        this.minFreeBytes = minFreeBytes;
        this.bytesAfterLast = Math.max(0, store.bytesOnDisk());
    }

    /** Asks for a compaction: a new job, or the one already waiting to start (two queued would do the same work). */
    public synchronized Job request(String trigger) {
        if (queued != null) return queued;
        Job job = new Job(++lastId, trigger, State.QUEUED, Instant.now(), null, null, -1, -1, null);
        queued = job;
        remember(job);
        worker.execute(() -> run(job.id()));
        return job;
    }

    /** Compacts now, in this thread (the {@code compact} command, with no server running). */
    public Job runNow(String trigger) {
        Job job;
        synchronized (this) {
            job = new Job(++lastId, trigger, State.QUEUED, Instant.now(), null, null, -1, -1, null);
            remember(job);
        }
        run(job.id());
        return job(job.id());
    }

    public synchronized Job job(long id) { return jobs.get(id); }

    /** The jobs still remembered, newest first. */
    public synchronized List<Job> jobs() {
        List<Job> out = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(out);
        return out;
    }

    /** Whether a compaction is copying or waiting for readers now. */
    public synchronized boolean running() {
        return jobs.values().stream().anyMatch(j -> j.state() == State.RUNNING);
    }

    private void run(long id) {
        Job job;
        synchronized (this) {
            job = jobs.get(id);
            if (queued != null && queued.id() == id) queued = null;
            job = job.with(State.RUNNING, Instant.now(), null, store.bytesOnDisk(), -1, null);
            remember(job);
        }
        try {
            store.compact();
            long after = store.bytesOnDisk();
            bytesAfterLast = after;
            job = job.with(State.DONE, job.started(), Instant.now(), job.bytesBefore(), after, null);
            LOG.info("Compaction {} ({}): {} MiB before, {} MiB after.", id, job.trigger(), job.bytesBefore() >> 20, after >> 20);
        } catch (RuntimeException e) {
            // The store stays as it was, uncompacted; TDB2 removes the partial copy.
            bytesAfterLast = Math.max(bytesAfterLast, job.bytesBefore());
            job = job.with(State.FAILED, job.started(), Instant.now(), job.bytesBefore(), -1, e.toString());
            LOG.error("Compaction {} failed: {}", id, e.toString());
        }
        synchronized (this) {
            remember(job);
        }
    }

    private void remember(Job job) {
        jobs.put(job.id(), job);
        while (jobs.size() > KEPT) jobs.remove(jobs.keySet().iterator().next());
    }

    /** After a write: asks for a compaction when the store has grown enough and the disk has room for the copy. */
    @Override
    public void committed(Commit commit) {
        if (autoCompact <= 0) return;
        long size = store.bytesOnDisk();
        if (size < autoCompactMinBytes || size < autoCompact * bytesAfterLast) return;
        synchronized (this) {
            if (queued != null || running()) return;
        }
        long free = store.freeSpace();
        if (free >= 0 && free < size / autoCompact * 2 + minFreeBytes) {
            LOG.warn("The store has grown to {} MiB but the disk has too little room ({} MiB) to compact it.", size >> 20, free >> 20);
            bytesAfterLast = size;
            return;
        }
        request("auto");
    }

    /** Waits for a running compaction to end (so the store can be closed under it), at most a minute. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(60, TimeUnit.SECONDS))
                LOG.warn("A compaction was still running when the store closed.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() { return "compaction"; }
}
