package org.guidelinekb.reasoner;

import java.util.ArrayList;
import java.util.List;

import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code {"guideline", "from", "to", "case"}}: replay one case on two versions of a guideline (by label).
 * {@code guideline} may be left out when the knowledge base holds exactly one guideline.
 */
public record CompareRequest(String guideline, String from, String to, PatientCase patientCase) {

    static final List<String> FIELDS = List.of("guideline", "from", "to", "case");

    /** Validates a request body; every problem is reported at once (400). */
    public static CompareRequest parse(JsonNode body, CaseAttributes attributes) {
        RequestJson.object(body);
        List<FieldError> errors = new ArrayList<>();
        RequestJson.onlyFields(body, FIELDS, errors);
        String guideline = RequestJson.string(body, "guideline", errors);
        String from = RequestJson.required(body, "from", "the version label to compare from", errors);
        String to = RequestJson.required(body, "to", "the version label to compare to", errors);
        JsonNode c = body.get("case");
        PatientCase patientCase = c == null
                ? EvaluationRequest.missingCase(errors, attributes)
                : PatientCase.parse(c, attributes, errors);
        if (!errors.isEmpty()) throw RequestJson.invalid(errors);
        return new CompareRequest(guideline, from, to, patientCase);
    }
}
