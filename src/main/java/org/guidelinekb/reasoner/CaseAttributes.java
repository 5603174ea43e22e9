package org.guidelinekb.reasoner;

import org.guidelinekb.util.Closest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.sparql.engine.binding.Binding;
import org.guidelinekb.sparql.QueryLibrary;
import org.guidelinekb.store.StoreReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue of case attributes, read from the ontology graph ({@code sparql/internal/reasoner-case-attributes.rq}
 * and {@code reasoner-concepts.rq}): names, value types, allowed values, integer ranges and derived attributes with
 * their rules, plus the concept hierarchy the values live in. What {@code GET /api/case-attributes} serves and what a
 * {@link PatientCase} is validated against. Immutable.
 */
public final class CaseAttributes {
    private static final Logger LOG = LoggerFactory.getLogger(CaseAttributes.class);

    private final List<CaseAttribute> all;
    private final List<CaseAttribute> derived; // the attributes the reasoner derives from others
    private final Map<String, CaseAttribute> byName;
    private final Map<String, CaseAttribute> byIri;
    private final Concepts concepts;
    private final Map<String, Integer>[] valueIndex; // per attribute: allowed notation -> concept index

    private CaseAttributes(List<CaseAttribute> all, Concepts concepts) {
        this.all = List.copyOf(all);
        this.derived = this.all.stream().filter(CaseAttribute::derived).toList();
        this.concepts = concepts;
        Map<String, CaseAttribute> names = new LinkedHashMap<>();
        Map<String, CaseAttribute> iris = new HashMap<>();
        for (CaseAttribute a : all) {
            names.put(a.name().intern(), a); // Jackson interns parsed field names: a case's lookups then match by identity
            iris.put(a.iri(), a);
        }
        this.byName = Collections.unmodifiableMap(names);
        this.byIri = Map.copyOf(iris);
        @SuppressWarnings("unchecked")
        Map<String, Integer>[] values = new Map[this.all.size()];
        for (CaseAttribute a : this.all) {
            Map<String, Integer> m = new HashMap<>();
            for (String v : a.values()) {
                int i = concepts.index(a.scheme(), v);
                if (i >= 0) m.put(v, i);
            }
            values[a.index()] = m;
        }
        this.valueIndex = values;
    }

    /** Reads the catalogue inside a transaction the caller holds. */
    public static CaseAttributes read(StoreReader r, QueryLibrary queries) {
        Concepts concepts = readConcepts(r, queries);
        Map<String, List<Binding>> rows = Rows.groupBy(r.select(queries.get("internal/reasoner-case-attributes"), Map.of()), "attribute");
        List<Map.Entry<String, List<Binding>>> given = new ArrayList<>();
        List<Map.Entry<String, List<Binding>>> derived = new ArrayList<>();
        for (Map.Entry<String, List<Binding>> e : rows.entrySet()) (Rows.first(e.getValue(), "rule") != null ? derived : given).add(e);
        Comparator<Map.Entry<String, List<Binding>>> byName = Comparator.comparing(e -> Rows.first(e.getValue(), "name"), String.CASE_INSENSITIVE_ORDER);
        given.sort(byName);
        derived.sort(byName);
        List<CaseAttribute> out = new ArrayList<>();
        for (Map.Entry<String, List<Binding>> e : given) {
            List<Binding> b = e.getValue();
            AttributeType type = AttributeType.ofIri(Rows.first(b, "type"));
            if (type == null) {
                LOG.warn("case attribute {} has an unknown value type {}; left out", e.getKey(), Rows.first(b, "type"));
                continue;
            }
            String scheme = type.isConcept() ? Rows.first(b, "scheme") : null;
            List<String> values = scheme == null ? List.of() : concepts.caseValues(scheme);
            out.add(new CaseAttribute(out.size(), Rows.first(b, "name"), e.getKey(), Rows.first(b, "label"), Rows.first(b, "comment"),
                    type, scheme, values, Rows.integer(Rows.first(b, "min")), Rows.integer(Rows.first(b, "max")), null,
                    Rows.integer(Rows.first(b, "formOrder")), Rows.first(b, "formHelp")));
        }
        Map<String, CaseAttribute> byIri = new HashMap<>();
        out.forEach(a -> byIri.put(a.iri(), a));
        for (Map.Entry<String, List<Binding>> e : derived) {
            List<Binding> b = e.getValue();
            DerivationRule.Kind kind = DerivationRule.Kind.ofIri(Rows.first(b, "rule"));
            CaseAttribute from = byIri.get(Rows.first(b, "from"));
            String conceptIri = Rows.first(b, "concept");
            int concept = conceptIri == null ? -1 : concepts.index(conceptIri);
            if (kind == null || from == null || from.type() != AttributeType.CONCEPT_LIST || concept < 0) {
                LOG.warn("derived attribute {} has no usable rule (kind, concept-list source, known concept); left out", e.getKey());
                continue;
            }
            out.add(new CaseAttribute(out.size(), Rows.first(b, "name"), e.getKey(), Rows.first(b, "label"), Rows.first(b, "comment"),
                    AttributeType.BOOLEAN, null, List.of(), null, null,
                    new DerivationRule(kind, from, concept, concepts.notation(concept)),
                    Rows.integer(Rows.first(b, "formOrder")), Rows.first(b, "formHelp")));
        }
        return new CaseAttributes(out, concepts);
    }

    private static Concepts readConcepts(StoreReader r, QueryLibrary queries) {
        Map<String, List<Binding>> rows = Rows.groupBy(r.select(queries.get("internal/reasoner-concepts"), Map.of()), "concept");
        List<Concepts.Row> concepts = new ArrayList<>();
        Map<String, List<String>> broader = new HashMap<>();
        rows.forEach((iri, b) -> {
            String scheme = Rows.first(b, "scheme");
            if (scheme != null) {
                concepts.add(new Concepts.Row(iri, scheme, Rows.first(b, "notation"), Rows.first(b, "label"), "true".equals(Rows.first(b, "grouping"))));
            }
            broader.put(iri, Rows.all(b, "broader"));
        });
        Map<String, Set<String>> ancestors = new HashMap<>();
        for (Concepts.Row c : concepts) ancestors.put(c.iri(), ancestors(c.iri(), broader));
        return Concepts.of(concepts, ancestors);
    }

    /** Everything reachable from {@code iri} by one or more broader links (skos:broader+), cycles included once. */
    static Set<String> ancestors(String iri, Map<String, List<String>> broader) {
        Set<String> out = new LinkedHashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(broader.getOrDefault(iri, List.of()));
        while (!todo.isEmpty()) {
            String a = todo.pop();
            if (out.add(a)) todo.addAll(broader.getOrDefault(a, List.of()));
        }
        return out;
    }

    /** Every attribute: those a case gives first, then the derived ones, each group by name (ignoring case). */
    public List<CaseAttribute> all() {
        return all;
    }

    public CaseAttribute byName(String name) {
        return byName.get(name);
    }

    public CaseAttribute byIri(String iri) {
        return byIri.get(iri);
    }

    public int size() {
        return all.size();
    }

    /** The derived attributes, in catalogue order. */
    List<CaseAttribute> derived() {
        return derived;
    }

    /** The concept indexes a concept or concept-list attribute allows, ascending (none for the other types). */
    int[] domain(int attribute) {
        return valueIndex[attribute].values().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The concept index of a value the attribute allows (one of {@link CaseAttribute#values()}), or -1. */
    int valueIndex(CaseAttribute a, String notation) {
        Integer i = valueIndex[a.index()].get(notation);
        return i == null ? -1 : i;
    }

    public Concepts concepts() {
        return concepts;
    }

    /** The known attribute name closest to a misspelt one, or null. */
    public String closestName(String name) {
        return Closest.of(name, byName.keySet());
    }
}
