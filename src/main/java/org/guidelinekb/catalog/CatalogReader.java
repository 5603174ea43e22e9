package org.guidelinekb.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;

/** Reads the catalog graph into a {@link Catalog} snapshot (sparql/internal/catalog-*.rq). */
public final class CatalogReader {
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    /** The snapshot of the stamp last read (null before the first read). */
    private volatile Catalog last;

    public CatalogReader(KnowledgeStore store, QueryLibrary queries) {
        this.store = store;
        this.queries = queries;
    }

    /** A consistent snapshot of the catalog, read in one transaction. */
    public Catalog snapshot() {
        return store.read(this::read);
    }

    /**
     * Reads the catalog inside a transaction the caller already holds. Every write of the catalog sets a new stamp
     * ({@code ContentLoader.newStamp}), so while the stamp is the one last read, the last snapshot is returned: one
     * small query instead of reading every version of every guideline on each request.
     */
    public Catalog read(StoreReader r) {
        var stampRows = r.select(queries.get("internal/catalog-stamp"), Map.of());
        String stamp = stampRows.hasNext() ? str(stampRows.next(), "stamp") : "";
        Catalog last = this.last;
        if (last != null && !stamp.isEmpty() && stamp.equals(last.stamp())) return last;
        Catalog fresh = readAll(r, stamp);
        this.last = fresh;
        return fresh;
    }

    private Catalog readAll(StoreReader r, String stamp) {
        Map<String, List<CoverageItem>> coverage = new LinkedHashMap<>();
        var cov = r.select(queries.get("internal/catalog-coverage"), Map.of());
        while (cov.hasNext()) {
            Binding b = cov.next();
            coverage.computeIfAbsent(str(b, "version"), k -> new ArrayList<>())
                    .add(new CoverageItem(str(b, "item"), str(b, "section"), str(b, "label"), str(b, "locator")));
        }
        Map<String, GuidelineInfo> guidelines = new LinkedHashMap<>();
        Map<String, List<VersionInfo>> versions = new LinkedHashMap<>();
        var rows = r.select(queries.get("internal/catalog-versions"), Map.of());
        while (rows.hasNext()) {
            Binding b = rows.next();
            String gid = str(b, "gid");
            guidelines.putIfAbsent(gid, new GuidelineInfo(gid, str(b, "guideline"), str(b, "title"), str(b, "gpublisher"), List.of()));
            String vIri = str(b, "version");
            versions.computeIfAbsent(gid, k -> new ArrayList<>()).add(new VersionInfo(gid, str(b, "guideline"), str(b, "label"), vIri,
                    local(str(b, "status")), date(str(b, "issued")), date(str(b, "effective")),
                    str(b, "precision") == null ? "day" : str(b, "precision"), str(b, "previous"), str(b, "publisher"),
                    List.copyOf(coverage.getOrDefault(vIri, List.of()))));
        }
        List<GuidelineInfo> out = new ArrayList<>();
        guidelines.forEach((id, g) -> {
            List<VersionInfo> vs = new ArrayList<>(versions.getOrDefault(id, List.of()));
            vs.sort(Comparator.comparing(VersionInfo::effectiveFrom, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(VersionInfo::label));
            out.add(new GuidelineInfo(g.id(), g.iri(), g.title(), g.publisher(), List.copyOf(vs)));
        });
        out.sort(Comparator.comparing(GuidelineInfo::id));
        return new Catalog(List.copyOf(out), stamp);
    }

    private static String str(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }

    private static String local(String iri) {
        return iri == null ? null : iri.substring(iri.lastIndexOf('/') + 1);
    }

    private static LocalDate date(String s) {
        if (s == null || s.length() < 10) return null;
        try {
            return LocalDate.parse(s.substring(0, 10));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
