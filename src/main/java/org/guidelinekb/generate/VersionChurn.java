package org.guidelinekb.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.guidelinekb.generate.GenCriterion.Kind;

/**
 * Makes the next version of a guideline from the previous one, as guideline committees do: each statement changes
 * with probability {@code rate} (its action, modality, category, criteria — a value, an added or a dropped condition —
 * or its wording); about {@code rate / 10} of the statements are withdrawn and as many new ones added; now and then
 * the encoded excerpt grows by a section, or stops covering one (its statements then become "not covered").
 */
final class VersionChurn {
    private final SplittableRandom random;
    private final CriteriaFactory criteria;
    private final double rate;

    VersionChurn(SplittableRandom random, double rate) {
        this.random = random;
        this.criteria = new CriteriaFactory(random);
        this.rate = rate;
    }

    /**
     * {@code next[0]} holds the next recommendation number and {@code next[1]} the next section number; both are
     * advanced for every new recommendation or section.
     */
    GenVersion next(GenVersion prev, String label, LocalDate effectiveFrom, int[] next, int perSection) {
        Set<String> sections = new LinkedHashSet<>(prev.sections());
        String dropped = null;
        if (sections.size() > 1 && random.nextDouble() < rate * 0.1) {
            List<String> list = new ArrayList<>(sections);
            dropped = list.get(random.nextInt(list.size()));
            sections.remove(dropped);
        }
        List<GenStatement> out = new ArrayList<>();
        for (GenStatement s : prev.statements()) {
            if (s.section().equals(dropped)) continue;
            if (random.nextDouble() < rate * 0.1) continue; // withdrawn
            out.add(random.nextDouble() < rate ? change(s, label) : s);
        }
        int added = (int) Math.round(prev.statements().size() * rate * 0.1);
        List<String> open = new ArrayList<>(sections);
        for (int i = 0; i < added; i++) {
            out.add(KbGenerator.newStatement(prev.guideline(), next[0]++, open.get(random.nextInt(open.size())), criteria, random));
        }
        if (random.nextDouble() < rate * 0.2) {
            String section = KbGenerator.sectionName(next[1]++);
            sections.add(section);
            for (int i = 0; i < Math.max(1, perSection / 2); i++) {
                out.add(KbGenerator.newStatement(prev.guideline(), next[0]++, section, criteria, random));
            }
        }
        List<GenStatement> ordered = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            GenStatement s = out.get(i);
            ordered.add(new GenStatement(s.rec(), s.recLabel(), s.section(), i + 1, s.summary(), s.action(), s.modality(),
                    s.category(), s.categoryStated(), s.criteria()));
        }
        return new GenVersion(prev.guideline(), label, effectiveFrom, "active", prev.label(), List.copyOf(sections), List.copyOf(ordered));
    }

    private GenStatement change(GenStatement s, String label) {
        double kind = random.nextDouble();
        if (kind < 0.2) {
            return s.with(s.summary(), other(CodeLists.ACTIONS, s.action()), s.modality(), s.category(), s.categoryStated(), s.criteria());
        } else if (kind < 0.4) {
            return s.with(s.summary(), s.action(), other(CodeLists.MODALITIES, s.modality()), s.category(), s.categoryStated(), s.criteria());
        } else if (kind < 0.55) {
            return s.with(s.summary(), s.action(), s.modality(), other(CodeLists.CATEGORIES, s.category()), true, s.criteria());
        } else if (kind < 0.9) {
            return s.with(s.summary(), s.action(), s.modality(), s.category(), s.categoryStated(), changeCriteria(s.criteria()));
        }
        return s.with(s.summary() + " Reworded in version " + label + ".", s.action(), s.modality(), s.category(), s.categoryStated(), s.criteria());
    }

    /** One clinical change of a tree: a leaf's value, an added condition, or a dropped one. */
    private GenCriterion changeCriteria(GenCriterion root) {
        return CriteriaFactory.withoutRedundantFactors(changed(root));
    }

    private GenCriterion changed(GenCriterion root) {
        double kind = random.nextDouble();
        List<GenCriterion> ops = new ArrayList<>(root.children());
        if (kind < 0.3 || ops.size() < 2) {
            ops.add(criteria.leaf(CriteriaFactory.keysAfter(root).next(), false));
            return root.withChildren(ops);
        }
        if (kind < 0.5) {
            ops.remove(random.nextInt(ops.size()));
            return root.withChildren(ops);
        }
        List<GenCriterion> leaves = new ArrayList<>();
        for (GenCriterion c : ops) collectLeaves(c, leaves);
        if (leaves.isEmpty()) {
            ops.add(criteria.leaf(CriteriaFactory.keysAfter(root).next(), false));
            return root.withChildren(ops);
        }
        GenCriterion target = leaves.get(random.nextInt(leaves.size()));
        return replace(root, target, criteria.revalue(target));
    }

    private static void collectLeaves(GenCriterion c, List<GenCriterion> out) {
        if (c.kind() == Kind.ATTRIBUTE && !c.attribute().equals("metastatic")) out.add(c);
        // the operand of a not stays a simple equals (the naive baseline and readers rely on it)
        if (c.kind() != Kind.NOT) for (GenCriterion k : c.children()) collectLeaves(k, out);
    }

    private static GenCriterion replace(GenCriterion node, GenCriterion target, GenCriterion with) {
        if (node == target) return with;
        if (node.children().isEmpty()) return node;
        List<GenCriterion> kids = new ArrayList<>();
        for (GenCriterion k : node.children()) kids.add(replace(k, target, with));
        return node.withChildren(kids);
    }

    private String other(List<String> values, String current) {
        String v = current;
        while (v.equals(current)) v = values.get(random.nextInt(values.size()));
        return v;
    }
}
