package org.guidelinekb.versioning;

import java.util.List;

/**
 * The history ("blame") of one recommendation across the versions of its guideline, oldest effective first.
 *
 * @param appearances each version that states the recommendation: the statement, and for each field its value and
 *                    the version that introduced that value ({@code since})
 * @param absences    each version that does not state it, with the reason: {@code not-covered} (the version does not
 *                    encode its section: says nothing) or {@code not-stated} (the version covers the section and has no
 *                    statement: the recommendation was dropped; a later reappearance starts every field afresh)
 * @param lineage     the curated lineage links followed: a version that does not state the recommendation but states
 *                    one it continues, replaces, or was split or merged from (transitively) appears with that statement
 */
public record RecommendationHistory(String recommendation, String id, String guideline, String label,
                                    List<Appearance> appearances, List<Absence> absences,
                                    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                                    List<Lineage> lineage) {

    public record Appearance(String version, String status, String effectiveFrom, VersionStatement statement,
                             List<FieldOrigin> fields) {}

    /** {@code value} is a string (or null when not given) for single fields, a list for {@code evidence} and {@code question}. */
    public record FieldOrigin(String field, Object value, String since) {}

    public record Absence(String version, String status, String reason) {}
}
