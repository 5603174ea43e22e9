package org.guidelinekb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.load.ContentFile;

import org.guidelinekb.load.BundledContent;
import org.guidelinekb.load.ContentLoader;
import org.guidelinekb.load.ContentValidator;
import org.guidelinekb.load.LoadReport;
import org.guidelinekb.load.Ontology;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.Tdb2Store;

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
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();

    private KnowledgeBase(KnowledgeStore store, boolean loadBundled, Consumer<String> progress) {
        this.store = store;
        this.queries = QueryLibrary.load();
        this.ontology = Ontology.load();
        this.loader = new ContentLoader(store, queries, new ContentValidator(ontology, queries));
        this.bootstrapReport = BundledContent.bootstrap(store, ontology, loader, loadBundled, progress);
        this.catalog = new CatalogReader(store, queries);
    }

    /** Opens the configured store; refreshes the ontology graph and loads the bundled content into an empty store. */
    public static KnowledgeBase open(AppConfig config, Consumer<String> progress) {
        KnowledgeStore store = config.inMemory() ? Tdb2Store.inMemory() : Tdb2Store.open(config.dataDir());
        try {
            return new KnowledgeBase(store, config.loadBundled(), progress);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public KnowledgeStore store() { return store; }
    public QueryLibrary queries() { return queries; }
    public Ontology ontology() { return ontology; }
    public ContentLoader loader() { return loader; }
    public LoadReport bootstrapReport() { return bootstrapReport; }
    public CatalogReader catalog() { return catalog; }

    /** Validates and loads content files, all or nothing, then tells the listeners when something changed. */
    public LoadReport load(List<ContentFile> files, String agent, Consumer<String> progress) {
        LoadReport report = loader.load(files, agent, progress);
        if (report.changed()) contentChanged();
        return report;
    }

    /**
     * Registers work to run after every write that changed content or a version's status (e.g. rebuilding the
     * reasoner's compiled index). Listeners run on the writing thread, after the write committed.
     */
    public void onContentChanged(Runnable listener) {
        changeListeners.add(listener);
    }

    /** Called by every service after a write that changed content or status. */
    public void contentChanged() {
        changeListeners.forEach(Runnable::run);
    }

    @Override
    public void close() {
        store.close();
    }
}
