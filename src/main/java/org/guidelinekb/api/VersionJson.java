package org.guidelinekb.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.GuidelineInfo;
import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.catalog.VersionStatusLine;
import org.guidelinekb.versioning.CriterionNode;
import org.guidelinekb.versioning.EncodedVersion;
import org.guidelinekb.versioning.StatementFields;
import org.guidelinekb.versioning.VersionStatement;

/** The JSON shapes of guidelines, versions and statements in the version API (docs/versions.md). */
final class VersionJson {
    private VersionJson() {}

    static Map<String, Object> guideline(GuidelineInfo g, String current) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", g.id());
        m.put("iri", g.iri());
        m.put("title", g.title());
        m.put("publisher", g.publisher());
        m.put("current", current);
        m.put("versions", g.versions().stream().map(v -> {
            Map<String, Object> o = version(v);
            o.put("statusLine", VersionStatusLine.of(g, v));
            return o;
        }).toList());
        return m;
    }

    static Map<String, Object> version(VersionInfo v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.label());
        m.put("iri", v.iri());
        m.put("status", v.status());
        m.put("issued", v.issued() == null ? null : v.issued().toString());
        m.put("effectiveFrom", v.effectiveFrom() == null ? null : v.effectiveFrom().toString());
        m.put("effectiveFromPrecision", v.effectiveFromPrecision());
        m.put("previousVersion", v.previousVersion());
        m.put("publisher", v.publisher());
        m.put("coverage", v.coverage().stream().map(VersionJson::coverage).toList());
        return m;
    }

    static Map<String, Object> versionWithStatements(EncodedVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("guideline", v.info().guidelineId());
        m.putAll(version(v.info()));
        m.put("statements", v.statements().values().stream().map(VersionJson::statement).toList());
        return m;
    }

    private static Map<String, Object> coverage(CoverageItem c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("section", c.section());
        m.put("label", c.label());
        m.put("locator", c.locator());
        return m;
    }

    static Map<String, Object> statement(VersionStatement s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("statement", s.iri());
        m.put("recommendation", s.recommendation());
        m.put("label", s.recommendationLabel());
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("iri", s.section());
        section.put("label", s.sectionLabel());
        m.put("section", section);
        m.put("displayOrder", s.displayOrder());
        for (StatementFields.Field f : StatementFields.TEXT) m.put(f.name(), f.of(s));
        m.put("criteria", s.rootCriterion() == null ? null : criterion(s.rootCriterion(), s.criteria(), new HashSet<>()));
        m.put("evidence", s.evidence());
        m.put("citedEvidence", s.citedEvidence());
        m.put("questions", s.questions());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("document", s.sourceDocument());
        source.put("locator", s.sourceLocator());
        m.put("source", source);
        return m;
    }

    /** The criterion tree from {@code key} down; a key met twice on one path is shown by key only (no cycles). */
    private static Map<String, Object> criterion(String key, Map<String, CriterionNode> all, Set<String> path) {
        CriterionNode c = all.get(key);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", key);
        if (c == null || !path.add(key)) return m;
        m.put("kind", c.kind());
        m.put("description", c.describe());
        if (c.label() != null) m.put("label", c.label());
        if (c.attribute() != null) m.put("attribute", c.attribute());
        if (c.condition() != null) m.put("condition", c.condition());
        if (!c.values().isEmpty()) m.put("values", c.values());
        if (!c.operands().isEmpty()) m.put("operands", children(c.operands(), all, path));
        if (!c.factors().isEmpty()) m.put("factors", children(c.factors(), all, path));
        path.remove(key);
        return m;
    }

    private static List<Map<String, Object>> children(List<String> keys, Map<String, CriterionNode> all, Set<String> path) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String k : keys) out.add(criterion(k, all, path));
        return out;
    }
}
