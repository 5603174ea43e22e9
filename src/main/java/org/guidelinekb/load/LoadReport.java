package org.guidelinekb.load;

import java.util.List;

/** What a load did: one line per file, and the PROV activity that records it (null when nothing changed). */
public record LoadReport(List<FileResult> files, String activity) {

    /** {@code status} is "loaded" or "unchanged". */
    public record FileResult(String file, String graph, String rootType, String status, long triples, String sha256) {}

    public boolean changed() {
        return files.stream().anyMatch(f -> f.status().equals("loaded"));
    }
}
