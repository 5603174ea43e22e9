package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.guidelinekb.error.InvalidInputException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;

/**
 * Turns a request's prefetch (and, for missing keys, the client's FHIR server) into {@link FhirData}.
 * <ul>
 * <li>a key present with a resource or Bundle: its resources of the template's type;</li>
 * <li>a key present with {@code null}: the client found no data, so an empty, available source;</li>
 * <li>a key whose value is an OperationOutcome: unavailable (the client could not get the data);</li>
 * <li>a key missing: fetched from {@code fhirServer} with the bearer token of {@code fhirAuthorization} only when the
 * request gives both and the operator allowed that FHIR server ({@link FhirServerPolicy}), else unavailable.</li>
 * </ul>
 * What the caller is told about a failed fetch never names a host or port, nor the transport's error text.
 * A prefetch value that is not FHIR R4 JSON is a 400.
 */
final class PrefetchReader {
    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*\\}\\}");
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");
    private static final int MAX_PAGES = 20;

    private final java.util.function.Supplier<FhirContext> fhir;
    private final FhirFetcher fetcher;
    private final FhirServerPolicy servers;

    PrefetchReader(java.util.function.Supplier<FhirContext> fhir, FhirFetcher fetcher, FhirServerPolicy servers) {
        this.fhir = fhir;
        this.fetcher = fetcher;
        this.servers = servers;
    }

    FhirData read(CdsService service, CdsRequest req) {
        Map<String, FhirData.Source> out = new LinkedHashMap<>();
        service.prefetch().forEach((key, template) -> {
            String type = CdsService.resourceTypeOf(template);
            out.put(type, source(key, type, template, req));
        });
        return new FhirData(out);
    }

    private FhirData.Source source(String key, String type, String template, CdsRequest req) {
        JsonNode given = req.prefetch() == null ? null : req.prefetch().get(key);
        if (req.prefetch() != null && req.prefetch().has(key)) {
            String from = "prefetch '" + key + "'";
            if (given == null || given.isNull()) return new FhirData.Source(type, key, List.of(), from + " (null: no data)", null);
            if (!given.isObject()) throw new InvalidInputException("prefetch." + key + " must be a FHIR resource or null",
                    List.of(new InvalidInputException.FieldError("prefetch." + key, "must be a FHIR resource or null", null)));
            return resources(key, type, parse(given.toString(), "prefetch." + key), from);
        }
        if (req.fhirServer() == null || req.accessToken() == null) {
            return FhirData.Source.notObtained(type, key, "prefetch '" + key + "' was not sent and the request names no fhirServer "
                    + "with fhirAuthorization to fetch it from");
        }
        if (!servers.allows(req.fhirServer())) {
            return FhirData.Source.notObtained(type, key, "prefetch '" + key + "' was not sent and the request's fhirServer is not "
                    + "a FHIR server this service may fetch from");
        }
        String query = expand(template, req.context());
        if (query == null) {
            return FhirData.Source.notObtained(type, key,
                    "prefetch '" + key + "' was not sent and its template " + template + " cannot be filled from the context");
        }
        return fetch(key, type, query, req);
    }

    private FhirData.Source fetch(String key, String type, String query, CdsRequest req) {
        List<Resource> all = new ArrayList<>();
        String next = req.fhirServer() + "/" + query;
        String from = "fetched from the fhirServer (GET " + query + ")";
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) return FhirData.Source.notObtained(type, key, "GET " + query + " has more than " + MAX_PAGES + " pages; not read");
            FhirFetcher.Answer a = fetcher.get(next, req.accessToken());
            if (a.failure() != null) return FhirData.Source.notObtained(type, key, a.failure() + " (GET " + query + ")");
            IBaseResource r;
            try {
                r = fhir.get().newJsonParser().parseResource(a.body());
            } catch (DataFormatException e) {
                return FhirData.Source.notObtained(type, key, "the FHIR server's answer to GET " + query + " is not FHIR R4 JSON");
            }
            FhirData.Source s = resources(key, type, r, from);
            if (!s.available()) return s;
            all.addAll(s.resources());
            String link = r instanceof Bundle b && b.getLink(Bundle.LINK_NEXT) != null ? b.getLink(Bundle.LINK_NEXT).getUrl() : null;
            next = link != null && (link.startsWith(req.fhirServer() + "/") || link.startsWith(req.fhirServer() + "?")) ? link : null;
        }
        return new FhirData.Source(type, key, all, from, null);
    }

    private IBaseResource parse(String json, String field) {
        try {
            return fhir.get().newJsonParser().parseResource(json);
        } catch (DataFormatException e) {
            throw new InvalidInputException(field + " is not FHIR R4 JSON: " + e.getMessage(),
                    List.of(new InvalidInputException.FieldError(field, "is not FHIR R4 JSON", null)));
        } catch (RuntimeException e) {
            // HAPI's parser fails with assorted runtime exceptions on some malformed resources (e.g. an object where
            // an id string belongs): still the client's input, still a 400
            throw new InvalidInputException(field + " is not FHIR R4 JSON (" + e.getClass().getSimpleName() + ")",
                    List.of(new InvalidInputException.FieldError(field, "is not FHIR R4 JSON", null)));
        }
    }

    /** The resources of the expected type in a resource or Bundle; an OperationOutcome makes the data unavailable. */
    private static FhirData.Source resources(String key, String type, IBaseResource r, String from) {
        if (r instanceof OperationOutcome oo) return new FhirData.Source(type, key, List.of(), null, from + " is an OperationOutcome (" + issues(oo) + ")");
        List<Resource> out = new ArrayList<>();
        if (r instanceof Bundle b) {
            for (Bundle.BundleEntryComponent e : b.getEntry()) {
                if (e.getResource() != null && e.getResource().fhirType().equals(type)) out.add(e.getResource());
            }
        } else if (r instanceof Resource res && res.fhirType().equals(type)) {
            out.add(res);
        } else {
            return new FhirData.Source(type, key, List.of(), null, from + " is a " + r.fhirType() + ", not " + type + " data");
        }
        return new FhirData.Source(type, key, out, from, null);
    }

    private static String issues(OperationOutcome oo) {
        List<String> out = new ArrayList<>();
        for (OperationOutcome.OperationOutcomeIssueComponent i : oo.getIssue()) {
            out.add((i.hasCode() ? i.getCode().toCode() : "issue") + (i.hasDiagnostics() ? ": " + i.getDiagnostics() : ""));
        }
        return out.isEmpty() ? "no issue given" : String.join("; ", out);
    }

    /** Fills {{context.x}} and {{userPractitionerId}}-style tokens; null when one cannot be filled safely. */
    static String expand(String template, JsonNode context) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = token(m.group(1), context);
            if (v == null || !FHIR_ID.matcher(v).matches()) return null;
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String token(String name, JsonNode context) {
        if (name.startsWith("context.")) {
            JsonNode v = context.get(name.substring("context.".length()));
            return v != null && v.isTextual() ? v.asText() : null;
        }
        String user = context.path("userId").asText("");
        String type = switch (name) {
            case "userPractitionerId" -> "Practitioner/";
            case "userPractitionerRoleId" -> "PractitionerRole/";
            case "userPatientId" -> "Patient/";
            case "userRelatedPersonId" -> "RelatedPerson/";
            default -> null;
        };
        return type != null && user.startsWith(type) ? user.substring(type.length()) : null;
    }
}
