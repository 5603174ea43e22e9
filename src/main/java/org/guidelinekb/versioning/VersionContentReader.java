package org.guidelinekb.versioning;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    private static final Node SECTION = GKB.term("section");
    private static final Node ACTION = GKB.term("action");
    private static final Node MODALITY = GKB.term("modality");
    private static final Node CATEGORY = GKB.term("category");
    private static final Node CATEGORY_BASIS = GKB.term("categoryBasis");
    private static final Node STRENGTH = GKB.term("strength");
    private static final Node CERTAINTY = GKB.term("certainty");
    private static final Node ATTRIBUTE = GKB.term("attribute");
    private static final Node CONDITION = GKB.term("condition");
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
        Subjects g = new Subjects();
        r.forEachTriple(GKB.iri(version.iri()), g::add);

        List<Node> statements = new ArrayList<>();
        g.bySubject.forEach((node, props) -> {
            if (props.has(TYPE, STATEMENT) && props.first(RECOMMENDATION) != null) statements.add(node);
        });
        statements.sort(TERM_ORDER);                         // the criteria go to the first statement in IRI order
        Map<String, CriterionBuilder> criteria = new HashMap<>();
        List<Builder> builders = new ArrayList<>(statements.size());
        for (Node st : statements) {
            Builder b = new Builder(term(st, false), g, st);
            builders.add(b);
            for (Node c : reachableCriteria(g, st)) {
                String c0 = term(c, false);
                if (criteria.containsKey(c0)) continue;
                CriterionBuilder cb = new CriterionBuilder(c0, g, c);
                criteria.put(c0, cb);
                b.criteria.add(cb);
            }
        }
        for (Builder b : builders) {
            b.criteria.sort(Comparator.comparing((CriterionBuilder c) -> c.keyLiteral == null ? "" : c.keyLiteral,
                    (x, y) -> x.isEmpty() != y.isEmpty() ? (x.isEmpty() ? -1 : 1) : x.compareTo(y)).thenComparing(c -> c.iri));
        }
        builders.sort(Comparator.comparing((Builder b) -> b.displayOrder, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(b -> b.iri));                 // display order, then IRI order (TERM_ORDER of the statement)
        Map<String, VersionStatement> out = new LinkedHashMap<>();
        for (Builder b : builders) {
            VersionStatement vs = b.build(criteria);
            out.putIfAbsent(vs.recommendation(), vs);
        }
        return new EncodedVersion(version, out);
    }

    /** The criteria under a statement: its roots and every node reached through operands and factors, each once. */
    private static List<Node> reachableCriteria(Subjects g, Node statement) {
        List<Node> out = new ArrayList<>();
        java.util.Set<Node> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>();
        g.forEach(statement, CRITERIA, todo::addLast);
        while (!todo.isEmpty()) {
            Node c = todo.pop();
            if (!seen.add(c)) continue;
            out.add(c);
            g.forEach(c, OPERAND, todo::addLast);
            g.forEach(c, FACTOR, todo::addLast);
        }
        return out;
    }

    /**
     * The triples of one version graph grouped by subject. Each subject keeps its predicate/object pairs in one flat
     * array (a subject has a few dozen at most), so a 10,000-statement version holds two references per triple instead
     * of a map entry and a list per property: far less to allocate and for the collector to copy while reading.
     */
    private static final class Subjects {
        final Map<Node, Props> bySubject = new HashMap<>();
        private Node lastSubject;
        private Props last;

        /** Adds one triple; the store gives a subject's triples together, so the lookup is mostly skipped. */
        void add(org.apache.jena.graph.Triple t) {
            Node s = t.getSubject();
            if (s != lastSubject) {
                lastSubject = s;
                last = bySubject.computeIfAbsent(s, k -> new Props());
            }
            last.add(t.getPredicate(), t.getObject());
        }

        private final Map<String, String> codes = new HashMap<>();

        /** The subject's pairs (none when the graph does not mention it). */
        Props props(Node s) {
            Props props = bySubject.get(s);
            return props == null ? Props.NONE : props;
        }

        void forEach(Node s, Node p, java.util.function.Consumer<Node> sink) {
            Props props = bySubject.get(s);
            if (props != null) props.forEach(p, sink);
        }

        /** {@link #term}, with each code read once per version (a version repeats a few dozen codes thousands of times). */
        String term(Node n, boolean codes) {
            return codes && n != null && n.isURI() ? this.codes.computeIfAbsent(n.getURI(), VersionContentReader::code) : VersionContentReader.term(n, codes);
        }

        /** The values' terms, sorted and each once. */
        List<String> sortedTerms(Props s, Node p, boolean codes) {
            List<Node> vs = s.all(p);
            if (vs.size() == 1) return List.of(term(vs.get(0), codes));
            List<String> out = new ArrayList<>(vs.size());
            for (Node v : vs) out.add(term(v, codes));
            return sortedDistinct(out);
        }

        /** One value (the least in term order when the content gives several), or null. */
        Node one(Node s, Node p) {
            return props(s).one(p);
        }
    }

    /** The predicate/object pairs of one subject, in the order the store gave them. */
    private static final class Props {
        static final Props NONE = new Props();
        private Node[] po = new Node[16];
        private int size;

        /** One value (the least in term order when the content gives several), or null. */
        Node one(Node p) {
            Node first = first(p);
            if (first == null) return null;
            List<Node> vs = all(p);
            return vs.size() == 1 ? first : vs.stream().min(TERM_ORDER).orElseThrow();
        }

        void add(Node p, Node o) {
            if (size == po.length) po = java.util.Arrays.copyOf(po, size * 2);
            po[size++] = p;
            po[size++] = o;
        }

        Node first(Node p) {
            for (int i = 0; i < size; i += 2) if (p.equals(po[i])) return po[i + 1];
            return null;
        }

        void forEach(Node p, java.util.function.Consumer<Node> sink) {
            for (int i = 0; i < size; i += 2) if (p.equals(po[i])) sink.accept(po[i + 1]);
        }

        boolean has(Node p, Node o) {
            for (int i = 0; i < size; i += 2) if (p.equals(po[i]) && o.equals(po[i + 1])) return true;
            return false;
        }

        List<Node> all(Node p) {
            List<Node> out = null;
            Node one = null;
            for (int i = 0; i < size; i += 2) {
                if (!p.equals(po[i])) continue;
                if (one == null) {
                    one = po[i + 1];
                } else {
                    if (out == null) {
                        out = new ArrayList<>(4);
                        out.add(one);
                    }
                    out.add(po[i + 1]);
                }
            }
            return out != null ? out : one != null ? List.of(one) : List.of();
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

    /** The strings sorted in natural order, each once (what a TreeSet gives), without building a tree. */
    static List<String> sortedDistinct(List<String> in) {
        if (in.size() <= 1) return List.copyOf(in);
        String[] a = in.toArray(new String[0]);
        java.util.Arrays.sort(a);
        int k = 0;
        for (String x : a) if (k == 0 || !x.equals(a[k - 1])) a[k++] = x;
        return List.of(java.util.Arrays.copyOf(a, k));
    }

    private static String str(Node n) {
        return n == null ? null : term(n, false);
    }

    /** Collects one statement. */
    private static final class Builder {
        final String iri;
        final Subjects g;
        final Props props;
        final List<CriterionBuilder> criteria = new ArrayList<>();
        final Integer displayOrder;

        Builder(String iri, Subjects g, Node node) {
            this.iri = iri;
            this.g = g;
            this.props = g.props(node);
            this.displayOrder = displayOrder(props.one(DISPLAY_ORDER));
        }

        private static Integer displayOrder(Node order) {
            if (order != null && order.isLiteral() && order.getLiteralValue() instanceof Number num) {
                return num instanceof BigInteger big ? big.intValue() : num.intValue();
            }
            return null;
        }

        private List<String> values(String field) {
            return g.sortedTerms(props, VALUES.get(field), false);
        }

        private String codeOf(Node n) {
            return n == null ? null : g.term(n, true);
        }

        VersionStatement build(Map<String, CriterionBuilder> all) {
            Map<String, CriterionNode> byKey = new TreeMap<>();
            for (CriterionBuilder c : criteria) byKey.putIfAbsent(c.key(), c.build(all));
            Node root = props.one(CRITERIA);
            CriterionBuilder rootC = root == null ? null : all.get(term(root, false));
            Node rec = props.one(RECOMMENDATION);
            Node section = props.one(SECTION);
            Node source = props.one(SOURCE);
            return new VersionStatement(iri, str(rec), str(g.one(rec, LABEL)), str(section),
                    section == null ? null : str(g.one(section, LABEL)), values("quote"), values("summary"),
                    codeOf(props.one(ACTION)), codeOf(props.one(MODALITY)),
                    codeOf(props.one(CATEGORY)), str(props.one(CATEGORY_BASIS)),
                    codeOf(props.one(STRENGTH)), codeOf(props.one(CERTAINTY)),
                    rootC == null ? null : rootC.key(), java.util.Collections.unmodifiableMap(byKey),
                    values("evidence"), values("question"), source == null ? null : str(g.one(source, DOCUMENT)),
                    source == null ? null : str(g.one(source, LOCATOR)), displayOrder, values("citedEvidence"));
        }
    }

    /** Collects one criterion. */
    private static final class CriterionBuilder {
        final String iri;
        final Subjects g;
        final Props props;
        final String keyLiteral;

        CriterionBuilder(String iri, Subjects g, Node node) {
            this.iri = iri;
            this.g = g;
            this.props = g.props(node);
            Node k = props.one(KEY);
            this.keyLiteral = k == null ? null : k.getLiteralLexicalForm();
        }

        /** The key, or the IRI's last segment when the content gives none. */
        String key() {
            return keyLiteral != null ? keyLiteral : iri.substring(iri.lastIndexOf('/') + 1);
        }

        CriterionNode build(Map<String, CriterionBuilder> all) {
            Node kind = null;                                // the least of its kinds in term order
            for (Node t : props.all(TYPE)) if (KINDS.contains(t) && (kind == null || TERM_ORDER.compare(t, kind) < 0)) kind = t;
            Node label = props.one(LABEL);
            Node attribute = props.one(ATTRIBUTE);
            Node condition = props.one(CONDITION);
            return new CriterionNode(iri, key(), kind == null ? null : kind.getLocalName(), attribute == null ? null : g.term(attribute, true),
                    condition == null ? null : g.term(condition, true), label == null ? null : label.getLiteralLexicalForm(),
                    g.sortedTerms(props, VALUE, true), keys(props.all(OPERAND), all), keys(props.all(FACTOR), all));
        }

        private static List<String> keys(List<Node> nodes, Map<String, CriterionBuilder> all) {
            List<String> out = new ArrayList<>(nodes.size());
            for (Node n : nodes) {
                CriterionBuilder c = n.isURI() ? all.get(n.getURI()) : null;
                out.add(c != null ? c.key() : term(n, false));
            }
            return sortedDistinct(out);
        }
    }
}
