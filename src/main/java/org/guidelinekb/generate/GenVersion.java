package org.guidelinekb.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * One generated guideline version: its label, dates, status, the sections it covers, its statements (in display
 * order) and the previous version's label (null for the first).
 */
public record GenVersion(String guideline, String label, LocalDate effectiveFrom, String status, String previous,
                         List<String> sections, List<GenStatement> statements) {

    public String iri() {
        return "https://w3id.org/gkb/id/guideline/" + guideline + "/version/" + label;
    }
}
