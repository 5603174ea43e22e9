package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.guidelinekb.catalog.VersionSelector;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.InvalidInputException.FieldError;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A validated CDS Hooks service call (2.0; the 3.0 additions are accepted). Every problem is reported at once in one
 * 400 problem naming the fields.
 *
 * @param versions the guideline versions the caller chose through the extension {@value #VERSIONS_EXTENSION}, or null
 */
public record CdsRequest(String hook, String hookInstance, String fhirServer, String accessToken, JsonNode context,
                         JsonNode prefetch, VersionChoice versions) {

    public static final String VERSIONS_EXTENSION = "org.guidelinekb.versions";
    private static final Pattern UUID = Pattern.compile("(?i)(urn:uuid:)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** Which versions to evaluate: one guideline (or all when null) by label, date or current. */
    public record VersionChoice(String guideline, VersionSelector selector) {}

    /** Required context fields per hook (CDS Hooks hook definitions). */
    private static final Map<String, List<String>> CONTEXT = Map.of(
            "patient-view", List.of("userId", "patientId"),
            "order-select", List.of("userId", "patientId", "selections", "draftOrders"));

    /** Parses and validates a request body for {@code service}. */
    public static CdsRequest parse(String body, CdsService service) {
        JsonNode n = CdsJson.parse(body);
        List<FieldError> errors = new ArrayList<>();
        String hook = string(n, "hook", true, errors);
        if (hook != null && !hook.equals(service.hook())) {
            errors.add(new FieldError("hook", "is '" + hook + "', but service '" + service.id() + "' answers the hook '" + service.hook() + "'",
                    service.hook()));
        }
        String instance = string(n, "hookInstance", true, errors);
        if (instance != null && !UUID.matcher(instance).matches()) errors.add(new FieldError("hookInstance", "must be a UUID, not '" + instance + "'", null));
        String fhirServer = string(n, "fhirServer", false, errors);
        if (fhirServer != null && !fhirServer.matches("(?i)https?://\\S+")) errors.add(new FieldError("fhirServer", "must be an http(s) URL", null));
        String token = fhirAuthorization(n.get("fhirAuthorization"), fhirServer, errors);
        JsonNode context = n.get("context");
        if (context == null || context.isNull()) {
            errors.add(new FieldError("context", "is required: the hook's context, e.g. {\"userId\": \"Practitioner/1\", \"patientId\": \"123\"}", null));
        } else if (!context.isObject()) {
            errors.add(new FieldError("context", "must be an object", null));
        } else {
            for (String f : CONTEXT.getOrDefault(service.hook(), List.of())) {
                JsonNode v = context.get(f);
                if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                    errors.add(new FieldError("context." + f, "is required by the " + service.hook() + " hook", null));
                }
            }
            if (service.orderSelect()) {
                if (context.has("selections") && !context.get("selections").isArray()) {
                    errors.add(new FieldError("context.selections", "must be an array of references", null));
                }
                if (context.has("draftOrders") && !context.get("draftOrders").isObject()) {
                    errors.add(new FieldError("context.draftOrders", "must be a FHIR Bundle", null));
                }
            }
        }
        JsonNode prefetch = n.get("prefetch");
        if (prefetch != null && !prefetch.isNull() && !prefetch.isObject()) errors.add(new FieldError("prefetch", "must be an object of prefetch keys", null));
        VersionChoice versions = versions(n.get("extension"), errors);
        if (!errors.isEmpty()) {
            StringBuilder sb = new StringBuilder("invalid CDS Hooks request: ");
            for (int i = 0; i < errors.size(); i++) sb.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(' ').append(errors.get(i).message());
            throw new InvalidInputException(sb.toString(), errors);
        }
        return new CdsRequest(hook, instance, fhirServer == null ? null : fhirServer.replaceAll("/+$", ""), token, context,
                prefetch == null || prefetch.isNull() ? null : prefetch, versions);
    }

    /**
     * The access token of {@code fhirAuthorization}, null when none is given. Every REQUIRED member is checked
     * (access_token, token_type Bearer, expires_in, scope, subject) and fhirServer must be given with it. The token's
     * value never appears in a message.
     */
    private static String fhirAuthorization(JsonNode auth, String fhirServer, List<FieldError> errors) {
        if (auth == null || auth.isNull()) return null;
        String at = "fhirAuthorization.";
        if (!auth.isObject()) {
            errors.add(new FieldError("fhirAuthorization", "must be an object with access_token, token_type, expires_in, scope, subject", null));
            return null;
        }
        int before = errors.size();
        if (fhirServer == null) errors.add(new FieldError("fhirServer", "is required when fhirAuthorization is given", null));
        String token = string(auth, "access_token", true, errors, at);
        String type = string(auth, "token_type", true, errors, at);
        if (type != null && !type.equalsIgnoreCase("Bearer")) errors.add(new FieldError(at + "token_type", "must be 'Bearer'", "Bearer"));
        JsonNode expires = auth.get("expires_in");
        if (expires == null || expires.isNull()) errors.add(new FieldError(at + "expires_in", "is required", null));
        else if (!expires.canConvertToLong() || !expires.isIntegralNumber() || expires.asLong() <= 0) {
            errors.add(new FieldError(at + "expires_in", "must be a positive integer (seconds)", null));
        }
        string(auth, "scope", true, errors, at);
        string(auth, "subject", true, errors, at);
        return errors.size() > before ? null : token;
    }

    /** Never prints the FHIR access token. */
    @Override
    public String toString() {
        return "CdsRequest[hook=" + hook + ", hookInstance=" + hookInstance + ", fhirServer=" + fhirServer
                + ", fhirAuthorization=" + (accessToken == null ? "none" : "(given)") + "]";
    }

    private static VersionChoice versions(JsonNode extension, List<FieldError> errors) {
        if (extension == null || extension.isNull()) return null;
        if (!extension.isObject()) {
            errors.add(new FieldError("extension", "must be an object", null));
            return null;
        }
        JsonNode v = extension.get(VERSIONS_EXTENSION);
        if (v == null || v.isNull()) return null;
        String where = "extension." + VERSIONS_EXTENSION + ".";
        if (!v.isObject()) {
            errors.add(new FieldError("extension." + VERSIONS_EXTENSION, "must be an object {\"guideline\"?, \"version\"? | \"asOf\"?}", null));
            return null;
        }
        String guideline = string(v, "guideline", false, errors, where);
        String version = string(v, "version", false, errors, where);
        String asOf = string(v, "asOf", false, errors, where);
        if (version != null && guideline == null) errors.add(new FieldError(where + "guideline", "is required with version", null));
        try {
            return new VersionChoice(guideline, VersionSelector.of(version, asOf));
        } catch (InvalidInputException e) {
            errors.add(new FieldError(where + "asOf", e.getMessage(), null));
            return null;
        }
    }

    private static String string(JsonNode n, String field, boolean required, List<FieldError> errors) {
        return string(n, field, required, errors, "");
    }

    private static String string(JsonNode n, String field, boolean required, List<FieldError> errors, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) errors.add(new FieldError(prefix + field, "is required", null));
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            errors.add(new FieldError(prefix + field, "must be a non-empty string", null));
            return null;
        }
        return v.asText().strip();
    }

    public String patientId() {
        return context.path("patientId").asText();
    }
}
