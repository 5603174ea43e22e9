package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.StoreReader;

/**
 * Reads one guideline version's statements, criteria and evidence with the {@code sparql/internal/reasoner-*}
 * queries (the version IRI bound as {@code ?version}, used with GRAPH) and compiles them into a
 * {@link CompiledVersion}.
 */
final class VersionCompiler {
    private final QueryLibrary queries;
    private final CaseAttributes attributes;

    VersionCompiler(QueryLibrary queries, CaseAttributes attributes) {
        this.queries = queries;
        this.attributes = attributes;
    }

    CompiledVersion compile(StoreReader r, VersionInfo v) {
        Map<String, Node> bind = Map.of("version", NodeFactory.createURI(v.iri()));
        CriteriaCompiler criteria = new CriteriaCompiler(attributes, v.iri(),
                r.select(queries.get("internal/reasoner-criteria"), bind),
                r.select(queries.get("internal/reasoner-criterion-links"), bind),
                r.select(queries.get("internal/reasoner-criterion-values"), bind));
        Map<String, List<Binding>> evidence = Rows.groupBy(r.select(queries.get("internal/reasoner-evidence"), bind), "statement");
        Concepts concepts = attributes.concepts();
        List<CompiledStatement> out = new ArrayList<>();
        Rows.groupBy(r.select(queries.get("internal/reasoner-statements"), bind), "statement").forEach((iri, rows) -> {
            String root = Rows.first(rows, "criteria");
            CriteriaCompiler.Compiled tree = root == null ? new CriteriaCompiler.Compiled(null, 0) : criteria.compile(root);
            Integer order = Rows.integer(Rows.first(rows, "order"));
            String source = Rows.first(rows, "source");
            out.add(new CompiledStatement(iri, Rows.first(rows, "recommendation"), Rows.first(rows, "recommendationLabel"),
                    v.guidelineId(), v.label(), Rows.first(rows, "section"), Rows.first(rows, "summary"), Rows.first(rows, "quote"),
                    concepts.notationOf(Rows.first(rows, "action")), concepts.notationOf(Rows.first(rows, "modality")),
                    concepts.notationOf(Rows.first(rows, "category")), Rows.first(rows, "categoryBasis"),
                    concepts.notationOf(Rows.first(rows, "strength")), concepts.notationOf(Rows.first(rows, "certainty")),
                    order == null ? Integer.MAX_VALUE : order, tree.root(), tree.slots(),
                    evidence(evidence.getOrDefault(iri, List.of())),
                    source == null ? null : new CompiledStatement.Source(source, Rows.first(rows, "locator"), Rows.first(rows, "document"),
                            Rows.first(rows, "documentTitle"), List.copyOf(Rows.all(rows, "documentLink")),
                            concepts.notationOf(Rows.first(rows, "documentVerification")))));
        });
        out.sort((a, b) -> a.order() != b.order() ? Integer.compare(a.order(), b.order()) : a.iri().compareTo(b.iri()));
        return new CompiledVersion(v.guidelineId(), v.label(), v.iri(), List.copyOf(out), attributes);
    }

    private List<CompiledStatement.Evidence> evidence(List<Binding> rows) {
        Concepts concepts = attributes.concepts();
        List<CompiledStatement.Evidence> out = new ArrayList<>();
        Rows.groupBy(rows.iterator(), "evidence").forEach((iri, b) -> {
            String type = Rows.first(b, "type");
            String kind = type == null ? null : switch (type.substring(type.indexOf('#') + 1)) {
                case "Study" -> "study";
                case "EvidenceSynthesis" -> "synthesis";
                case "Finding" -> "finding";
                case "QualitativeFinding" -> "qualitative-finding";
                default -> null;
            };
            String label = Rows.first(b, "label");
            String studyLabel = Rows.first(b, "studyLabel");
            String finding = null;
            if ("finding".equals(kind)) finding = findingText(b, concepts);
            else if ("qualitative-finding".equals(kind)) finding = Rows.first(b, "summary");
            out.add(new CompiledStatement.Evidence(iri, kind, label != null ? label : studyLabel, finding,
                    concepts.notationOf(Rows.first(b, "verification"))));
        });
        return List.copyOf(out);
    }

    /** A finding's key numbers in words, e.g. "Overall survival: Hazard ratio 1.04 (95% CI 0.81-1.34), p = 0.79". */
    private static String findingText(List<Binding> b, Concepts concepts) {
        StringBuilder sb = new StringBuilder();
        String study = Rows.first(b, "studyLabel");
        if (study != null) sb.append(study).append(" - ");
        String outcome = Rows.first(b, "outcome");
        if (outcome != null) sb.append(concepts.labelOf(outcome)).append(": ");
        FindingNumbers.append(sb, field -> Rows.first(b, field), concepts);
        String subgroup = Rows.first(b, "subgroup");
        if (subgroup != null) sb.append(" [subgroup: ").append(subgroup).append(']');
        return sb.toString().strip();
    }
}
