package org.guidelinekb.versioning;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.guidelinekb.catalog.CoverageItem;
import org.guidelinekb.catalog.VersionInfo;

/**
 * One guideline version with its statements, keyed by recommendation IRI in display order.
 * {@code info} is its catalog entry (label, status, dates, coverage).
 */
public record EncodedVersion(VersionInfo info, Map<String, VersionStatement> statements) {

    /** The sections this version encodes; its statements are complete only for these. */
    public Set<String> coveredSections() {
        return info.coverage().stream().map(CoverageItem::section).filter(s -> s != null).collect(Collectors.toSet());
    }

    /** Whether this version encodes the given section (a version that states no coverage covers nothing for sure). */
    public boolean covers(String section) {
        return section != null && coveredSections().contains(section);
    }

    public String label() {
        return info.label();
    }
}
