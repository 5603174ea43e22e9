package org.guidelinekb.reasoner;

import java.util.List;

import org.guidelinekb.reasoner.plain.PlainExplanation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON the API and the CLI answer with (docs/evaluating.md): the evaluation with, per recommendation,
 * its criteria as an explanation tree, the reasons in words, what is missing, evidence and source; and the
 * case-attribute catalogue.
 */
public final class EvaluationJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EvaluationJson() {}

    /** The answer as {@link Evaluation#options()} shape it; the default options give the full answer. */
    public static ObjectNode of(Evaluation e) {
        AnswerOptions opts = e.options();
        ObjectNode root = F.objectNode();
        ArrayNode against = root.putArray("evaluatedAgainst");
        for (CompiledVersion v : e.evaluatedAgainst()) against.addObject().put("guideline", v.guideline()).put("version", v.label());
        if (!opts.isDefault()) {
            ObjectNode o = root.putObject("options");
            ArrayNode inc = o.putArray("include");
            opts.include().forEach(s -> inc.add(s.word()));
            o.put("explain", opts.explain().word());
            ObjectNode counts = root.putObject("counts"); // every status, also those left out
            for (Status s : Status.values()) counts.put(s.word(), 0);
            for (StatementResult r : e.results()) counts.put(r.status().word(), counts.get(r.status().word()).intValue() + 1);
        }
        if (opts.explain() == AnswerOptions.Explain.SUMMARY) return summary(root, e, opts);
        ArrayNode recs = root.putArray("recommendations");
        for (StatementResult r : e.results()) {
            if (opts.includes(r.status())) recs.add(recommendation(r, e.patientCase()));
        }
        return root;
    }

    /**
     * The summary: per recommendation only its statement IRI ({@code id}, the key to its full description, written
     * relative to the answer's {@code idBase}: the IRI is {@code idBase + id}), its status and, when undetermined, what
     * is missing as indexes into {@code missingAttributes} (each attribute named once per answer). No criteria, reasons,
     * texts or evidence: a CDS tool asks for those by IRI when it shows one.
     */
    private static ObjectNode summary(ObjectNode root, Evaluation e, AnswerOptions opts) {
        List<StatementResult> shown = e.results().stream().filter(r -> opts.includes(r.status())).toList();
        String base = idBase(shown.stream().map(r -> r.statement().iri()).toList());
        root.put("idBase", base);
        ArrayNode names = root.putArray("missingAttributes");
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        ArrayNode recs = root.putArray("recommendations");
        for (StatementResult r : shown) {
            ObjectNode o = recs.addObject();
            o.put("id", r.statement().iri().substring(base.length()));
            o.put("status", r.status().word());
            if (r.status() == Status.UNDETERMINED) {
                ArrayNode missing = o.putArray("missing");
                for (String m : r.missing()) {
                    missing.add(index.computeIfAbsent(m, k -> {
                        names.add(k);
                        return names.size() - 1;
                    }));
                }
            }
        }
        return root;
    }

    /**
     * The longest start that every shown statement IRI shares, cut back to just after its last {@code /} or {@code #}
     * before the end of the shortest (so an {@code id} is never empty); "" when nothing is shown or nothing is shared.
     */
    static String idBase(List<String> iris) {
        if (iris.isEmpty()) return "";
        String first = iris.get(0);
        int len = first.length();
        for (String iri : iris) {
            int n = Math.min(len, iri.length());
            int i = 0;
            while (i < n && iri.charAt(i) == first.charAt(i)) i++;
            len = i;
        }
        int shortest = iris.stream().mapToInt(String::length).min().getAsInt();
        int cut = Math.min(len, shortest - 1); // an IRI that ends in a separator keeps a non-empty id
        while (cut > 0 && first.charAt(cut - 1) != '/' && first.charAt(cut - 1) != '#') cut--;
        return first.substring(0, Math.max(cut, 0));
    }

    private static ObjectNode recommendation(StatementResult r, PatientCase c) {
        CompiledStatement s = r.statement();
        ObjectNode o = F.objectNode();
        o.put("id", s.iri());
        o.put("recommendation", s.recommendation());
        o.put("recommendationLabel", s.recommendationLabel());
        o.put("guideline", s.guideline());
        o.put("version", s.version());
        o.put("text", s.text());
        o.put("quote", s.quote());
        o.put("action", s.action());
        o.put("modality", s.modality());
        o.put("category", s.category());
        o.put("categoryBasis", s.categoryBasis());
        if (s.strength() != null) o.put("strength", s.strength());
        if (s.certainty() != null) o.put("certainty", s.certainty());
        o.put("status", r.status().word());
        List<Criterion> top = topLevel(s.criteria());
        ArrayNode reasons = o.putArray("reasons");
        if (s.criteria() == null) reasons.add("no applicability criteria are stated: the statement applies to every case");
        for (Criterion k : top) reasons.add(Reasons.of(k, r, c));
        ArrayNode criteria = o.putArray("criteria");
        for (Criterion k : top) criteria.add(node(k, r, c));
        ArrayNode missing = o.putArray("missing");
        r.missing().forEach(missing::add);
        o.set("plain", PlainExplanation.of(r, c).json());
        ArrayNode evidence = o.putArray("evidence");
        for (CompiledStatement.Evidence ev : s.evidence()) {
            evidence.addObject().put("id", ev.id()).put("type", ev.type()).put("label", ev.label()).put("finding", ev.finding())
                    .put("verificationStatus", ev.verificationStatus());
        }
        CompiledStatement.Source src = s.source();
        if (src == null) {
            o.putNull("source");
        } else {
            ObjectNode so = o.putObject("source").put("id", src.id()).put("locator", src.locator()).put("document", src.document())
                    .put("title", src.title()).put("verificationStatus", src.verificationStatus());
            ArrayNode links = so.putArray("links");
            src.links().forEach(links::add);
        }
        return o;
    }

    /** The criteria list shows a root all-of as its operands (all of which must be met), any other root as itself. */
    static List<Criterion> topLevel(Criterion root) {
        if (root == null) return List.of();
        return root instanceof Criterion.AllOf a ? a.operands() : List.of(root);
    }

    private static ObjectNode node(Criterion k, StatementResult r, PatientCase c) {
        ObjectNode o = F.objectNode();
        o.put("key", k.key());
        if (k instanceof Criterion.AttributeTest a) {
            o.put("type", "attribute");
            o.put("attribute", a.attribute().name());
            o.put("condition", a.condition().notation());
            o.set("value", a.shown() == null ? null : a.shown().deepCopy()); // compiled nodes are shared: hand out copies
            o.set("caseValue", c.value(a.attribute()));
            if (a.attribute().derived()) {
                o.put("derivedFrom", a.attribute().rule().from().name());
                o.set("derivedFromValue", c.value(a.attribute().rule().from()));
            }
        } else if (k instanceof Criterion.AllOf a) {
            o.put("type", "all-of");
            operands(o.putArray("operands"), a.operands(), r, c);
        } else if (k instanceof Criterion.AnyOf a) {
            o.put("type", "any-of");
            operands(o.putArray("operands"), a.operands(), r, c);
        } else if (k instanceof Criterion.Not n) {
            o.put("type", "not");
            operands(o.putArray("operands"), List.of(n.operand()), r, c);
        } else if (k instanceof Criterion.Judgement j) {
            o.put("type", "judgement");
            o.put("judgement", "needs clinician judgement: the source gives no rule that decides it");
            operands(o.putArray("factors"), j.factors(), r, c);
        } else if (k instanceof Criterion.Unevaluable u) {
            o.put("type", "unevaluable");
            o.put("problem", u.problem());
        }
        if (k.label() != null) o.put("label", k.label());
        o.put("outcome", r.outcome(k).outcome());
        return o;
    }

    private static void operands(ArrayNode out, List<Criterion> ks, StatementResult r, PatientCase c) {
        for (Criterion k : ks) out.add(node(k, r, c));
    }

    /** The case-attribute catalogue as {@code GET /api/case-attributes} serves it. */
    public static ArrayNode of(CaseAttributes attributes) {
        ArrayNode out = F.arrayNode();
        for (CaseAttribute a : attributes.all()) {
            ObjectNode o = out.addObject();
            o.put("name", a.name());
            o.put("type", a.type().word());
            if (a.type().isConcept()) {
                ArrayNode vs = o.putArray("values");
                a.values().forEach(vs::add);
                ObjectNode labels = o.putObject("valueLabels"); // each value in words, for forms (issue 20)
                for (String v : a.values()) {
                    int i = attributes.concepts().index(a.scheme(), v);
                    labels.put(v, i >= 0 && attributes.concepts().label(i) != null ? attributes.concepts().label(i) : v);
                }
            }
            if (a.min() != null) o.put("min", a.min());
            if (a.max() != null) o.put("max", a.max());
            o.put("label", a.label());
            o.put("derived", a.derived());
            if (a.derived()) {
                o.put("derivedFrom", a.rule().from().name());
                o.put("rule", a.rule().kind().term());
                o.put("concept", a.rule().conceptNotation());
            }
            o.put("comment", a.comment());
            if (a.formOrder() != null) o.put("formOrder", a.formOrder());
            if (a.formHelp() != null) o.put("help", a.formHelp());
            o.put("iri", a.iri());
        }
        return out;
    }
}
