package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Compiles the RDF criteria of one guideline version (rows of {@code internal/reasoner-criteria},
 * {@code -criterion-links} and {@code -criterion-values}) into immutable {@link Criterion} trees. Values are resolved
 * once here: concepts to indexes, literals to ints. A criterion the reasoner cannot evaluate as stated becomes an
 * {@link Criterion.Unevaluable} node (UNKNOWN, with the reason), never a guess.
 */
final class CriteriaCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(CriteriaCompiler.class);
    private static final String NS = "https://w3id.org/gkb/ontology#";

    private final CaseAttributes attributes;
    private final String version;
    private final Map<String, Row> nodes = new HashMap<>();

    private record Row(String type, String key, String label, String attribute, String condition, List<Node> values,
                       List<String> operands, List<String> factors) {}

    /** A compiled tree and the number of outcome slots it uses. */
    record Compiled(Criterion root, int slots) {}

    CriteriaCompiler(CaseAttributes attributes, String version, RowSet criteria, RowSet links, RowSet values) {
        this.attributes = attributes;
        this.version = version;
        Map<String, List<Node>> vals = new HashMap<>();
        while (values.hasNext()) {
            Binding b = values.next();
            vals.computeIfAbsent(Rows.str(b, "criterion"), k -> new ArrayList<>()).add(b.get("value"));
        }
        Map<String, List<String>> operands = new HashMap<>();
        Map<String, List<String>> factors = new HashMap<>();
        while (links.hasNext()) {
            Binding b = links.next();
            Map<String, List<String>> m = Rows.str(b, "link").endsWith("#factor") ? factors : operands;
            m.computeIfAbsent(Rows.str(b, "criterion"), k -> new ArrayList<>()).add(Rows.str(b, "child"));
        }
        Rows.groupBy(criteria, "criterion").forEach((iri, rows) -> nodes.put(iri, new Row(
                Rows.first(rows, "type").substring(NS.length()), Rows.first(rows, "key"), Rows.first(rows, "label"),
                Rows.first(rows, "attribute"), Rows.first(rows, "condition"), vals.getOrDefault(iri, List.of()),
                operands.getOrDefault(iri, List.of()), factors.getOrDefault(iri, List.of()))));
    }

    /** Compiles the tree under {@code root}; slots are numbered from 0 in pre-order. */
    Compiled compile(String root) {
        int[] slot = {0};
        Criterion c = node(root, slot, new HashSet<>());
        return new Compiled(c, slot[0]);
    }

    private Criterion node(String iri, int[] slot, Set<String> path) {
        int s = slot[0]++;
        Row r = nodes.get(iri);
        String key = r == null || r.key() == null ? iri.substring(iri.lastIndexOf('/') + 1) : r.key();
        if (r == null) return unevaluable(iri, key, null, s, "the criterion is not described in this version");
        if (!path.add(iri)) return unevaluable(iri, key, r.label(), s, "the criteria form a cycle");
        try {
            return switch (r.type()) {
                case "AllOf", "AnyOf" -> {
                    if (r.operands().isEmpty()) yield unevaluable(iri, key, r.label(), s, r.type() + " without operands");
                    List<Criterion> ops = children(r.operands(), slot, path);
                    yield r.type().equals("AllOf") ? new Criterion.AllOf(iri, key, r.label(), s, ops)
                            : new Criterion.AnyOf(iri, key, r.label(), s, ops);
                }
                case "Not" -> r.operands().size() != 1
                        ? unevaluable(iri, key, r.label(), s, "Not needs exactly one operand, has " + r.operands().size())
                        : new Criterion.Not(iri, key, r.label(), s, node(r.operands().get(0), slot, path));
                case "JudgementCriterion" -> new Criterion.Judgement(iri, key, r.label(), s, children(r.factors(), slot, path));
                case "AttributeCriterion" -> attribute(iri, key, r, s);
                default -> unevaluable(iri, key, r.label(), s, "unknown criterion kind " + r.type());
            };
        } finally {
            path.remove(iri);
        }
    }

    private List<Criterion> children(List<String> iris, int[] slot, Set<String> path) {
        List<String> sorted = new ArrayList<>(iris);
        sorted.sort((a, b) -> sortKey(a).compareTo(sortKey(b)));
        List<Criterion> out = new ArrayList<>();
        for (String child : sorted) out.add(node(child, slot, path));
        return List.copyOf(out);
    }

    /** Operands are unordered in RDF; they are shown in key order so that answers are stable. */
    private String sortKey(String iri) {
        Row r = nodes.get(iri);
        return (r == null || r.key() == null ? iri : r.key()) + " " + iri;
    }

    private Criterion attribute(String iri, String key, Row r, int s) {
        CaseAttribute a = attributes.byIri(r.attribute());
        Condition cond = Condition.of(r.condition() == null ? null : attributes.concepts().notationOf(r.condition()));
        if (a == null) return unevaluable(iri, key, r.label(), s, "attribute " + r.attribute() + " is not a declared case attribute");
        if (cond == null) return unevaluable(iri, key, r.label(), s, "unknown condition " + r.condition());
        List<Node> vs = r.values();
        boolean list = a.type() == AttributeType.CONCEPT_LIST;
        String problem = switch (cond) {
            case EQUALS -> vs.size() != 1 ? "equals needs exactly one value" : list ? "equals cannot compare a list; use includes" : null;
            case IN -> vs.isEmpty() ? "in needs at least one value" : list ? "in cannot compare a list; use includes" : null;
            case AT_LEAST, AT_MOST -> vs.size() != 1 || a.type() != AttributeType.INTEGER
                    ? cond.notation() + " needs an integer attribute and one value" : null;
            case PRESENT -> vs.isEmpty() ? null : "present takes no value";
            case INCLUDES -> vs.isEmpty() || !a.type().isConcept() ? "includes needs a concept attribute and a concept value" : null;
        };
        if (problem != null) return unevaluable(iri, key, r.label(), s, problem);
        int[] values = new int[vs.size()];
        ArrayNode shown = JsonNodeFactory.instance.arrayNode();
        for (int k = 0; k < vs.size(); k++) {
            Node v = vs.get(k);
            String bad = value(a, cond, v, values, k, shown);
            if (bad != null) return unevaluable(iri, key, r.label(), s, bad);
        }
        JsonNode show = cond == Condition.PRESENT ? null : shown.size() == 1 && cond != Condition.IN ? shown.get(0) : shown;
        return new Criterion.AttributeTest(iri, key, r.label(), s, a, cond, values, show);
    }

    /** Resolves one value into {@code values[k]}; returns a problem, or null. */
    private String value(CaseAttribute a, Condition cond, Node v, int[] values, int k, ArrayNode shown) {
        switch (a.type()) {
            case BOOLEAN -> {
                String lex = v.isLiteral() ? v.getLiteralLexicalForm() : "";
                if (!lex.equals("true") && !lex.equals("false") && !lex.equals("1") && !lex.equals("0")) return "value " + v + " is not a boolean";
                values[k] = lex.equals("true") || lex.equals("1") ? 1 : 0;
                shown.add(values[k] == 1);
            }
            case INTEGER -> {
                Integer i = v.isLiteral() ? Rows.integer(v.getLiteralLexicalForm()) : null;
                if (i == null) return "value " + v + " is not an integer";
                values[k] = i;
                shown.add(i);
            }
            case CONCEPT, CONCEPT_LIST -> {
                Concepts concepts = attributes.concepts();
                int c = v.isURI() ? concepts.index(v.getURI()) : -1;
                if (c < 0 || !concepts.scheme(c).equals(a.scheme())) return "value " + v + " is not a concept of " + a.scheme();
                if (cond != Condition.INCLUDES && concepts.isGrouping(c)) {
                    return "value " + v + " is a grouping concept, never a case value; use includes";
                }
                values[k] = c;
                shown.add(concepts.notation(c));
            }
        }
        return null;
    }

    private Criterion unevaluable(String iri, String key, String label, int slot, String problem) {
        LOG.warn("{}: criterion {} cannot be evaluated: {}", version, iri, problem);
        return new Criterion.Unevaluable(iri, key, label, slot, problem);
    }
}
