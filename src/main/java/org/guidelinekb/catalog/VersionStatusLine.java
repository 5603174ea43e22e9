package org.guidelinekb.catalog;

import java.util.Comparator;
import java.util.Optional;

/**
 * The first line a result, a card or a version page shows about the version it speaks for: the guideline by its
 * title, the version, and whether it is in effect in this knowledge base, e.g. "NCCN Guidelines: Breast Cancer,
 * version 2015 — retired, superseded in this knowledge base by version 6.2026" (docs/plain-language.md).
 */
public final class VersionStatusLine {
    private VersionStatusLine() {}

    /** The line for a version of guideline {@code g}. */
    public static String of(GuidelineInfo g, VersionInfo v) {
        String head = (g.title() != null ? g.title() : g.id()) + ", version " + v.label();
        Optional<VersionInfo> current = g.versions().stream().filter(x -> x.status().equals("active"))
                .max(Comparator.comparing(VersionInfo::effectiveFrom, Comparator.nullsFirst(Comparator.naturalOrder())));
        return head + " — " + switch (v.status()) {
            case "active" -> "the version in effect in this knowledge base";
            case "retired" -> current.map(c -> "retired, superseded in this knowledge base by version " + c.label())
                    .orElse("retired; no version of this guideline is in effect in this knowledge base");
            case "draft" -> current.map(c -> "draft, not in effect; the version in effect in this knowledge base is " + c.label())
                    .orElse("draft, not in effect; no version of this guideline is in effect in this knowledge base");
            default -> "status " + v.status();
        };
    }

    /** The line for the version with that IRI, or null when the catalog does not know it. */
    public static String of(Catalog catalog, String versionIri) {
        return catalog.byIri(versionIri).map(v -> of(catalog.guideline(v.guidelineId()), v)).orElse(null);
    }
}
