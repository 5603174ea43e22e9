package org.guidelinekb.cds;

import org.guidelinekb.util.Json;
import org.guidelinekb.error.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading a CDS Hooks request body (a call or feedback) with the server's one configured mapper ({@link Json}): at
 * most {@value Json#MAX_NESTING} levels of nesting, bounded strings. Anything else is a 400 saying what was wrong.
 */
final class CdsJson {
    private CdsJson() {}

    /** The body as a JSON object; 400 when empty, not JSON, nested too deep or not an object. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) throw new InvalidInputException("the request body is empty; send a JSON object");
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(body);
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("the request body exceeds a JSON limit (the JSON nesting limit is " + Json.MAX_NESTING
                    + " levels): " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InvalidInputException("the request body must be a JSON object, not "
                    + (n == null ? "nothing" : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        return n;
    }
}
