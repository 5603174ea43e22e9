package org.guidelinekb.versioning;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The clinical comparison of two versions of one guideline, matched by stable recommendation identity.
 *
 * <p>{@code added}: recommendations stated only by {@code to}, in a section {@code from} covers. {@code removed}: stated
 * only by {@code from}, in a section {@code to} covers. {@code modified}: stated by both, with field-level changes
 * (see {@link StatementFields}). {@code unchanged}: how many are stated by both with no change. {@code notCovered}:
 * stated by one version only, in a section the other version does not cover, so its absence says nothing.
 */
@JsonPropertyOrder({"from", "to", "added", "removed", "modified", "unchanged", "notCovered", "guideline", "fromVersion", "toVersion",
                    "curated", "questionComparisons"})
public record GuidelineDiff(String from, String to, List<StatementBrief> added, List<StatementBrief> removed,
                            List<Modification> modified, int unchanged, List<NotCovered> notCovered, String guideline,
                            VersionRef fromVersion, VersionRef toVersion,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Curated> curated,
                            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<QuestionLink> questionComparisons) {

    /**
     * A recommendation of {@code from} that a curator links to recommendation(s) of {@code to} (gkb:LineageLink): reported
     * instead of "not covered" on both sides. {@code text} says it in words, e.g. "replaced by X (curated: note)".
     */
    @JsonPropertyOrder({"kind", "fromRecommendation", "fromLabel", "toRecommendations", "toLabels", "note", "curator", "text"})
    public record Curated(String kind, String fromRecommendation, String fromLabel, List<String> toRecommendations,
                          List<String> toLabels, String note, String curator, String text) {}

    /**
     * When nothing lines up (every statement is not covered by the other version): the versions encode different
     * sections; {@code api} and {@code page} compare them on a clinical question their statements address instead.
     */
    @JsonPropertyOrder({"question", "note", "api", "page"})
    public record QuestionLink(String question, String note, String api, String page) {}

    /** One side of the comparison. {@code coverage} lists the labels (or IRIs) of the sections the version encodes. */
    public record VersionRef(String version, String iri, String status, String effectiveFrom, List<String> coverage) {}

    /** A statement in brief, for the added and removed lists. */
    public record StatementBrief(String recommendation, String label, String statement, String section, String summary,
                                 String action, String modality, String category) {}

    /** A recommendation stated by both versions, with what changed. */
    public record Modification(String recommendation, String label, String fromStatement, String toStatement,
                               List<FieldChange> changes) {}

    /** One changed field; {@code from} is null for an addition, {@code to} is null for a removal. */
    @JsonPropertyOrder({"field", "from", "to"})
    public record FieldChange(String field, String from, String to) {}

    /**
     * A recommendation stated only by {@code presentIn}, in a section that {@code absentFrom} does not cover.
     * {@code note} says so in words.
     */
    public record NotCovered(String recommendation, String label, String section, String sectionLabel, String presentIn,
                             String absentFrom, String note) {}
}
