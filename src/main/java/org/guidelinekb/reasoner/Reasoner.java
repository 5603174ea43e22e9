package org.guidelinekb.reasoner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reasoner: maps a patient case to the recommendations of a guideline version that apply, why, and what is
 * missing. The only entry point of this package.
 *
 * <p>Criteria are compiled once per version from the RDF (at start and after every content or status change, see
 * {@link #rebuild()}) into an immutable {@link ReasonerIndex}, held in an {@link AtomicReference} and swapped as a
 * whole. A request reads the reference once, so its answer comes from one state; evaluation is in memory and never
 * touches the store.
 *
 * <pre>
 * Reasoner reasoner = new Reasoner(store, queries, catalogReader);
 * kb.onContentChanged(reasoner::rebuild);
 * Evaluation e = reasoner.evaluate(requestJson);   // {"guideline": "nccn-breast", "version": "2015", "case": {...}}
 * </pre>
 */
public final class Reasoner {
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final CatalogReader catalog;
    private final AtomicReference<ReasonerIndex> index = new AtomicReference<>();

    /** Builds the first index from the store. */
    public Reasoner(KnowledgeStore store, QueryLibrary queries, CatalogReader catalog) {
        this.store = store;
        this.queries = queries;
        this.catalog = catalog;
        rebuild();
    }

    /** Recompiles every version from one consistent read of the store and swaps the index atomically. */
    public synchronized void rebuild() {
        index.set(store.read(this::compile));
    }

    private ReasonerIndex compile(StoreReader r) {
        Catalog cat = catalog.read(r);
        CaseAttributes attributes = CaseAttributes.read(r, queries);
        VersionCompiler compiler = new VersionCompiler(queries, attributes);
        Map<String, CompiledVersion> versions = new LinkedHashMap<>();
        for (GuidelineInfo g : cat.guidelines()) {
            for (VersionInfo v : g.versions()) versions.put(v.iri(), compiler.compile(r, v));
        }
        return new ReasonerIndex(cat, attributes, Map.copyOf(versions));
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

    /** Evaluates one case against one version; the case must have been parsed against the same index. */
    public static Evaluation evaluate(ReasonerIndex ix, VersionInfo version, PatientCase c) {
        return Evaluator.evaluate(List.of(ix.version(version)), c);
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
