package org.w3id.hikb;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.w3id.hikb.api.AcceptJson;
import org.w3id.hikb.api.AdminApi;
import org.w3id.hikb.api.ApiDocs;
import org.w3id.hikb.api.ConceptsApi;
import org.w3id.hikb.api.CurationApi;
import org.w3id.hikb.api.ExportApi;
import org.w3id.hikb.api.RecordsApi;
import org.w3id.hikb.api.SearchApi;
import org.w3id.hikb.auth.BearerAuth;
import org.w3id.hikb.auth.Tokens;
import org.w3id.hikb.config.Config;
import org.w3id.hikb.http.ClientAddress;
import org.w3id.hikb.http.HealthCheck;
import org.w3id.hikb.http.ReadYourWrites;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.importer.ImportRun;
import org.w3id.hikb.importer.Mapping;
import org.w3id.hikb.importer.Progress;
import org.w3id.hikb.importer.SourceFiles;
import org.w3id.hikb.linkeddata.Documents;
import org.w3id.hikb.linkeddata.Harvesting;
import org.w3id.hikb.load.Bundle;
import org.w3id.hikb.load.Loader;
import org.w3id.hikb.ops.Backups;
import org.w3id.hikb.ops.Compactions;
import org.w3id.hikb.replication.Replication;
import org.w3id.hikb.search.RecordIndex;
import org.w3id.hikb.search.RecordSearcher;
import org.w3id.hikb.search.Translations;
import org.w3id.hikb.sparql.GraphStoreApi;
import org.w3id.hikb.sparql.SparqlService;
import org.w3id.hikb.sparql.UpdateApi;
import org.w3id.hikb.store.KnowledgeStore;
import org.w3id.hikb.store.StoreException;
import org.w3id.hikb.web.SearchPage;
import org.w3id.hikb.write.WritePath;

/**
 * The wiring: builds the parts in order and connects them with plain constructors.
 * store -> write path -> loader; the web server reads the store and writes through the write path.
 *
 * <pre>{@code
 * try (App app = App.open(Config.defaults()); WebServer server = app.serve()) { server.join(); }
 * }</pre>
 */
public final class App implements AutoCloseable {
    private final Config config;
    private final KnowledgeStore store;
    private final WritePath writes;
    private final Loader loader;
    private final Compactions compactions;
    private final Replication replication;
    private RecordIndex index;
    private Translations translations;

    private App(Config config, KnowledgeStore store) {
        this.config = config;
        this.store = store;
        this.writes = new WritePath(store, config.minFreeBytes());
        this.compactions = new Compactions(store, config.autoCompact(), config.autoCompactMinBytes(), config.minFreeBytes());
        writes.addListener(compactions);
        this.loader = new Loader(store, writes);
        // Before anything is written: a writer's commits keep their patches for the log, a replica's writes are closed.
        this.replication = Replication.of(config, writes);
    }

    public static App open(Config config) {
        return new App(config, KnowledgeStore.open(config.dataDir()));
    }

    public Config config() { return config; }
    public KnowledgeStore store() { return store; }
    /** The one write path, with the search index already following it, so that no write goes unindexed. */
    public WritePath writes() {
        index();
        return writes;
    }
    /** The bundle loader; it writes through the write path, so the search index is opened first ({@link #writes()}). */
    public Loader loader() {
        index();
        return loader;
    }
    public Compactions compactions() { return compactions; }
    public Replication replication() { return replication; }

    /** The bundle this configuration reads its ontology and data from. */
    public Bundle bundle() {
        return config.bundleDir() == null ? Bundle.locate() : Bundle.at(config.bundleDir());
    }

    /**
     * Makes an empty store an exact copy of a backup ({@link Backups#copyInto}). The search index is not opened
     * for it: the copy is no write its listeners hear of, and the index, opened on the next start, catches up
     * with the copied change log.
     *
     * @return the generation of the copy
     */
    public long copyExact(Path backup, PrintStream progressTo) {
        return Backups.copyInto(writes, backup, progressTo);
    }

    /** Loads the bundle's files that changed since they were last loaded. */
    public Loader.Report loadBundle(String agent) {
        index();
        return loader.load(bundle().files(), agent);
    }

    /** Imports one source through its mapping, with the search index kept in step batch by batch. */
    public ImportRun.Report importSource(Mapping mapping, SourceFiles from, Config.Scope scope, PrintStream progressTo) {
        index();
        long size = from.size(mapping.source().file());
        Progress progress = progressTo == null ? Progress.silent() : Progress.to(progressTo, mapping.source().id(), size);
        return ImportRun.run(store, writes, mapping, from, scope != Config.Scope.ALL, progress);
    }

    /** Imports every bundled mapping from the bundle's own copies of the public sources ({@code data/sources/}). */
    public List<ImportRun.Report> importBundled(Config.Scope scope, PrintStream progressTo) {
        List<ImportRun.Report> reports = new java.util.ArrayList<>();
        if (scope == Config.Scope.CURATED) return reports;
        SourceFiles from = SourceFiles.in(bundle().sources());
        for (Path m : bundle().importMappings()) reports.add(importSource(Mapping.read(m), from, scope, progressTo));
        return reports;
    }

    /**
     * A new store gets the bundled ontology and curated records, then the public records of the configured
     * scope, so that the first start needs no other step. A store that holds anything is left as it is.
     */
    public void fillIfEmpty(PrintStream progressTo) {
        if (!loader.storeIsEmpty()) return;
        long started = System.nanoTime();
        loadBundle("serve");
        if (config.scope() == Config.Scope.CURATED) return;
        if (progressTo != null)
            progressTo.println("First start: importing the " + config.scope().label() + " records of the bundled public sources (once; later starts open the store as it is).");
        List<ImportRun.Report> reports = importBundled(config.scope(), progressTo);
        if (progressTo != null) {
            reports.forEach(r -> progressTo.println(r.summary()));
            progressTo.printf("First start done in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Starts the server on the configured port; a store that is still empty is filled first
     * ({@link #fillIfEmpty}), except on a read replica, which gets everything from the writer's log.
     */
    public WebServer serve() {
        // The index first: it then follows every patch a replica applies from the first one on.
        if (replication.role() == Config.Role.REPLICA) index();
        replication.start();
        if (replication.role() != Config.Role.REPLICA) fillIfEmpty(System.err);
        RecordSearcher searcher = new RecordSearcher(index(), translations());
        SearchApi search = new SearchApi(store, searcher);
        BearerAuth auth = new BearerAuth(Tokens.from(config.tokensFile()));
        return WebServer.start(config,
                fuseki -> {
                    fuseki.addFilter("/*", new ReadYourWrites(writes, replication.role() == Config.Role.REPLICA));
                    SparqlService.addTo(fuseki, store, config.sparql(), searcher, auth, new ClientAddress(config.trustedProxies()));
                },
                List.of(new AcceptJson(), new SearchPage(search), new HealthCheck(writes, compactions, replication), replication, search, new RecordsApi(store, searcher, search),
                        new ConceptsApi(store), new ExportApi(store, searcher, search), new CurationApi(store, writes, auth), new AdminApi(store, writes, compactions, auth, config.maxUploadBytes(), this::loadBundle), new ApiDocs(),
                        new UpdateApi(writes, auth, config.sparql().timeout()), new GraphStoreApi(store, writes, auth, config.maxUploadBytes()),
                        new Documents(store, searcher), new Harvesting(store)));
    }

    /** The dictionaries of query translation, read once from the bundle. */
    public synchronized Translations translations() {
        if (translations == null) {
            translations = Translations.load(bundle().lexicons());
            org.slf4j.LoggerFactory.getLogger(App.class).info("Query translation: {}.", translations.description());
        }
        return translations;
    }

    /**
     * The search index, opened on first use: brought up to the store's generation, then kept there by the
     * write path.
     */
    public synchronized RecordIndex index() {
        if (index == null)
            index = RecordIndex.open(store, writes);
        return index;
    }

    @Override
    public void close() {
        try {
            replication.close();
            compactions.close();
            if (index != null) index.close();
        } finally {
            store.close();
        }
    }
}
