package org.guidelinekb.versioning;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;

/**
 * Reads the statements of one version from its named graph (sparql/internal/version-*.rq, each with
 * {@code ?version} bound to the version IRI). Runs inside a transaction the caller holds. Linear in the size of the
 * version: every row is placed with a hash-map lookup.
 */
public final class VersionContentReader {
    private final QueryLibrary queries;

    public VersionContentReader(QueryLibrary queries) {
        this.queries = queries;
    }

    /** The curated lineage links stated in the version's graph (sparql/internal/version-lineage.rq). */
    public List<Lineage> lineage(StoreReader r, VersionInfo version) {
        List<Lineage> out = new ArrayList<>();
        var rows = r.select(queries.get("internal/version-lineage"), Map.of("version", GKB.iri(version.iri())));
        while (rows.hasNext()) {
            Binding b = rows.next();
            out.add(new Lineage(iri(b, "link"), iri(b, "kind"), iri(b, "from"), iri(b, "to"), iri(b, "note"), iri(b, "curator"),
                    iri(b, "curatorLabel")));
        }
        return out;
    }

    public EncodedVersion read(StoreReader r, VersionInfo version) {
        Map<String, Node> bind = Map.of("version", GKB.iri(version.iri()));
        Map<String, Builder> byStatement = new LinkedHashMap<>();
        var rows = r.select(queries.get("internal/version-statements"), bind);
        while (rows.hasNext()) {
            Binding b = rows.next();
            String st = iri(b, "statement");
            if (byStatement.containsKey(st)) continue; // a second label of the same node: the first row wins
            byStatement.put(st, new Builder(st, b));
        }
        var values = r.select(queries.get("internal/version-statement-values"), bind);
        while (values.hasNext()) {
            Binding b = values.next();
            Builder s = byStatement.get(iri(b, "statement"));
            if (s == null) continue;
            String v = term(b.get("value"), false);
            switch (b.get("field").getLiteralLexicalForm()) {
                case "quote" -> s.quotes.add(v);
                case "summary" -> s.summaries.add(v);
                case "evidence" -> s.evidence.add(v);
                case "question" -> s.questions.add(v);
                case "citedEvidence" -> s.cited.add(v);
                default -> { }
            }
        }
        Map<String, CriterionBuilder> criteria = new HashMap<>();
        var crit = r.select(queries.get("internal/version-criteria"), bind);
        while (crit.hasNext()) {
            Binding b = crit.next();
            String c = iri(b, "criterion");
            Builder s = byStatement.get(iri(b, "statement"));
            if (s == null || criteria.containsKey(c)) continue;
            CriterionBuilder cb = new CriterionBuilder(c, b);
            criteria.put(c, cb);
            s.criteria.add(cb);
        }
        var links = r.select(queries.get("internal/version-criterion-links"), bind);
        while (links.hasNext()) {
            Binding b = links.next();
            CriterionBuilder cb = criteria.get(iri(b, "criterion"));
            if (cb == null) continue;
            Node target = b.get("target");
            switch (b.get("link").getLiteralLexicalForm()) {
                case "value" -> cb.values.add(term(target, true));
                case "operand" -> cb.operands.add(target);
                case "factor" -> cb.factors.add(target);
                default -> { }
            }
        }
        Map<String, VersionStatement> out = new LinkedHashMap<>();
        for (Builder s : byStatement.values()) {
            VersionStatement vs = s.build(criteria);
            out.putIfAbsent(vs.recommendation(), vs);
        }
        return new EncodedVersion(version, out);
    }

    /** A term for display: an IRI in the code namespace becomes its code (when {@code codes}), a literal its lexical form. */
    static String term(Node n, boolean codes) {
        if (n == null) return null;
        if (n.isURI()) return codes ? code(n.getURI()) : n.getURI();
        if (n.isLiteral()) return n.getLiteralLexicalForm();
        return n.toString();
    }

    /** {@code https://w3id.org/gkb/code/nccn-category/2A} → {@code 2A}; other IRIs unchanged. */
    static String code(String iri) {
        return iri != null && iri.startsWith(GKB.CODE) ? iri.substring(iri.lastIndexOf('/') + 1) : iri;
    }

    private static String iri(Binding b, String var) {
        Node n = b.get(var);
        return n == null ? null : term(n, false);
    }

    private static String code(Binding b, String var) {
        Node n = b.get(var);
        return n == null ? null : term(n, true);
    }

    /** Collects one statement's rows. */
    private static final class Builder {
        final Binding row;
        final String iri;
        final TreeSet<String> quotes = new TreeSet<>();
        final TreeSet<String> summaries = new TreeSet<>();
        final TreeSet<String> evidence = new TreeSet<>();
        final TreeSet<String> questions = new TreeSet<>();
        final TreeSet<String> cited = new TreeSet<>();
        final List<CriterionBuilder> criteria = new ArrayList<>();

        Builder(String iri, Binding row) {
            this.iri = iri;
            this.row = row;
        }

        VersionStatement build(Map<String, CriterionBuilder> all) {
            Map<String, CriterionNode> byKey = new TreeMap<>();
            for (CriterionBuilder c : criteria) byKey.putIfAbsent(c.key(), c.build(all));
            Node root = row.get("criteria");
            CriterionBuilder rootC = root == null ? null : all.get(term(root, false));
            Node order = row.get("displayOrder");
            Integer displayOrder = null;
            if (order != null && order.isLiteral() && order.getLiteralValue() instanceof Number num) {
                displayOrder = num instanceof BigInteger big ? big.intValue() : num.intValue();
            }
            return new VersionStatement(iri, iri(row, "recommendation"), str(row, "recommendationLabel"), iri(row, "section"),
                    str(row, "sectionLabel"), List.copyOf(quotes), List.copyOf(summaries), code(row, "action"), code(row, "modality"),
                    code(row, "category"), str(row, "categoryBasis"), code(row, "strength"), code(row, "certainty"),
                    rootC == null ? null : rootC.key(), java.util.Collections.unmodifiableMap(byKey),
                    List.copyOf(evidence), List.copyOf(questions), iri(row, "sourceDocument"), str(row, "locator"), displayOrder,
                    List.copyOf(cited));
        }

        private static String str(Binding b, String var) {
            Node n = b.get(var);
            return n == null ? null : term(n, false);
        }
    }

    /** Collects one criterion's rows. */
    private static final class CriterionBuilder {
        final String iri;
        final Binding row;
        final TreeSet<String> values = new TreeSet<>();
        final List<Node> operands = new ArrayList<>();
        final List<Node> factors = new ArrayList<>();

        CriterionBuilder(String iri, Binding row) {
            this.iri = iri;
            this.row = row;
        }

        /** The key, or the IRI's last segment when the content gives none. */
        String key() {
            Node k = row.get("key");
            return k != null ? k.getLiteralLexicalForm() : iri.substring(iri.lastIndexOf('/') + 1);
        }

        CriterionNode build(Map<String, CriterionBuilder> all) {
            Node kind = row.get("kind");
            Node label = row.get("label");
            return new CriterionNode(iri, key(), kind == null ? null : kind.getLocalName(), code(row, "attribute"),
                    code(row, "condition"), label == null ? null : label.getLiteralLexicalForm(), List.copyOf(values),
                    keys(operands, all), keys(factors, all));
        }

        private static List<String> keys(List<Node> nodes, Map<String, CriterionBuilder> all) {
            TreeSet<String> out = new TreeSet<>();
            for (Node n : nodes) {
                CriterionBuilder c = n.isURI() ? all.get(n.getURI()) : null;
                out.add(c != null ? c.key() : term(n, false));
            }
            return List.copyOf(out);
        }
    }
}
