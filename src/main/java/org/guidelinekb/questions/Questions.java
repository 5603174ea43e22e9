package org.guidelinekb.questions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.catalog.Catalog;
import org.guidelinekb.catalog.CatalogReader;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.KnowledgeStore;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.VersionContentReader;
import org.guidelinekb.vocab.GKB;

/**
 * Clinical questions across guidelines and versions: the question-level comparison ({@link #compare}) and the evidence
 * timeline ({@link #timeline}). A question is named by the last segment of its IRI ({@code id:question/{q}}); an
 * unknown question or version is a {@link NotFoundException}. Each call reads in one store transaction.
 *
 * <pre>
 * QuestionComparison c = questions.compare("mbc-primary-surgery",
 *         List.of(new VersionRef("nccn-breast", "2015"), new VersionRef("nccn-breast", "6.2026")));
 * String note = questions.markdown(c);
 * </pre>
 */
public final class Questions {
    private final KnowledgeStore store;
    private final QueryLibrary queries;
    private final CatalogReader catalog;
    private final VersionContentReader reader;
    private final QuestionComparator comparator = new QuestionComparator();
    private final QuestionMarkdownRenderer markdown = new QuestionMarkdownRenderer();

    public Questions(KnowledgeStore store, QueryLibrary queries, CatalogReader catalog) {
        this.store = Objects.requireNonNull(store);
        this.queries = Objects.requireNonNull(queries);
        this.catalog = Objects.requireNonNull(catalog);
        this.reader = new VersionContentReader(queries);
    }

    public static String iri(String q) {
        return GKB.ID + "question/" + q;
    }

    /** What each of {@code versions} says about question {@code q}. */
    public QuestionComparison compare(String q, List<VersionRef> versions) {
        return store.read(r -> {
            String label = label(r, q);
            Catalog c = catalog.read(r);
            List<EncodedVersion> read = new ArrayList<>();
            for (VersionRef v : versions) read.add(reader.read(r, c.resolve(v.guideline(), VersionSelector.label(v.version()))));
            return comparator.compare(iri(q), label, read, actions(r));
        });
    }

    public String markdown(QuestionComparison c) {
        return markdown.render(c);
    }

    /** The question's publications against {@code versions} (null: every published version in the catalog). */
    public EvidenceTimeline timeline(String q, List<VersionRef> versions) {
        return store.read(r -> {
            label(r, q);
            Catalog c = catalog.read(r);
            List<VersionInfo> chosen = new ArrayList<>();
            if (versions == null) {
                for (GuidelineInfo g : c.guidelines()) g.versions().stream().filter(VersionInfo::isPublished).forEach(chosen::add);
            } else {
                for (VersionRef v : versions) chosen.add(c.resolve(v.guideline(), VersionSelector.label(v.version())));
            }
            List<EvidenceTimeline.VersionPoint> points = new ArrayList<>();
            Map<EvidenceTimeline.VersionPoint, PartialDate> dates = new LinkedHashMap<>();
            for (VersionInfo v : chosen) {
                PartialDate d = versionDate(v);
                var p = new EvidenceTimeline.VersionPoint(v.guidelineId(), v.label(), v.iri(), d == null ? null : d.text(),
                        d == null ? null : d.precision());
                points.add(p);
                if (d != null) dates.put(p, d);
            }
            List<EvidenceTimeline.Publication> placed = new ArrayList<>();
            List<EvidenceTimeline.Undated> undated = new ArrayList<>();
            Map<String, List<String>> citedBy = new HashMap<>();
            var cited = r.select(queries.get("internal/question-cited-evidence"), Map.of("question", GKB.iri(iri(q))));
            while (cited.hasNext()) {
                Binding b = cited.next();
                citedBy.computeIfAbsent(text(b, "study"), k -> new ArrayList<>()).add(text(b, "guidelineId") + "@" + text(b, "versionLabel"));
            }
            var rows = r.select(queries.get("internal/question-publications"), Map.of("question", GKB.iri(iri(q))));
            while (rows.hasNext()) {
                Binding b = rows.next();
                String kind = kind(text(b, "kind"), text(b, "designCode"));
                String evidenceLabel = text(b, "evidenceLabel");
                String label = (evidenceLabel == null ? text(b, "evidence") : evidenceLabel) + " — " + kindWords(kind);
                String issued = text(b, "issued");
                List<String> by = citedBy.getOrDefault(text(b, "evidence"), List.of());
                String link = by.isEmpty() ? "attached" : "cited";
                if (issued == null) {
                    undated.add(new EvidenceTimeline.Undated(text(b, "publication"), label, kind, text(b, "evidence"),
                            text(b, "citation"), text(b, "dateNote"), link, by.isEmpty() ? null : by));
                    continue;
                }
                PartialDate d = PartialDate.parse(issued);
                List<EvidenceTimeline.Position> rel = new ArrayList<>();
                dates.forEach((v, vd) -> rel.add(new EvidenceTimeline.Position(v.guideline(), v.version(), d.relativeTo(vd))));
                placed.add(new EvidenceTimeline.Publication(text(b, "publication"), label, kind, d.text(), d.precision(),
                        text(b, "basis"), text(b, "evidence"), text(b, "citation"), link, by.isEmpty() ? null : by, rel));
            }
            placed.sort((x, y) -> PartialDate.parse(x.date()).first().compareTo(PartialDate.parse(y.date()).first()));
            return new EvidenceTimeline(iri(q), points, placed, undated);
        });
    }

    static PartialDate versionDate(VersionInfo v) {
        if (v.issued() != null) return PartialDate.of(v.issued(), "day");
        if (v.effectiveFrom() != null) return PartialDate.of(v.effectiveFrom(), v.effectiveFromPrecision());
        return null;
    }

    /** "abstract" or "protocol" when the publication says so; else from the design of its study or synthesis. */
    static String kind(String publicationKind, String design) {
        if (publicationKind != null && !publicationKind.equals("article")) return publicationKind;
        if (design == null) return "unknown";
        return switch (design) {
            case "randomised-controlled-trial" -> "randomised-trial";
            case "systematic-review-meta-analysis" -> "meta-analysis";
            case "prospective-registry" -> "registry";
            default -> design;
        };
    }

    static String kindWords(String kind) {
        return switch (kind) {
            case "randomised-trial" -> "randomised trial";
            case "meta-analysis" -> "meta-analysis";
            case "registry" -> "registry";
            case "abstract" -> "conference abstract";
            case "protocol" -> "protocol paper";
            default -> kind;
        };
    }

    private String label(StoreReader r, String q) {
        var rows = r.select(queries.get("internal/question-info"), Map.of("question", GKB.iri(iri(q))));
        if (!rows.hasNext()) throw new NotFoundException("no clinical question '" + q + "'");
        return text(rows.next(), "label");
    }

    private Map<String, QuestionComparator.Action> actions(StoreReader r) {
        Map<String, String> labels = new HashMap<>();
        Map<String, List<String>> ancestors = new HashMap<>();
        var rows = r.select(queries.get("internal/action-concepts"), Map.of());
        while (rows.hasNext()) {
            Binding b = rows.next();
            String code = text(b, "code");
            if (text(b, "label") != null) labels.putIfAbsent(code, text(b, "label"));
            List<String> up = ancestors.computeIfAbsent(code, k -> new ArrayList<>());
            if (text(b, "ancestorCode") != null) up.add(text(b, "ancestorCode"));
        }
        Map<String, QuestionComparator.Action> out = new HashMap<>();
        ancestors.forEach((code, up) -> {
            // the broadest ancestor: the one that has no ancestor itself
            String root = up.stream().filter(a -> ancestors.getOrDefault(a, List.of()).isEmpty()).findFirst().orElse(code);
            out.put(code, new QuestionComparator.Action(code, labels.get(code), root));
        });
        return out;
    }

    private static String text(Binding b, String var) {
        Node n = b.get(var);
        if (n == null) return null;
        return n.isURI() ? n.getURI() : n.isLiteral() ? n.getLiteralLexicalForm() : n.toString();
    }
}
