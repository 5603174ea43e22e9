package org.guidelinekb.reasoner;

import org.guidelinekb.util.Json;
import org.guidelinekb.util.Closest;

import java.util.Iterator;
import java.util.List;

import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Reading the JSON body of a reasoner request (the API and the CLI read the same JSON): parsing and field checks. */
public final class RequestJson {
    /** The server's one configured mapper: request bodies nest at most {@value org.guidelinekb.util.Json#MAX_NESTING} levels. */
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = org.guidelinekb.util.Json.MAPPER;

    private RequestJson() {}

    /** Parses a request body; 400 when it is not JSON or not an object. */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) throw new InvalidInputException("the request body is empty; send a JSON object");
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not JSON: " + e.getOriginalMessage());
        }
        return object(n);
    }

    /** The node itself when it is a JSON object, else a 400. */
    static JsonNode object(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException("the request body must be a JSON object, not "
                    + (n == null ? "nothing" : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return n;
    }

    /** Adds an error for each member of {@code body} not in {@code allowed}, with the closest allowed name. */
    static void onlyFields(JsonNode body, List<String> allowed, List<FieldError> errors) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                String s = Closest.of(f, allowed);
                errors.add(new FieldError(f, "unknown member '" + f + "'; the request has " + String.join(", ", allowed)
                        + (s == null ? "" : "; did you mean '" + s + "'?"), s));
            }
        }
    }

    /** An optional string member: null when absent, null or blank; an error when of another type. */
    static String string(JsonNode body, String field, List<FieldError> errors) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) {
            errors.add(new FieldError(field, "must be a string, not " + v, null));
            return null;
        }
        return v.textValue().isBlank() ? null : v.textValue().strip();
    }

    /** A required string member: an error when absent, null, blank or of another type. */
    static String required(JsonNode body, String field, String what, List<FieldError> errors) {
        int before = errors.size();
        String s = string(body, field, errors);
        if (s == null && errors.size() == before) errors.add(new FieldError(field, "is required: " + what, null));
        return s;
    }

    /** The exception for a list of field errors: its detail names every field. */
    static InvalidInputException invalid(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder(errors.size() == 1 ? "invalid request: " : errors.size() + " problems in the request: ");
        for (int i = 0; i < errors.size(); i++) {
            FieldError e = errors.get(i);
            sb.append(i == 0 ? "" : "; ").append(e.field()).append(": ").append(e.message());
        }
        return new InvalidInputException(sb.toString(), errors);
    }

}
