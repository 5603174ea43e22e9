package org.guidelinekb.versioning;

import java.util.List;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.vocab.GKB;

/**
 * Guideline versions, the core service behind the version API and {@code gkb diff}: reading a version chosen by
 * label, date ({@code asOf}) or as the current one; comparing two versions; a recommendation's history; and the
 * lifecycle writes ({@link #writes()}). Every read runs in one store transaction, so it sees one state.
 *
 * <pre>
 * GuidelineDiff d = kb.versions().compare("nccn-breast", VersionSelector.label("2015"), VersionSelector.label("6.2026"));
 * String note = kb.versions().markdown(d);
 * </pre>
 */
public final class Versions {
    private final KnowledgeStore store;
    private final CatalogReader catalog;
    private final VersionContentReader reader;
    private final VersionWrites writes;
    private final VersionComparator comparator = new VersionComparator();
    private final MarkdownDiffRenderer markdown = new MarkdownDiffRenderer();
    private final RdfPatchRenderer patch = new RdfPatchRenderer();
    private final StatementHistory history = new StatementHistory();

    public Versions(KnowledgeStore store, QueryLibrary queries, CatalogReader catalog, VersionWrites writes) {
        this.store = Objects.requireNonNull(store);
        this.catalog = Objects.requireNonNull(catalog);
        this.reader = new VersionContentReader();
        this.writes = Objects.requireNonNull(writes);
    }

    public VersionWrites writes() {
        return writes;
    }

    /** A snapshot of the catalog: every guideline with its versions. */
    public Catalog catalog() {
        return catalog.snapshot();
    }

    /** One version with its statements; NotFoundException when the selector matches none. */
    public EncodedVersion version(String guideline, VersionSelector selector) {
        return store.read(r -> reader.read(r, catalog.read(r).resolve(guideline, selector)));
    }

    /** The clinical comparison of two versions of one guideline. */
    public GuidelineDiff compare(String guideline, VersionSelector from, VersionSelector to) {
        return store.read(r -> {
            Catalog c = catalog.read(r);
            return comparator.compare(reader.read(r, c.resolve(guideline, from)), reader.read(r, c.resolve(guideline, to)));
        });
    }

    /** The triple-level delta between two versions' graphs as an RDF Patch (see {@link RdfPatchRenderer}). */
    public String rdfPatch(String guideline, VersionSelector from, VersionSelector to) {
        return store.read(r -> {
            Catalog c = catalog.read(r);
            VersionInfo a = c.resolve(guideline, from);
            VersionInfo b = c.resolve(guideline, to);
            Graph ga = r.graph(GKB.iri(a.iri()));
            Graph gb = r.graph(GKB.iri(b.iri()));
            return patch.render(a.iri(), ga, b.iri(), gb);
        });
    }

    /** The comparison as a Markdown committee note. */
    public String markdown(GuidelineDiff diff) {
        return markdown.render(diff);
    }

    /**
     * The history of recommendation {@code id:guideline/{guideline}/recommendation/{rec}} over the guideline's
     * published versions (and drafts when asked), oldest effective first.
     */
    public RecommendationHistory history(String guideline, String rec, boolean includeDrafts) {
        String iri = GKB.ID + "guideline/" + guideline + "/recommendation/" + rec;
        return store.read(r -> {
            GuidelineInfo g = catalog.read(r).guideline(guideline);
            List<EncodedVersion> versions = g.versions().stream()
                    .filter(v -> includeDrafts || v.isPublished())
                    .map(v -> reader.read(r, v)).toList();
            return history.build(iri, guideline + "/" + rec, versions);
        });
    }
}
