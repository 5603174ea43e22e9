package org.guidelinekb.versioning;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.StoreReader;
import org.guidelinekb.vocab.GKB;

/**
 * Reads the statements of one version from its named graph in one streaming pass over the graph's triples
 * ({@link StoreReader#forEachTriple}), grouped by subject, then assembled in memory: no query per statement or per
 * field. Runs inside a transaction the caller holds. Linear in the size of the version. What it reads is what
 * {@code sparql/internal/version-*.rq} describe (the same rules, applied to the triples in Java): statements are the
 * nodes typed {@code gkb:Statement} with a {@code gkb:recommendation}, in display order (unordered first), then IRI
 * order; a statement's criteria are the nodes reachable from its {@code gkb:criteria} through {@code gkb:operand} and
 * {@code gkb:factor}; a criterion shared by two statements belongs to the first in IRI order.
 */
public final class VersionContentReader {
    private static final Node STATEMENT = GKB.term("Statement");
    private static final Node RECOMMENDATION = GKB.term("recommendation");
    private static final Node CRITERIA = GKB.term("criteria");
    private static final Node OPERAND = GKB.term("operand");
    private static final Node FACTOR = GKB.term("factor");
    private static final Node VALUE = GKB.term("value");
    private static final Node KEY = GKB.term("key");
    private static final Node DISPLAY_ORDER = GKB.term("displayOrder");
    private static final Node SOURCE = GKB.term("source");
    private static final Node DOCUMENT = GKB.term("document");
    private static final Node LOCATOR = GKB.term("locator");
    private static final Node LABEL = RDFS.label.asNode();
    private static final Node TYPE = RDF.type.asNode();
    private static final java.util.Set<Node> KINDS = java.util.Set.of(GKB.term("AllOf"), GKB.term("AnyOf"), GKB.term("Not"),
            GKB.term("AttributeCriterion"), GKB.term("JudgementCriterion"));
    /** The multi-valued statement fields and their properties. */
    private static final Map<String, Node> VALUES = Map.of("quote", GKB.term("quote"), "summary", GKB.term("summary"),
            "evidence", GKB.term("evidence"), "question", GKB.term("addressesQuestion"), "citedEvidence", GKB.term("citedEvidence"));
    private static final Comparator<Node> TERM_ORDER = Comparator.comparing(n -> term(n, false));

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
        Map<Node, Map<Node, List<Node>>> bySubject = new HashMap<>();
        r.forEachTriple(GKB.iri(version.iri()), t -> bySubject.computeIfAbsent(t.getSubject(), k -> new HashMap<>())
                .computeIfAbsent(t.getPredicate(), k -> new ArrayList<>(1)).add(t.getObject()));
        Subjects g = new Subjects(bySubject);

        List<Node> statements = new ArrayList<>();
        bySubject.forEach((node, props) -> {
            if (props.getOrDefault(TYPE, List.of()).contains(STATEMENT) && props.containsKey(RECOMMENDATION)) statements.add(node);
        });
        statements.sort(TERM_ORDER);                         // the criteria go to the first statement in IRI order
        Map<String, CriterionBuilder> criteria = new HashMap<>();
        Map<Node, Builder> builders = new HashMap<>();
        for (Node st : statements) {
            Builder b = new Builder(term(st, false), g, st);
            builders.put(st, b);
            for (Node c : reachableCriteria(g, st)) {
                String c0 = term(c, false);
                if (criteria.containsKey(c0)) continue;
                CriterionBuilder cb = new CriterionBuilder(c0, g, c);
                criteria.put(c0, cb);
                b.criteria.add(cb);
            }
        }
        for (Builder b : builders.values()) {
            b.criteria.sort(Comparator.comparing((CriterionBuilder c) -> c.keyLiteral == null ? "" : c.keyLiteral,
                    (x, y) -> x.isEmpty() != y.isEmpty() ? (x.isEmpty() ? -1 : 1) : x.compareTo(y)).thenComparing(c -> c.iri));
        }
        statements.sort(Comparator.comparing((Node st) -> builders.get(st).displayOrder(), Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(TERM_ORDER));
        Map<String, VersionStatement> out = new LinkedHashMap<>();
        for (Node st : statements) {
            VersionStatement vs = builders.get(st).build(criteria);
            out.putIfAbsent(vs.recommendation(), vs);
        }
        return new EncodedVersion(version, out);
    }

    /** The criteria under a statement: its roots and every node reached through operands and factors, each once. */
    private static List<Node> reachableCriteria(Subjects g, Node statement) {
        List<Node> out = new ArrayList<>();
        java.util.Set<Node> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(g.all(statement, CRITERIA));
        while (!todo.isEmpty()) {
            Node c = todo.pop();
            if (!seen.add(c)) continue;
            out.add(c);
            todo.addAll(g.all(c, OPERAND));
            todo.addAll(g.all(c, FACTOR));
        }
        return out;
    }

    /** The grouped triples of one version graph. */
    private record Subjects(Map<Node, Map<Node, List<Node>>> bySubject) {
        List<Node> all(Node s, Node p) {
            Map<Node, List<Node>> props = bySubject.get(s);
            return props == null ? List.of() : props.getOrDefault(p, List.of());
        }

        /** One value (the least in term order when the content gives several), or null. */
        Node one(Node s, Node p) {
            List<Node> vs = all(s, p);
            if (vs.isEmpty()) return null;
            return vs.size() == 1 ? vs.get(0) : vs.stream().min(TERM_ORDER).orElseThrow();
        }
    }

    /** A term for display: an IRI in the code namespace becomes its code (when {@code codes}), a literal its lexical form. */
    private static String iri(Binding b, String var) {
        Node n = b.get(var);
        return n == null ? null : term(n, false);
    }

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

    private static String str(Node n) {
        return n == null ? null : term(n, false);
    }

    private static String codeOf(Node n) {
        return n == null ? null : term(n, true);
    }

    /** Collects one statement. */
    private static final class Builder {
        final String iri;
        final Subjects g;
        final Node node;
        final List<CriterionBuilder> criteria = new ArrayList<>();

        Builder(String iri, Subjects g, Node node) {
            this.iri = iri;
            this.g = g;
            this.node = node;
        }

        Integer displayOrder() {
            Node order = g.one(node, DISPLAY_ORDER);
            if (order != null && order.isLiteral() && order.getLiteralValue() instanceof Number num) {
                return num instanceof BigInteger big ? big.intValue() : num.intValue();
            }
            return null;
        }

        private List<String> values(String field) {
            TreeSet<String> out = new TreeSet<>();
            for (Node v : g.all(node, VALUES.get(field))) out.add(term(v, false));
            return List.copyOf(out);
        }

        VersionStatement build(Map<String, CriterionBuilder> all) {
            Map<String, CriterionNode> byKey = new TreeMap<>();
            for (CriterionBuilder c : criteria) byKey.putIfAbsent(c.key(), c.build(all));
            Node root = g.one(node, CRITERIA);
            CriterionBuilder rootC = root == null ? null : all.get(term(root, false));
            Node rec = g.one(node, RECOMMENDATION);
            Node section = g.one(node, GKB.term("section"));
            Node source = g.one(node, SOURCE);
            return new VersionStatement(iri, str(rec), str(g.one(rec, LABEL)), str(section),
                    section == null ? null : str(g.one(section, LABEL)), values("quote"), values("summary"),
                    codeOf(g.one(node, GKB.term("action"))), codeOf(g.one(node, GKB.term("modality"))),
                    codeOf(g.one(node, GKB.term("category"))), str(g.one(node, GKB.term("categoryBasis"))),
                    codeOf(g.one(node, GKB.term("strength"))), codeOf(g.one(node, GKB.term("certainty"))),
                    rootC == null ? null : rootC.key(), java.util.Collections.unmodifiableMap(byKey),
                    values("evidence"), values("question"), source == null ? null : str(g.one(source, DOCUMENT)),
                    source == null ? null : str(g.one(source, LOCATOR)), displayOrder(), values("citedEvidence"));
        }
    }

    /** Collects one criterion. */
    private static final class CriterionBuilder {
        final String iri;
        final Subjects g;
        final Node node;
        final String keyLiteral;

        CriterionBuilder(String iri, Subjects g, Node node) {
            this.iri = iri;
            this.g = g;
            this.node = node;
            Node k = g.one(node, KEY);
            this.keyLiteral = k == null ? null : k.getLiteralLexicalForm();
        }

        /** The key, or the IRI's last segment when the content gives none. */
        String key() {
            return keyLiteral != null ? keyLiteral : iri.substring(iri.lastIndexOf('/') + 1);
        }

        CriterionNode build(Map<String, CriterionBuilder> all) {
            Node kind = g.all(node, TYPE).stream().filter(KINDS::contains).min(TERM_ORDER).orElse(null);
            Node label = g.one(node, LABEL);
            TreeSet<String> values = new TreeSet<>();
            for (Node v : g.all(node, VALUE)) values.add(term(v, true));
            return new CriterionNode(iri, key(), kind == null ? null : kind.getLocalName(), codeOf(g.one(node, GKB.term("attribute"))),
                    codeOf(g.one(node, GKB.term("condition"))), label == null ? null : label.getLiteralLexicalForm(), List.copyOf(values),
                    keys(g.all(node, OPERAND), all), keys(g.all(node, FACTOR), all));
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
