package org.guidelinekb.cds;

import java.util.List;

import org.guidelinekb.catalog.VersionInfo;
import org.guidelinekb.reasoner.CompiledStatement;
import org.guidelinekb.reasoner.Status;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the reasoner says about one statement for this patient, as the cards use it.
 *
 * @param explanation the reasoner's JSON for the statement (reasons, criteria tree, missing, evidence, source)
 * @param selectedBy  why this version was evaluated (current active, requested, or taken from a non-active version)
 * @param openNote    when an open list (e.g. metastatic sites coded as conditions) kept the statement undetermined, why
 */
record StatementVerdict(VersionInfo version, CompiledStatement statement, Status status, List<String> missing,
                        ObjectNode explanation, String selectedBy, boolean fallback, String openNote) {
    StatementVerdict {
        missing = List.copyOf(missing);
    }
}
