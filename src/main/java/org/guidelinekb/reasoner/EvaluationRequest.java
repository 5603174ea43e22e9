package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code {"guideline"?, "version"? | "asOf"?, "case": {...}, "include"?, "explain"?}}: which guideline (all when
 * absent), which version (by label, as of a date, or the current active one), the case, and how much the answer
 * carries ({@link AnswerOptions}).
 */
public record EvaluationRequest(String guideline, VersionSelector selector, PatientCase patientCase, AnswerOptions options) {

    static final List<String> FIELDS = List.of("guideline", "version", "asOf", "case", "include", "explain");

    /** Validates a request body; every problem is reported at once (400). */
    public static EvaluationRequest parse(JsonNode body, CaseAttributes attributes) {
        RequestJson.object(body);
        List<FieldError> errors = new ArrayList<>();
        RequestJson.onlyFields(body, FIELDS, errors);
        String guideline = RequestJson.string(body, "guideline", errors);
        String version = RequestJson.string(body, "version", errors);
        String asOf = RequestJson.string(body, "asOf", errors);
        VersionSelector selector = VersionSelector.CURRENT;
        if (version != null && asOf != null) {
            errors.add(new FieldError("asOf", "give either version or asOf, not both", null));
        } else {
            try {
                selector = VersionSelector.of(version, asOf);
            } catch (InvalidInputException e) {
                errors.addAll(e.errors().isEmpty() ? List.of(new FieldError("asOf", e.getMessage(), null)) : e.errors());
            }
        }
        JsonNode c = body.get("case");
        PatientCase patientCase = c == null
                ? missingCase(errors, attributes)
                : PatientCase.parse(c, attributes, errors);
        AnswerOptions options = AnswerOptions.parse(body, errors);
        if (!errors.isEmpty()) throw RequestJson.invalid(errors);
        return new EvaluationRequest(guideline, selector, patientCase, options);
    }

    static PatientCase missingCase(List<FieldError> errors, CaseAttributes attributes) {
        errors.add(new FieldError("case", "is required: a JSON object of case attributes ({} when nothing is known)", null));
        return PatientCase.parse(JsonNodeFactory.instance.objectNode(), attributes, new ArrayList<>());
    }
}
