package org.guidelinekb.questions;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What each chosen guideline version says about one clinical question, grouped by the clinical action concerned (an
 * action with its narrower actions: surgery of the primary falls under locoregional therapy of the primary).
 * Statements of different versions are never matched as "added" or "removed" (their identities differ);
 * {@code differences} says in words what each version states, and which versions say nothing on it in the sections
 * they encode.
 */
@JsonPropertyOrder({"question", "label", "versions", "groups"})
public record QuestionComparison(String question, String label, List<Side> versions, List<Group> groups) {

    /** One chosen version: its dates and the sections it encodes ({@code coverage}, labels). */
    @JsonPropertyOrder({"guideline", "version", "iri", "status", "date", "precision", "coverage"})
    public record Side(String guideline, String version, String iri, String status, String date, String precision,
                       List<String> coverage) {
        String name() {
            return guideline + " " + version;
        }
    }

    /** The statements on one action (and its narrower actions), in version order, with the differences in words. */
    @JsonPropertyOrder({"action", "label", "statements", "differences"})
    public record Group(String action, String label, List<Entry> statements, List<String> differences) {}

    /** One statement: {@code criteria} is when it applies, in words; {@code action} the statement's own action. */
    @JsonPropertyOrder({"id", "guideline", "version", "action", "modality", "category", "summary", "criteria"})
    public record Entry(String id, String guideline, String version, String action, String modality, String category,
                        String summary, String criteria) {}
}
