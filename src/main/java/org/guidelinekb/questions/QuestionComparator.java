package org.guidelinekb.questions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.guidelinekb.versioning.CriterionNode;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.VersionStatement;

/**
 * Builds a {@link QuestionComparison} from versions already read. Groups follow the order in which their actions
 * first appear (versions in the order asked, statements in display order); a group's differences name, per version,
 * what it states (by its modality: "recommends", "advises considering", "recommends against", "states") and, for a
 * version with no statement in the group, that it says nothing on it in the sections it encodes.
 */
final class QuestionComparator {

    /** Action code → its label and its broadest ancestor's code (itself when it has none). */
    record Action(String code, String label, String root) {}

    QuestionComparison compare(String question, String label, List<EncodedVersion> versions, Map<String, Action> actions) {
        List<QuestionComparison.Side> sides = versions.stream().map(QuestionComparator::side).toList();
        Map<String, List<QuestionComparison.Entry>> byGroup = new LinkedHashMap<>();
        for (EncodedVersion v : versions) {
            for (VersionStatement s : v.statements().values()) {
                if (!s.questions().contains(question)) continue;
                String root = s.action() == null ? "unspecified" : actions.containsKey(s.action()) ? actions.get(s.action()).root() : s.action();
                byGroup.computeIfAbsent(root, k -> new ArrayList<>()).add(entry(v, s));
            }
        }
        List<QuestionComparison.Group> groups = new ArrayList<>();
        byGroup.forEach((code, entries) -> {
            Action a = actions.get(code);
            String groupLabel = a != null && a.label() != null ? a.label() : code;
            groups.add(new QuestionComparison.Group(code, groupLabel, entries, differences(groupLabel, sides, entries, actions)));
        });
        return new QuestionComparison(question, label, sides, groups);
    }

    private static QuestionComparison.Side side(EncodedVersion v) {
        var i = v.info();
        String date = i.issued() != null ? i.issued().toString() : i.effectiveFrom() == null ? null : i.effectiveFrom().toString();
        String precision = i.issued() != null ? "day" : i.effectiveFromPrecision() == null ? "day" : i.effectiveFromPrecision();
        if ("year".equals(precision) && date != null) date = date.substring(0, 4);
        return new QuestionComparison.Side(i.guidelineId(), i.label(), i.iri(), i.status(), date, precision,
                i.coverage().stream().map(c -> c.label() != null ? c.label() : c.section() != null ? c.section() : c.iri()).toList());
    }

    private static QuestionComparison.Entry entry(EncodedVersion v, VersionStatement s) {
        return new QuestionComparison.Entry(s.iri(), v.info().guidelineId(), v.label(), s.action(), s.modality(), s.category(),
                s.summary(), criteriaWords(s));
    }

    /** The root criterion's parts in words: each operand's label (its description when it has none), joined by "; ". */
    static String criteriaWords(VersionStatement s) {
        CriterionNode root = s.rootCriterion() == null ? null : s.criteria().get(s.rootCriterion());
        if (root == null) return null;
        List<String> parts = new ArrayList<>();
        List<String> keys = root.operands().isEmpty() ? List.of(root.key()) : root.operands();
        for (String k : keys) {
            CriterionNode c = s.criteria().get(k);
            if (c != null) parts.add(c.label() != null ? c.label() : c.describe());
        }
        return String.join("; ", parts);
    }

    static String verb(String modality) {
        if (modality == null) return "states";
        return switch (modality) {
            case "recommend" -> "recommends";
            case "consider" -> "advises considering";
            case "recommend-against" -> "recommends against";
            default -> "states";
        };
    }

    private static List<String> differences(String groupLabel, List<QuestionComparison.Side> sides,
                                            List<QuestionComparison.Entry> entries, Map<String, Action> actions) {
        List<String> out = new ArrayList<>();
        for (QuestionComparison.Side side : sides) {
            List<QuestionComparison.Entry> mine = entries.stream()
                    .filter(e -> e.guideline().equals(side.guideline()) && e.version().equals(side.version())).toList();
            if (mine.isEmpty()) {
                out.add(side.name() + " has no statement on " + lower(groupLabel) + " in the sections encoded here (its coverage is "
                        + "listed with the version); that says nothing about the rest of that version.");
                continue;
            }
            for (QuestionComparison.Entry e : mine) {
                Action a = e.action() == null ? null : actions.get(e.action());
                String about = a != null && a.label() != null ? " (" + lower(a.label()) + ")" : "";
                out.add(side.name() + " " + verb(e.modality()) + about + ": " + e.summary()
                        + (e.category() != null ? " [category " + e.category() + "]" : ""));
            }
        }
        return out;
    }

    private static String lower(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
