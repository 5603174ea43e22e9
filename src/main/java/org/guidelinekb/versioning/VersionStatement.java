package org.guidelinekb.versioning;

import java.util.List;
import java.util.Map;

/**
 * What one guideline version says for one recommendation, as read from the version's graph.
 *
 * <p>Concept-valued fields ({@code action}, {@code modality}, {@code category}, {@code strength}, {@code certainty})
 * hold the concept's code (the last segment of its IRI, e.g. {@code 2A}); identities (statement, recommendation,
 * section, source document, evidence, questions) are full IRIs. {@code citedEvidence} is the part of {@code evidence}
 * the guideline itself cites (gkb:citedEvidence); the rest was attached by curators as bearing on the statement.
 * {@code rootCriterion} is the key of the root of
 * {@code criteria} (criteria by key, sorted). Absent fields are null, or empty lists.
 */
public record VersionStatement(String iri, String recommendation, String recommendationLabel, String section, String sectionLabel,
                               List<String> quotes, List<String> summaries, String action, String modality, String category,
                               String categoryBasis, String strength, String certainty, String rootCriterion,
                               Map<String, CriterionNode> criteria, List<String> evidence, List<String> questions,
                               String sourceDocument, String sourceLocator, Integer displayOrder, List<String> citedEvidence) {

    /** The quote(s), joined; null when the content gives none. */
    public String quote() {
        return quotes.isEmpty() ? null : String.join(" | ", quotes);
    }

    /** The summary (or summaries, joined); null when the content gives none. */
    public String summary() {
        return summaries.isEmpty() ? null : String.join(" | ", summaries);
    }

    /** The recommendation's label, or the last segment of its IRI. */
    public String name() {
        return recommendationLabel != null ? recommendationLabel : recommendation.substring(recommendation.lastIndexOf('/') + 1);
    }
}
