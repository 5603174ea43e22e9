package org.guidelinekb.versioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.versioning.RecommendationHistory.Absence;
import org.guidelinekb.versioning.RecommendationHistory.Appearance;
import org.guidelinekb.versioning.RecommendationHistory.FieldOrigin;

/**
 * Builds a recommendation's history from its guideline's versions in effective-date order. A field's {@code since} is
 * the earliest version from which the field has had its current value without interruption. A version that does
 * not cover the recommendation's section does not interrupt (it says nothing); a version that covers it and does
 * not state it does (the recommendation was dropped, and a later statement introduces every value anew).
 */
public final class StatementHistory {

    public RecommendationHistory build(String recommendation, String id, List<EncodedVersion> versions) {
        return build(recommendation, id, versions, List.of());
    }

    /**
     * The history following curated lineage: in a version without a statement of {@code recommendation}, the statement
     * of an earlier recommendation that {@code lineage} leads to it from (transitively) stands in for it.
     */
    public RecommendationHistory build(String recommendation, String id, List<EncodedVersion> versions, List<Lineage> lineage) {
        Set<String> ancestors = new LinkedHashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(recommendation));
        List<Lineage> followed = new ArrayList<>();
        while (!todo.isEmpty()) {
            String r = todo.pop();
            for (Lineage l : lineage) {
                if (l.to().equals(r) && !l.from().equals(recommendation) && ancestors.add(l.from())) {
                    followed.add(l);
                    todo.push(l.from());
                }
            }
        }
        List<EncodedVersion> view = ancestors.isEmpty() ? versions : versions.stream().map(v -> {
            if (v.statements().containsKey(recommendation)) return v;
            for (String a : ancestors) {
                VersionStatement s = v.statements().get(a);
                if (s == null) continue;
                Map<String, VersionStatement> m = new LinkedHashMap<>(v.statements());
                m.put(recommendation, s);
                return new EncodedVersion(v.info(), m);
            }
            return v;
        }).toList();
        return history(recommendation, id, view, List.copyOf(followed));
    }

    private RecommendationHistory history(String recommendation, String id, List<EncodedVersion> versions, List<Lineage> followed) {
        String section = versions.stream().map(v -> v.statements().get(recommendation)).filter(Objects::nonNull)
                .map(VersionStatement::section).filter(Objects::nonNull).findFirst().orElse(null);
        List<Appearance> appearances = new ArrayList<>();
        List<Absence> absences = new ArrayList<>();
        Map<String, FieldOrigin> current = new HashMap<>();
        String label = null;
        String guideline = null;
        for (EncodedVersion v : versions) {
            guideline = v.info().guidelineId();
            VersionStatement s = v.statements().get(recommendation);
            if (s == null) {
                boolean covered = v.covers(section);
                if (covered) current.clear();
                absences.add(new Absence(v.label(), v.info().status(), covered ? "not-stated" : "not-covered"));
                continue;
            }
            section = s.section() != null ? s.section() : section;
            label = s.name();
            Map<String, Object> values = new LinkedHashMap<>(StatementFields.scalars(s));
            values.putAll(StatementFields.sets(s));
            Map<String, FieldOrigin> next = new HashMap<>();
            List<FieldOrigin> fields = new ArrayList<>();
            values.forEach((field, value) -> {
                FieldOrigin before = current.get(field);
                FieldOrigin now = before != null && Objects.equals(before.value(), value) ? before : new FieldOrigin(field, value, v.label());
                next.put(field, now);
                fields.add(now);
            });
            current.clear();
            current.putAll(next);
            appearances.add(new Appearance(v.label(), v.info().status(),
                    v.info().effectiveFrom() == null ? null : v.info().effectiveFrom().toString(), s, List.copyOf(fields)));
        }
        if (appearances.isEmpty()) {
            throw new NotFoundException("recommendation " + id + " is stated by no " + (versions.isEmpty() ? "" : "listed ")
                    + "version" + (guideline == null ? "" : " of '" + guideline + "'"));
        }
        return new RecommendationHistory(recommendation, id, guideline, label, List.copyOf(appearances), List.copyOf(absences), followed);
    }
}
