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
import org.w3id.hikb.http.HealthCheck;
import org.w3id.hikb.http.WebServer;
import org.w3id.hikb.importer.ImportRun;
import org.w3id.hikb.importer.Mapping;
import org.w3id.hikb.importer.Progress;
import org.w3id.hikb.linkeddata.Documents;
import org.w3id.hikb.linkeddata.Harvesting;
import org.w3id.hikb.load.Bundle;
import org.w3id.hikb.load.Loader;
import org.w3id.hikb.search.RecordIndex;
import org.w3id.hikb.search.RecordSearcher;
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
    private RecordIndex index;

    private App(Config config, KnowledgeStore store) {
        this.config = config;
        this.store = store;
        this.writes = new WritePath(store, config.minFreeBytes(), config.autoCompact(), config.autoCompactMinBytes());
        this.loader = new Loader(store, writes);
    }

    public static App open(Config config) {
        return new App(config, KnowledgeStore.open(config.dataDir()));
    }

    public Config config() { return config; }
    public KnowledgeStore store() { return store; }
    public WritePath writes() { return writes; }
    public Loader loader() { return loader; }

    /** The bundle this configuration reads its ontology and data from. */
    public Bundle bundle() {
        return config.bundleDir() == null ? Bundle.locate() : Bundle.at(config.bundleDir());
    }

    /** Loads the bundle's files that changed since they were last loaded. */
    public Loader.Report loadBundle(String agent) {
        return loader.load(bundle().files(), agent);
    }

    /** Imports one source through its mapping, with the search index kept in step batch by batch. */
    public ImportRun.Report importSource(Mapping mapping, Path from, PrintStream progressTo) {
        index();
        Path file = from.resolve(mapping.source().file());
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreException("No such file: " + file + " (the mapping's source.file, relative to " + from + ").");
        }
        Progress progress = progressTo == null ? Progress.silent() : Progress.to(progressTo, mapping.source().id(), size);
        return ImportRun.run(store, writes, mapping, from, progress);
    }

    /**
     * Starts the server on the configured port. A store that is still empty gets the bundled ontology and
     * data first, so the first start needs no other step.
     */
    public WebServer serve() {
        if (loader.storeIsEmpty())
            loadBundle("serve");
        RecordSearcher searcher = new RecordSearcher(index());
        SearchApi search = new SearchApi(store, searcher);
        BearerAuth auth = new BearerAuth(Tokens.from(config.tokensFile()));
        return WebServer.start(config,
                fuseki -> SparqlService.addTo(fuseki, store, config.sparql(), searcher, auth),
                List.of(new AcceptJson(), new SearchPage(search), new HealthCheck(writes), search, new RecordsApi(store, searcher, search),
                        new ConceptsApi(store), new ExportApi(store, searcher, search), new CurationApi(store, writes, auth), new AdminApi(store, writes, auth, this::loadBundle), new ApiDocs(),
                        new UpdateApi(writes, auth, config.sparql().timeout()), new GraphStoreApi(store, writes, auth, config.maxUploadBytes()),
                        new Documents(store, searcher), new Harvesting(store)));
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
            if (index != null) index.close();
        } finally {
            store.close();
        }
    }
}
