package org.guidelinekb.generate;

/**
 * What one generated version says for one recommendation. {@code rec} is the recommendation's local name (stable
 * across versions), {@code section} the local name of its section.
 */
public record GenStatement(String rec, String recLabel, String section, int displayOrder, String summary, String action,
                           String modality, String category, boolean categoryStated, GenCriterion criteria) {

    public GenStatement with(String newSummary, String newAction, String newModality, String newCategory, boolean stated,
                             GenCriterion newCriteria) {
        return new GenStatement(rec, recLabel, section, displayOrder, newSummary, newAction, newModality, newCategory, stated, newCriteria);
    }
}
