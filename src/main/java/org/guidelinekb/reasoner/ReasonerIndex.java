package org.guidelinekb.reasoner;

import java.util.Map;

import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.VersionInfo;

/**
 * Everything the reasoner answers from, read in one store transaction: the catalog, the case-attribute catalogue and
 * the compiled statements of every version. Immutable; replaced as a whole after a content change, so one answer
 * never mixes two states of the knowledge base.
 *
 * @param versions compiled versions by version IRI
 */
public record ReasonerIndex(Catalog catalog, CaseAttributes attributes, Map<String, CompiledVersion> versions) {

    /** The compiled form of a catalogued version (every catalogued version is compiled). */
    public CompiledVersion version(VersionInfo v) {
        CompiledVersion c = versions.get(v.iri());
        if (c == null) throw new IllegalStateException("version " + v.iri() + " is catalogued but not compiled");
        return c;
    }

    /** The catalog stamp the index was built from (changes with every content or status change). */
    public String stamp() {
        return catalog.stamp();
    }
}
