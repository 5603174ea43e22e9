package org.guidelinekb.questions;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The publications of a question's studies and syntheses against the dates of guideline versions, on one time axis.
 * A date is as precise as its source ({@code precision} "year", "month" or "day"); a publication is "before" or
 * "after" a version only when that holds for every day both dates may stand for, otherwise "order-unknown" (Badwe,
 * September 2015, against NCCN 2015, known only to the year). Undated publications are listed apart, never placed.
 */
@JsonPropertyOrder({"question", "versions", "publications", "undated"})
public record EvidenceTimeline(String question, List<VersionPoint> versions, List<Publication> publications,
                               List<Undated> undated) {

    @JsonPropertyOrder({"guideline", "version", "iri", "date", "precision"})
    public record VersionPoint(String guideline, String version, String iri, String date, String precision) {}

    /**
     * {@code basis}: "online" (first published online, ahead of print) or "print". {@code link}: "cited" when a
     * version cites its study or synthesis for the question ({@code citedBy}, as guideline@version), else
     * "attached" (linked by curators as bearing on the question).
     */
    @JsonPropertyOrder({"id", "label", "kind", "date", "precision", "basis", "evidence", "citation", "link", "citedBy", "relativeTo"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Publication(String id, String label, String kind, String date, String precision, String basis,
                              String evidence, String citation, String link, List<String> citedBy, List<Position> relativeTo) {}

    @JsonPropertyOrder({"guideline", "version", "position"})
    public record Position(String guideline, String version, String position) {}

    @JsonPropertyOrder({"id", "label", "kind", "evidence", "citation", "note", "link", "citedBy"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Undated(String id, String label, String kind, String evidence, String citation, String note, String link,
                          List<String> citedBy) {}
}
