package org.w3id.hikb.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3id.hikb.records.Record;
import org.w3id.hikb.records.RecordId;
import org.w3id.hikb.records.RecordReader;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.write.Commit;
import org.w3id.hikb.write.CommitListener;
import org.w3id.hikb.write.WritePath;

/**
 * The Lucene index of the records, beside the TDB2 store and always rebuilt from it. Each index commit
 * records the store generation it reflects. It follows the change log by generation, in a thread of its own:
 * a store commit only tells it to catch up, and it does so with the same code at start (where it catches up on
 * whatever it missed, a crash between the two commits say) as while serving; it rebuilds itself when it is
 * missing, newer than the store, or built with other analysis. {@link #await} lets a reader wait until it
 * reflects a given generation.
 */
public final class RecordIndex implements CommitListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RecordIndex.class);
    /** Bump when the document layout or analysis changes: the index is then rebuilt at the next start. */
    static final String SCHEMA = "11";
    private static final String GENERATION = "generation";
    private static final String SCHEMA_KEY = "schema";
    private static final String COMPOUNDS = "compounds";

    private final KnowledgeStore store;
    private final WritePath writes;
    private final Directory directory;
    private final FacetsConfig facetsConfig = newFacetsConfig();
    private volatile Analysis analysis;
    private IndexWriter writer;
    private volatile SearcherManager searchers;
    private volatile FacetState facetState;
    private volatile long generation;
    /** The generation the follower last failed to reach (0: none): a reader waiting for it is told at once. */
    private volatile long failedAt;
    private final Object progress = new Object();
    private final ConcurrentLinkedQueue<Commit> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ExecutorService follower = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "index follower");
        t.setDaemon(true);
        return t;
    });

    /** What the index analyses with; replaced together when the vocabularies change. */
    record Analysis(Analyzers analyzers, CompoundWords compounds, Lexicon lexicon) {}

    private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

    private RecordIndex(KnowledgeStore store, WritePath writes, Directory directory) {
        this.store = store;
        this.writes = writes;
        this.directory = directory;
    }

    /** Opens the index of the store, brings it up to the store's generation and keeps it there. */
    public static RecordIndex open(KnowledgeStore store, WritePath writes) {
        try {
            RecordIndex index = new RecordIndex(store, writes, FSDirectory.open(store.indexDirectory()));
            index.analysis = index.readAnalysis();
            index.openWriter();
            index.catchUpOrRebuild();
            writes.addListener(index);
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the search index in " + store.indexDirectory() + ": " + e.getMessage(), e);
        }
    }

    private static FacetsConfig newFacetsConfig() {
        FacetsConfig c = new FacetsConfig();
        for (Facet f : Facet.values())
            if (f.indexed()) c.setMultiValued(f.dimension(), true);
        return c;
    }

    private Analysis readAnalysis() {
        return store.read(dsg -> {
            CompoundWords compounds = CompoundWords.fromStore(dsg);
            Analyzers analyzers = new Analyzers(compounds);
            return new Analysis(analyzers, compounds, Lexicon.fromStore(dsg, analyzers));
        });
    }

    private void openWriter() throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analysis.analyzers().forIndexing())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCommitOnClose(false);
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, null);
    }

    private void catchUpOrRebuild() throws IOException {
        Map<String, String> committed = committedUserData();
        long storeGeneration = writes.generation();
        String reason = null;
        if (committed.isEmpty()) reason = "there is no index yet";
        else if (!SCHEMA.equals(committed.get(SCHEMA_KEY))) reason = "the index layout changed";
        else if (!analysis.compounds().fingerprint().equals(committed.get(COMPOUNDS))) reason = "the compound word lists changed";
        else if (Long.parseLong(committed.getOrDefault(GENERATION, "-1")) > storeGeneration) reason = "the index is newer than the store";
        if (reason != null) {
            LOG.info("Rebuilding the search index: {}.", reason);
            rebuild();
            return;
        }
        generation = Long.parseLong(committed.get(GENERATION));
        if (generation < storeGeneration) {
            LOG.info("The search index is at generation {}, the store at {}: catching up.", generation, storeGeneration);
            catchUp(storeGeneration, null);
        }
    }

    private Map<String, String> committedUserData() throws IOException {
        if (!DirectoryReader.indexExists(directory)) return Map.of();
        try (DirectoryReader r = DirectoryReader.open(directory)) {
            return r.getIndexCommit().getUserData();
        }
    }

    /** The store generation the index reflects. */
    public long generation() { return generation; }

    /** A store commit: noted, and followed in the index's own thread. */
    @Override
    public void committed(Commit commit) {
        pending.add(commit);
        if (scheduled.compareAndSet(false, true)) follower.execute(this::follow);
    }

    /** Brings the index to the last generation noted: the commits' own lists of what they touched when none is missing. */
    private void follow() {
        scheduled.set(false);
        List<Commit> commits = new ArrayList<>();
        for (Commit c; (c = pending.poll()) != null; ) commits.add(c);
        if (commits.isEmpty()) return;
        long target = commits.stream().mapToLong(Commit::generation).max().getAsLong();
        try {
            catchUp(target, commits);
        } catch (RuntimeException | IOException e) {
            // The store has committed and is the source of truth: the next commit, or the next start, catches up
            // from the change log. Whoever waits for this generation is told now, not at the end of its wait.
            LOG.error("The search index could not follow the store to generation {}: {}", target, e.toString());
            failedAt = target;
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /**
     * Re-indexes what the writes after the index's generation touched, up to {@code target}: from the commits
     * themselves when they are all there, in order, else from the change log. The same at start and while serving.
     */
    private synchronized void catchUp(long target, List<Commit> commits) throws IOException {
        if (target <= generation) return;
        Set<Node> affected = null;
        if (commits != null) {
            commits.sort(Comparator.comparingLong(Commit::generation));
            long expected = generation + 1;
            Set<Node> union = new LinkedHashSet<>();
            for (Commit c : commits) {
                if (c.generation() < expected) continue;
                if (c.generation() != expected) { union = null; break; }
                union.addAll(c.affected());
                expected++;
            }
            if (union != null && expected - 1 == target) affected = union;
        }
        if (affected == null) affected = writes.affectedSince(generation);
        if (affected.stream().anyMatch(Lexicon::isOwn) || affected.stream().anyMatch(RecordIndex::isEuroVoc))
            refreshAnalysis();
        apply(affected, target);
    }

    /**
     * Waits until the index reflects {@code generation} (or a later one), at most {@code timeout}; whether it does.
     * If the follower has failed to reach it, at once: no write waits out the timeout behind a broken index.
     */
    @Override
    public boolean await(long generation, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (this.generation < generation) {
                if (failedAt >= generation) return false;
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                try {
                    progress.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isEuroVoc(Node n) {
        return n.isURI() && n.getURI().startsWith(Lexicon.EUROVOC);
    }

    /** New labels: a new lexicon, and a full rebuild if the compound word lists changed with them. */
    private void refreshAnalysis() throws IOException {
        Analysis fresh = readAnalysis();
        boolean compoundsChanged = !fresh.compounds().fingerprint().equals(analysis.compounds().fingerprint());
        analysis = fresh;
        if (compoundsChanged) {
            // Searches go on over the old snapshot until the rebuilt index is committed.
            SearcherManager old = searchers;
            writer.rollback();
            openWriter();
            old.close();
            rebuild();
        }
    }

    /** Re-indexes every record the changes touched, and every record that names one of them; then commits. */
    private void apply(Set<Node> affected, long toGeneration) throws IOException {
        if (toGeneration <= generation) return;
        store.read(dsg -> {
            RecordReader reader = new RecordReader(dsg);
            RecordDocuments documents = new RecordDocuments(facetsConfig);
            for (Node n : withReferrers(dsg, affected))
                RecordId.of(n).filter(id -> id.type().searchable()).ifPresent(id -> reindex(id, reader, documents, dsg));
            return null;
        });
        commit(toGeneration);
    }

    private static Set<Node> withReferrers(DatasetGraph dsg, Set<Node> nodes) {
        Set<Node> out = new LinkedHashSet<>(nodes);
        for (Node n : nodes)
            dsg.find(Node.ANY, Node.ANY, Node.ANY, n).forEachRemaining(q -> {
                Node s = q.getSubject();
                if (s.isURI()) RecordId.ofUri(s.getURI().split("#", 2)[0]).ifPresent(id -> out.add(id.node()));
            });
        return out;
    }

    private void reindex(RecordId id, RecordReader reader, RecordDocuments documents, DatasetGraph dsg) {
        Term key = new Term(Fields.ID, id.uri());
        try {
            Optional<Record> record = reader.read(id);
            if (record.isPresent()) writer.updateDocument(key, documents.build(record.get(), dsg));
            else writer.deleteDocuments(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // One record the index cannot read must not stop the index from following the store: it is left out
            // of search (still served by SPARQL and its page), and said so in the log.
            LOG.error("The record {} could not be indexed and is left out of search: {}", id.uri(), e.toString());
            try {
                writer.deleteDocuments(key);
            } catch (IOException io) {
                throw new UncheckedIOException(io);
            }
        }
    }

    /** Throws the index away and indexes every searchable record of the store again, in one index commit. */
    public synchronized void rebuild() {
        try {
            long storeGeneration = writes.generation();
            writer.deleteAll();
            store.read(dsg -> {
                RecordReader reader = new RecordReader(dsg);
                RecordDocuments documents = new RecordDocuments(facetsConfig);
                reader.forEachSearchable(id -> reindex(id, reader, documents, dsg));
                return null;
            });
            commit(storeGeneration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void commit(long toGeneration) throws IOException {
        writer.setLiveCommitData(Map.of(
                GENERATION, Long.toString(toGeneration),
                SCHEMA_KEY, SCHEMA,
                COMPOUNDS, analysis.compounds().fingerprint()).entrySet());
        writer.commit();
        searchers.maybeRefreshBlocking();
        generation = toGeneration;
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    Analysis analysis() { return analysis; }
    FacetsConfig facetsConfig() { return facetsConfig; }

    /** A search on one snapshot; Lucene's reads throw {@link IOException}, which {@link #search} turns unchecked once. */
    @FunctionalInterface
    interface SnapshotSearch<T> {
        T on(Snapshot snapshot) throws IOException;
    }

    /** Runs a search on the current index snapshot. */
    <T> T search(SnapshotSearch<T> action) {
        try {
            SearcherManager manager = searchers;
            IndexSearcher s;
            try {
                s = manager.acquire();
            } catch (AlreadyClosedException e) {
                manager = searchers; // replaced by a rebuild in the meantime
                s = manager.acquire();
            }
            try {
                return action.on(new Snapshot(s, facetState(s.getIndexReader()), analysis));
            } finally {
                manager.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One consistent view: a searcher, its facet state (null for an empty index) and the analysis. */
    record Snapshot(IndexSearcher searcher, SortedSetDocValuesReaderState facets, Analysis analysis) {}

    private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
        FacetState current = facetState;
        if (current != null && current.reader() == reader) return current.state();
        synchronized (this) {
            if (facetState != null && facetState.reader() == reader) return facetState.state();
            SortedSetDocValuesReaderState state = reader.numDocs() == 0 ? null : new DefaultSortedSetDocValuesReaderState(reader, facetsConfig);
            facetState = new FacetState(reader, state);
            return state;
        }
    }

    /** The ids of every indexed record: for checking that the index agrees with the store. */
    public List<String> indexedIds() {
        return search(snap -> {
            List<String> ids = new ArrayList<>();
            try {
                IndexReader r = snap.searcher().getIndexReader();
                var stored = r.storedFields();
                var live = MultiBits.getLiveDocs(r);
                for (int i = 0; i < r.maxDoc(); i++)
                    if (live == null || live.get(i)) ids.add(stored.document(i).get(Fields.ID));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return ids;
        });
    }

    /** Lets the follower finish what it was told (at most two minutes), then closes the index. */
    @Override
    public void close() {
        follower.shutdown();
        try {
            if (!follower.awaitTermination(2, TimeUnit.MINUTES))
                LOG.warn("The search index was still following the store when it closed; the next start catches up.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeIndex();
    }

    private synchronized void closeIndex() {
        try {
            searchers.close();
            writer.rollback(); // everything worth keeping is committed
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path path() { return store.indexDirectory(); }
}
