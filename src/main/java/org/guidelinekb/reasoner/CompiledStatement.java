package org.guidelinekb.reasoner;

import java.util.List;

/**
 * What one version says for one recommendation, with everything the reasoner reports about it resolved once at
 * compile time (codes as notations, evidence with labels and key numbers).
 *
 * @param iri            the statement IRI (per version)
 * @param recommendation the stable recommendation IRI (identity across versions)
 * @param criteria       the compiled applicability tree, or null when the statement states no criteria
 * @param slots          size of the outcome array {@link Criterion#eval} fills
 */
public record CompiledStatement(String iri, String recommendation, String recommendationLabel, String guideline,
                                String version, String section, String text, String quote, String action,
                                String modality, String category, String categoryBasis, String strength,
                                String certainty, int order, Criterion criteria, int slots, List<Evidence> evidence,
                                Source source) {

    /** A study, synthesis or finding linked to the statement; {@code finding} gives its key result in words. */
    public record Evidence(String id, String type, String label, String finding, String verificationStatus) {}

    /** Where the statement was read: the locator, the document and its links. */
    public record Source(String id, String locator, String document, String title, List<String> links,
                         String verificationStatus) {}
}
