package org.guidelinekb.fhir;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.RowSet;

/**
 * The studies a version's statements cite (rows of {@code internal/fhir-studies}), as the text the export puts in
 * {@code RelatedArtifact.citation} where a statement or a synthesis links a study or one of its findings: title,
 * registry ids and the publications reporting it, as the knowledge base records them. Not a {@code ResearchStudy}:
 * R4 requires {@code ResearchStudy.status} (recruitment status), which the knowledge base does not record, R4 has no
 * "unknown" code, and FHIR R4 core validation refuses the element absent with a data-absent-reason (docs/fhir.md).
 */
final class FhirStudies {
    private record Study(String label, Set<String> titles, Set<String> registryIds, Map<String, String> publications) {}

    private final Map<String, String> studyOf = new LinkedHashMap<>();
    private final Map<String, Study> studies = new LinkedHashMap<>();

    private FhirStudies() {}

    static FhirStudies of(RowSet rows) {
        FhirStudies out = new FhirStudies();
        while (rows.hasNext()) {
            Binding r = rows.next();
            String study = str(r, "study");
            out.studyOf.put(str(r, "evidence"), study);
            Study s = out.studies.computeIfAbsent(study, k -> new Study(str(r, "label"), new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashMap<>()));
            if (str(r, "title") != null) s.titles().add(str(r, "title"));
            if (str(r, "registryId") != null) s.registryIds().add(str(r, "registryId"));
            String publication = str(r, "publication");
            if (publication != null) {
                String cite = str(r, "citation") != null ? str(r, "citation") : publication;
                if (str(r, "doi") != null) cite = cite + " doi:" + str(r, "doi");
                s.publications().put(publication, cite);
            }
        }
        return out;
    }

    /** The study an evidence IRI is, or is a finding of; null for a synthesis or an item without a study. */
    String studyOf(String evidence) {
        return studyOf.get(evidence);
    }

    /** The citation text of a study: its title, registry ids and reporting publications; null for an unknown study. */
    String citation(String study) {
        Study s = studies.get(study);
        if (s == null) return null;
        StringBuilder sb = new StringBuilder(s.label() != null ? s.label() : study);
        for (String t : s.titles()) sb.append(". ").append(t);
        if (!s.registryIds().isEmpty()) sb.append(". Registry: ").append(String.join(", ", s.registryIds()));
        if (!s.publications().isEmpty()) sb.append(". Reported in: ").append(String.join("; ", s.publications().values()));
        return sb.append(sb.charAt(sb.length() - 1) == '.' ? "" : ".").toString();
    }

    private static String str(Binding b, String var) {
        return FhirEvidence.str(b, var);
    }
}
