package org.guidelinekb.versioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The clinically meaningful fields of a statement, named the same way in the comparison and in the history:
 * <ul>
 * <li>single values: {@code quote}, {@code summary}, {@code action}, {@code modality}, {@code category},
 *     {@code categoryBasis}, {@code strength}, {@code certainty}, {@code section}, {@code source.document},
 *     {@code source.locator}, {@code criteria} (the key of the root criterion), and {@code criterion:KEY} for each
 *     criterion (its meaning in words, so criteria are matched across versions by key);</li>
 * <li>sets: {@code evidence} (linked studies, findings, syntheses), {@code question} (clinical questions addressed) and
 *     {@code citedEvidence} (the evidence the guideline itself cites).</li>
 * </ul>
 * Display order and comments are not clinical content and are left out (the RDF Patch rendering shows every triple).
 */
public final class StatementFields {
    private StatementFields() {}

    public static final String CRITERION_PREFIX = "criterion:";

    /** A single-valued text field of a statement: its name (in JSON and in comparisons) and how to read it. */
    public record Field(String name, Function<VersionStatement, String> value) {
        public String of(VersionStatement s) {
            return value.apply(s);
        }
    }

    /**
     * The statement's text fields in their fixed order, the one list the comparison, the history and the version
     * API's statement JSON (api/VersionJson) all read.
     */
    public static final List<Field> TEXT = List.of(
            new Field("quote", VersionStatement::quote),
            new Field("summary", VersionStatement::summary),
            new Field("action", VersionStatement::action),
            new Field("modality", VersionStatement::modality),
            new Field("category", VersionStatement::category),
            new Field("categoryBasis", VersionStatement::categoryBasis),
            new Field("strength", VersionStatement::strength),
            new Field("certainty", VersionStatement::certainty));

    /** Single-valued fields in a fixed order; a value is null when the statement does not give it. */
    public static Map<String, String> scalars(VersionStatement s) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : TEXT) m.put(f.name(), f.of(s));
        m.put("section", s.section());
        m.put("source.document", s.sourceDocument());
        m.put("source.locator", s.sourceLocator());
        m.put("criteria", s.rootCriterion());
        s.criteria().forEach((key, c) -> m.put(CRITERION_PREFIX + key, c.describe()));
        return m;
    }

    /** Set-valued fields: evidence links and questions addressed, each sorted. */
    public static Map<String, List<String>> sets(VersionStatement s) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("evidence", s.evidence());
        m.put("question", s.questions());
        m.put("citedEvidence", s.citedEvidence());
        return m;
    }
}
