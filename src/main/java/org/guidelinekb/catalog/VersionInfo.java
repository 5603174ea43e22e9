package org.guidelinekb.catalog;

import java.time.LocalDate;
import java.util.List;

/**
 * A guideline version as the catalog describes it. {@code iri} is also the name of the version's named graph.
 * {@code status} is "draft", "active" or "retired"; {@code effectiveFromPrecision} is "year" when only the year
 * is known (then {@code effectiveFrom} is 1 January of it), else "day".
 */
public record VersionInfo(String guidelineId, String guideline, String label, String iri, String status, LocalDate issued,
                          LocalDate effectiveFrom, String effectiveFromPrecision, String previousVersion, String publisher,
                          List<CoverageItem> coverage) {

    public boolean isPublished() {
        return status.equals("active") || status.equals("retired");
    }

    public boolean isDraft() {
        return status.equals("draft");
    }
}
