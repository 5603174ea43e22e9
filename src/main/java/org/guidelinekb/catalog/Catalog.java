package org.guidelinekb.catalog;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.guidelinekb.error.NotFoundException;

/**
 * An immutable snapshot of the version catalog, with the rules that choose a version:
 * <ul>
 * <li>by label: that version, whatever its status;</li>
 * <li>as of a date: among published versions (active or retired) whose effective date is on or before that day,
 *     the one with the latest effective date; drafts are never in effect;</li>
 * <li>current: the active version (the latest effective one if, unusually, several are active).</li>
 * </ul>
 */
public record Catalog(List<GuidelineInfo> guidelines, String stamp) {

    public Optional<GuidelineInfo> find(String guidelineId) {
        return guidelines.stream().filter(g -> g.id().equals(guidelineId)).findFirst();
    }

    public GuidelineInfo guideline(String guidelineId) {
        return find(guidelineId).orElseThrow(() -> new NotFoundException("no guideline '" + guidelineId + "'"
                + (guidelines.isEmpty() ? "" : "; known: " + String.join(", ", guidelines.stream().map(GuidelineInfo::id).toList()))));
    }

    /** Resolves a selector for one guideline; NotFoundException when nothing matches. */
    public VersionInfo resolve(String guidelineId, VersionSelector sel) {
        GuidelineInfo g = guideline(guidelineId);
        if (sel.version() != null) {
            return g.versions().stream().filter(v -> v.label().equals(sel.version())).findFirst()
                    .orElseThrow(() -> new NotFoundException("guideline '" + guidelineId + "' has no version '" + sel.version()
                            + "'; versions: " + String.join(", ", g.versions().stream().map(VersionInfo::label).toList())));
        }
        if (sel.asOf() != null) {
            LocalDate day = sel.asOf();
            return g.versions().stream().filter(VersionInfo::isPublished)
                    .filter(v -> v.effectiveFrom() != null && !v.effectiveFrom().isAfter(day))
                    .max(Comparator.comparing(VersionInfo::effectiveFrom))
                    .orElseThrow(() -> new NotFoundException("no version of '" + guidelineId + "' was in effect on " + day));
        }
        return g.versions().stream().filter(v -> v.status().equals("active"))
                .max(Comparator.comparing(VersionInfo::effectiveFrom, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> new NotFoundException("guideline '" + guidelineId + "' has no active version"));
    }

    /** Resolves a selector for every guideline (guidelines with no matching version are left out). */
    public List<VersionInfo> resolveAll(VersionSelector sel) {
        return guidelines.stream().flatMap(g -> {
            try {
                return java.util.stream.Stream.of(resolve(g.id(), sel));
            } catch (NotFoundException e) {
                return java.util.stream.Stream.empty();
            }
        }).toList();
    }

    /** The version with that IRI, if catalogued. */
    public Optional<VersionInfo> byIri(String versionIri) {
        return guidelines.stream().flatMap(g -> g.versions().stream()).filter(v -> v.iri().equals(versionIri)).findFirst();
    }
}
