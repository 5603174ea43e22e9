package org.guidelinekb;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.jena.graph.Node;
import org.apache.jena.sys.JenaSystem;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.load.ContentFile;

import org.guidelinekb.load.BundledContent;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.ContentValidator;
import org.guidelinekb.load.LoadReport;
import org.guidelinekb.load.Ontology;
import org.guidelinekb.reasoner.Reasoner;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.RemoteEndpoints;
import org.guidelinekb.store.RemoteStore;
import org.guidelinekb.store.StampWatcher;
import org.guidelinekb.store.Tdb2Store;
import org.guidelinekb.util.Parallel;
import org.guidelinekb.versioning.VersionWrites;
import org.guidelinekb.versioning.Versions;
import org.guidelinekb.vocab.GKB;

/**
 * The core services over one store, without any transport: what the CLI and the HTTP server both stand on.
 * Built once; holds no mutable state of its own beyond what its services document.
 */
public final class KnowledgeBase implements AutoCloseable {
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final Ontology ontology;
    private final ContentLoader loader;
    private final LoadReport bootstrapReport;
    private final CatalogReader catalog;
    private final Reasoner reasoner;
    private final Versions versions;
    private final List<Consumer<Set<Node>>> changeListeners = new CopyOnWriteArrayList<>();
    private StampWatcher watcher;

    private KnowledgeBase(KnowledgeStore store, QueryLibrary queries, Ontology ontology, boolean loadBundled, int reasonerBudget,
            Consumer<String> progress) {
        this.store = store;
        this.queries = queries;
        this.ontology = ontology;
        this.loader = new ContentLoader(store, queries, new ContentValidator(ontology, queries, store));
        this.bootstrapReport = BundledContent.bootstrap(store, queries, ontology, loader, loadBundled, progress);
        this.catalog = new CatalogReader(store, queries);
        this.reasoner = new Reasoner(store, queries, catalog, reasonerBudget, true);
        this.versions = new Versions(store, queries, catalog, new VersionWrites(store, queries, loader, catalog, this::contentChanged));
        changeListeners.add(reasoner::rebuild);
    }

    /** Opens the configured store; refreshes the ontology graph and loads the bundled content into an empty store. */
    public static KnowledgeBase open(AppConfig config, Consumer<String> progress) {
        // three independent pieces of start-up at once: the ontology and shapes on a thread of their own, the
        // queries on the pool, then the store on this thread (a failure of any one still stops the start). Jena
        // initialises itself first, on this thread: its class initialisers deadlock when threads race through them.
        JenaSystem.init();
        Supplier<Ontology> ontology = Parallel.aside("gkb-ontology", Ontology::load);
        QueryLibrary queries = QueryLibrary.load();
        KnowledgeStore store = openStore(config, queries);
        try {
            KnowledgeBase kb = new KnowledgeBase(store, queries, ontology.get(), config.loadBundled(), config.reasonerCacheVersions(), progress);
            if (config.storeUrl() != null) {
                // other replicas write to the same store: follow their changes
                kb.watcher = new StampWatcher(store, queries, config.refreshMillis(), kb::contentChanged);
                warnUnlessDefaultGraphIsUnion(store, queries, progress);
            }
            return kb;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A set-up check of a remote store, for the operator: it warns, it never stops the start. */
    private static void warnUnlessDefaultGraphIsUnion(KnowledgeStore store, QueryLibrary queries, Consumer<String> progress) {
        try {
            boolean union = store.read(r -> r.ask(queries.get("internal/default-graph-has-content"), Map.of())
                    || !r.ask(queries.get("internal/named-graphs-have-content"), Map.of()));
            if (!union) {
                progress.accept("warning: the store's default graph is not the union of its named graphs, so public SPARQL "
                        + "queries without GRAPH see nothing (Fuseki: --set tdb:unionDefaultGraph=true; docs/deployment.md)");
            }
        } catch (RuntimeException e) {
            progress.accept("warning: could not check whether the store's default graph is the union of its named graphs: " + e.getMessage());
        }
    }

    /**
     * The configured store with only what loading needs (the ontology graph refreshed, the bundled content in an
     * empty store): no reasoner, no catalog, nothing compiled; for {@code gkb load}, whose process ends after the
     * load. The returned loader writes while it validates ({@link ContentLoader#writingWhileValidating}). The caller
     * closes the returned loader's store through {@code store}.
     */
    public static ContentLoader openLoader(AppConfig config, KnowledgeStore store, QueryLibrary queries, Consumer<String> progress) {
        Ontology ontology = Ontology.load();
        ContentLoader loader = new ContentLoader(store, queries, new ContentValidator(ontology, queries, store));
        BundledContent.bootstrap(store, queries, ontology, loader, config.loadBundled(), progress);
        return loader.writingWhileValidating(); // the process only loads: no other write waits for its validation
    }

    /** The configured store, opened as it is: no ontology refresh, no content (restore needs it empty). */
    public static KnowledgeStore openStore(AppConfig config, QueryLibrary queries) {
        return config.storeUrl() != null
                ? new RemoteStore(RemoteEndpoints.of(config.storeUrl(), System.getenv()), queries, config.queryTimeoutSeconds() * 1000L)
                : config.inMemory() ? Tdb2Store.inMemory() : Tdb2Store.open(config.dataDir());
    }

    public KnowledgeStore store() { return store; }
    public QueryLibrary queries() { return queries; }
    public Ontology ontology() { return ontology; }
    public ContentLoader loader() { return loader; }
    public LoadReport bootstrapReport() { return bootstrapReport; }
    public CatalogReader catalog() { return catalog; }
    public Reasoner reasoner() { return reasoner; }
    public Versions versions() { return versions; }

    /** Validates and loads content files, all or nothing, then tells the listeners when something changed. */
    public LoadReport load(List<ContentFile> files, String agent, Consumer<String> progress) {
        LoadReport report = loader.load(files, agent, progress);
        if (report.changed()) {
            Set<Node> graphs = new HashSet<>(List.of(GKB.catalogGraph, GKB.provenanceGraph));
            report.files().stream().filter(f -> !f.status().equals("unchanged")).forEach(f -> graphs.add(GKB.iri(f.graph())));
            contentChanged(graphs);
        }
        return report;
    }

    /**
     * Registers work to run after every write that changed content or a version's status (e.g. rebuilding the
     * reasoner's compiled index). Listeners run on the writing thread, after the write committed.
     */
    public void onContentChanged(Runnable listener) {
        changeListeners.add(graphs -> listener.run());
    }

    /** Called after a change whose graphs are not known (e.g. made through another replica). */
    public void contentChanged() {
        contentChanged(null);
    }

    /** Called by every service after a write that changed content or status; {@code graphs} it touched, or null. */
    public void contentChanged(Set<Node> graphs) {
        changeListeners.forEach(l -> l.accept(graphs));
    }

    @Override
    public void close() {
        if (watcher != null) watcher.close();
        reasoner.close();
        store.close();
    }

    /** The FHIR CPG export over this knowledge base's reasoner, versions and store (the server and the CLI build it alike). */
    public org.guidelinekb.fhir.FhirExport fhirExport() {
        return new org.guidelinekb.fhir.FhirExport(reasoner(), versions(), store(), queries());
    }

    /** The importer of the export's Bundles into this knowledge base. */
    public org.guidelinekb.fhir.FhirImport fhirImport() {
        return new org.guidelinekb.fhir.FhirImport(versions(), reasoner(), store(), queries());
    }
}
