package org.guidelinekb.reasoner;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.apache.jena.graph.Node;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reasoner: maps a patient case to the recommendations of a guideline version that apply, why, and what is
 * missing. The only entry point of this package.
 *
 * <p>Criteria are compiled per version from the RDF into {@link CompiledVersion}s held by an immutable-catalog
 * {@link ReasonerIndex}, which is held in an {@link AtomicReference} and swapped as a whole after a content or status
 * change. The cost of a change follows what changed, not the history (docs/scale.md, "Reasoner"):
 * <ul>
 * <li>start-up reads the catalog and the case attributes and compiles the active versions (in the background when
 *     asked: {@link ReasonerIndex#ready()} says when they are compiled; a request for one compiles it first);</li>
 * <li>after a write, {@link #rebuild(Set)} keeps every compiled version whose graph the write did not touch and
 *     compiles the changed active ones; a write to a shared graph (the ontology, a study, a synthesis, a question) or
 *     an unknown change ({@link #rebuild()}) recompiles the active versions from scratch;</li>
 * <li>any other version (retired, draft) is compiled on first use and kept in a least-recently-used set of at most
 *     {@code budget} versions.</li>
 * </ul>
 * Evaluation with a compiled version is in memory and never touches the store.
 *
 * <pre>
 * Reasoner reasoner = new Reasoner(store, queries, catalogReader);
 * kb.onContentChanged(reasoner::rebuild);
 * Evaluation e = reasoner.evaluate(requestJson);   // {"guideline": "nccn-breast", "version": "2015", "case": {...}}
 * </pre>
 */
public final class Reasoner {
    /** How many versions other than the active ones stay compiled by default (docs/scale.md). */
    public static final int DEFAULT_BUDGET = 4;
    private static final Logger LOG = LoggerFactory.getLogger(Reasoner.class);

    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final CatalogReader catalog;
    private final int budget;
    private final AtomicReference<ReasonerIndex> index = new AtomicReference<>();
    private volatile boolean closing;
    private final boolean compileInBackground;
    private Thread starter;

    /** Builds the first index from the store and compiles the active versions before returning. */
    public Reasoner(KnowledgeStore store, QueryLibrary queries, CatalogReader catalog) {
        this(store, queries, catalog, DEFAULT_BUDGET, false);
    }

    /**
     * Builds the first index from the store: catalog and case attributes now, the active versions now or, with
     * {@code compileInBackground}, on a background thread from {@link #startCompiling()} (a request that needs one
     * first compiles it itself).
     */
    public Reasoner(KnowledgeStore store, QueryLibrary queries, CatalogReader catalog, int budget, boolean compileInBackground) {
        this.store = store;
        this.queries = queries;
        this.catalog = catalog;
        this.budget = budget;
        ReasonerIndex first = store.read(r -> fresh(r, catalog.read(r)));
        index.set(first);
        this.compileInBackground = compileInBackground;
        if (!compileInBackground) compileActive(first);
    }

    /**
     * Starts compiling the active versions on a background thread (once; a no-op when they were compiled before the
     * constructor returned). The server calls it once it listens, so that its own start-up does not share the CPU
     * with the compilation; until then, and while it runs, a request that needs a version compiles it itself.
     */
    public synchronized void startCompiling() {
        if (!compileInBackground || starter != null || closing) return;
        ReasonerIndex first = index.get();
        starter = new Thread(() -> {
            try {
                compileActive(first);
            } catch (RuntimeException e) { // the next request that needs a version compiles it
                LOG.debug("compiling the active versions in the background stopped: {}", e.toString());
            }
        }, "gkb-reasoner-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Stops compiling in the background (after the version being compiled) and waits for it: then the store may close. */
    public void close() {
        Thread t;
        synchronized (this) {
            closing = true;
            t = starter;
        }
        if (t == null) return;
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Recompiles from scratch (an unknown change, e.g. made through another replica). */
    public void rebuild() {
        rebuild(null);
    }

    /**
     * After a write that touched {@code graphs} (null: unknown): a new index that keeps the compiled versions the write
     * did not touch, with the active versions compiled, swapped in atomically.
     */
    public synchronized void rebuild(Set<Node> graphs) {
        ReasonerIndex old = index.get();
        ReasonerIndex next = store.read(r -> {
            Catalog cat = catalog.read(r);
            if (graphs == null || touchesSharedContent(graphs, old.catalog(), cat)) return fresh(r, cat);
            Set<String> changed = new HashSet<>();
            graphs.forEach(g -> { if (g.isURI()) changed.add(g.getURI()); });
            Set<String> catalogued = new HashSet<>();
            cat.guidelines().forEach(g -> g.versions().forEach(v -> catalogued.add(v.iri())));
            CompiledVersions kept = old.compiled().next(budget, activeIris(cat), iri -> catalogued.contains(iri) && !changed.contains(iri));
            return new ReasonerIndex(cat, old.attributes(), kept, compiler(old.attributes()));
        });
        compileActive(next);
        index.set(next);
    }

    /** A new index with nothing compiled: catalog and case attributes read in {@code r}. */
    private ReasonerIndex fresh(StoreReader r, Catalog cat) {
        CaseAttributes attributes = CaseAttributes.read(r, queries);
        return new ReasonerIndex(cat, attributes, new CompiledVersions(budget, activeIris(cat)), compiler(attributes));
    }

    /** Compiles one version in its own store read. */
    private Function<VersionInfo, CompiledVersion> compiler(CaseAttributes attributes) {
        VersionCompiler compiler = new VersionCompiler(queries, attributes);
        return v -> store.read(r -> compiler.compile(r, v));
    }

    private void compileActive(ReasonerIndex ix) {
        for (GuidelineInfo g : ix.catalog().guidelines()) {
            for (VersionInfo v : g.versions()) {
                if (closing) return;
                if (ix.compiled().pinned().contains(v.iri())) ix.version(v);
            }
        }
    }

    private static Set<String> activeIris(Catalog cat) {
        Set<String> out = new HashSet<>();
        cat.guidelines().forEach(g -> g.versions().forEach(v -> { if (v.status().equals("active")) out.add(v.iri()); }));
        return out;
    }

    /**
     * Whether a write touched a graph that compiled versions may read besides their own: anything but a version graph
     * (before or after the write) and the server's bookkeeping graphs (catalog, provenance, feedback, write lock).
     */
    private static boolean touchesSharedContent(Set<Node> graphs, Catalog before, Catalog after) {
        for (Node g : graphs) {
            if (!g.isURI()) return true;
            String iri = g.getURI();
            if (iri.startsWith(GKB.GRAPH) || before.byIri(iri).isPresent() || after.byIri(iri).isPresent()) continue;
            return true;
        }
        return false;
    }

    /** The current index (one consistent state). */
    public ReasonerIndex index() {
        return index.get();
    }

    /** The case-attribute catalogue. */
    public CaseAttributes attributes() {
        return index.get().attributes();
    }

    /** Evaluates a request body {@code {"guideline"?, "version"? | "asOf"?, "case"}}; 400 / 404 as documented. */
    public Evaluation evaluate(JsonNode request) {
        ReasonerIndex ix = index.get();
        return evaluate(ix, EvaluationRequest.parse(request, ix.attributes()));
    }

    /** Evaluates a parsed request against the index it was parsed with. */
    public static Evaluation evaluate(ReasonerIndex ix, EvaluationRequest req) {
        Evaluation e = Evaluator.evaluate(Evaluator.select(ix, req), req.patientCase());
        return new Evaluation(e.evaluatedAgainst(), e.patientCase(), e.results(), req.options());
    }

    /**
     * The status alone of every statement for a request body (the same request, validation and version selection as
     * {@link #evaluate(JsonNode)}; the answer options do not matter): for a caller that only decides, as a CQL engine
     * does with one Boolean per statement, without the explanations a full evaluation computes.
     */
    public Statuses statuses(JsonNode request) {
        ReasonerIndex ix = index.get();
        EvaluationRequest req = EvaluationRequest.parse(request, ix.attributes());
        return Evaluator.statuses(Evaluator.select(ix, req), req.patientCase());
    }

    /**
     * The status alone of every statement of {@code versions} for a case already parsed ({@link PatientCase#of}) against
     * the index they come from: the decision without the request's parsing and validation.
     */
    public static Statuses statuses(List<CompiledVersion> versions, PatientCase c) {
        for (CompiledVersion v : versions) sameCatalogue(v, c);
        return Evaluator.statuses(versions, c);
    }

    /** A case refers to attributes and concepts by their numbers in the catalogue it was parsed against. */
    private static void sameCatalogue(CompiledVersion v, PatientCase c) {
        if (v.program().attributes() != c.attributes()) {
            throw new IllegalArgumentException("the case was parsed against another case-attribute catalogue than " + v.iri() + " was compiled with");
        }
    }

    /** Evaluates one case against one version; the case must have been parsed against the same index. */
    public static Evaluation evaluate(ReasonerIndex ix, VersionInfo version, PatientCase c) {
        CompiledVersion v = ix.version(version);
        sameCatalogue(v, c);
        return Evaluator.evaluate(List.of(v), c);
    }

    /** Evaluates a request body given as JSON text (the API and the CLI); 400 when it is not a JSON object. */
    public Evaluation evaluate(String requestJson) {
        return evaluate(RequestJson.parse(requestJson));
    }

    /** Replays a case given as JSON text. */
    public CaseReplay compare(String requestJson) {
        return compare(RequestJson.parse(requestJson));
    }

    /** Replays a case on two versions: {@code {"guideline", "from", "to", "case"}}. */
    public CaseReplay compare(JsonNode request) {
        ReasonerIndex ix = index.get();
        CompareRequest req = CompareRequest.parse(request, ix.attributes());
        String g = req.guideline();
        if (g == null) {
            if (ix.catalog().guidelines().size() != 1) {
                throw new InvalidInputException("guideline is required when the knowledge base holds "
                        + ix.catalog().guidelines().size() + " guidelines",
                        List.of(new InvalidInputException.FieldError("guideline", "is required", null)));
            }
            g = ix.catalog().guidelines().get(0).id();
        }
        VersionInfo from = ix.catalog().resolve(g, VersionSelector.label(req.from()));
        VersionInfo to = ix.catalog().resolve(g, VersionSelector.label(req.to()));
        return CaseReplay.of(g, from, to, evaluate(ix, from, req.patientCase()), evaluate(ix, to, req.patientCase()));
    }
}
