package org.guidelinekb.reasoner;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;

/**
 * Everything the reasoner answers from for one state of the knowledge base: the catalog, the case-attribute
 * catalogue and the compiled versions. The catalog and attributes are immutable; the compiled versions are the
 * active ones (compiled at start and after a write that changed them) plus, within a bounded budget, the others that
 * were asked for (compiled on first use). Replaced as a whole after a content change.
 */
public final class ReasonerIndex {
    private final Catalog catalog;
    private final CaseAttributes attributes;
    private final CompiledVersions compiled;
    private final Function<VersionInfo, CompiledVersion> compiler;
    private volatile List<VersionInfo> current; // the catalog's current versions, resolved on first use
    private volatile List<CompiledVersion> currentCompiled; // their compiled forms, once every one is compiled

    ReasonerIndex(Catalog catalog, CaseAttributes attributes, CompiledVersions compiled, Function<VersionInfo, CompiledVersion> compiler) {
        this.catalog = catalog;
        this.attributes = attributes;
        this.compiled = compiled;
        this.compiler = compiler;
    }

    public Catalog catalog() {
        return catalog;
    }

    public CaseAttributes attributes() {
        return attributes;
    }

    /**
     * The versions a selector names, one per guideline that has one, in guideline order. The current (active)
     * versions, what most requests ask for, are resolved once per index: the catalog does not change within it.
     */
    public List<VersionInfo> resolveAll(VersionSelector selector) {
        if (!VersionSelector.CURRENT.equals(selector)) return catalog.resolveAll(selector);
        List<VersionInfo> c = current;
        if (c == null) current = c = catalog.resolveAll(selector);
        return c;
    }

    /**
     * The compiled forms of the current (active) versions, in guideline order: what a request without guideline and
     * version evaluates against. Kept once every one is compiled: active versions stay compiled for the index's life.
     */
    public List<CompiledVersion> currentVersions() {
        List<CompiledVersion> c = currentCompiled;
        if (c != null) return c;
        List<VersionInfo> all = resolveAll(VersionSelector.CURRENT);
        List<CompiledVersion> out = new java.util.ArrayList<>(all.size());
        boolean pinned = true;
        for (VersionInfo v : all) {
            out.add(version(v));
            pinned &= compiled.pinned().contains(v.iri());
        }
        c = List.copyOf(out);
        if (pinned) currentCompiled = c;
        return c;
    }

    /** The compiled form of a catalogued version: held, or compiled now (from the store) and kept within the budget. */
    public CompiledVersion version(VersionInfo v) {
        return compiled.get(v.iri(), iri -> compiler.apply(v));
    }

    /** The versions compiled now, by version IRI (a snapshot; versions not yet asked for are not in it). */
    public Map<String, CompiledVersion> versions() {
        return compiled.snapshot();
    }

    /** Whether the version is compiled now (no store read needed to answer with it). */
    public boolean isCompiled(String versionIri) {
        return compiled.holds(versionIri);
    }

    /** Whether every active version is compiled: the first answers need nothing more (readiness). */
    public boolean ready() {
        return activeCompiledCount() == activeCount();
    }

    /** The number of active versions. */
    public int activeCount() {
        return compiled.pinned().size();
    }

    /** The number of active versions compiled now. */
    public int activeCompiledCount() {
        int n = 0;
        for (String iri : compiled.pinned()) {
            if (compiled.holds(iri)) n++;
        }
        return n;
    }

    /** How many versions other than the active ones are compiled now (never more than the budget). */
    public int retainedCount() {
        return compiled.unpinnedCount();
    }

    CompiledVersions compiled() {
        return compiled;
    }

    /** The catalog stamp the index was built from (changes with every content or status change). */
    public String stamp() {
        return catalog.stamp();
    }
}
