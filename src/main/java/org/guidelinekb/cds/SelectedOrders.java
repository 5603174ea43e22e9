package org.guidelinekb.cds;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.guidelinekb.error.InvalidInputException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

import com.fasterxml.jackson.databind.JsonNode;

import ca.uhn.fhir.context.FhirContext;

/**
 * order-select: the draft orders the clinician selected ({@code context.selections} in {@code context.draftOrders}),
 * each with the action it is by the mapping's {@code orders} (null when the mapping knows no action for its code).
 */
record SelectedOrders(List<Order> orders) {

    /** One selected order: its reference ("ServiceRequest/123"), a description of its code, and its action notation. */
    record Order(String reference, String description, String action) {}

    SelectedOrders {
        orders = List.copyOf(orders);
    }

    /** The actions of the selected breast surgery orders (notations), in order. */
    Set<String> actions() {
        Set<String> out = new LinkedHashSet<>();
        for (Order o : orders) {
            if (o.action() != null) out.add(o.action());
        }
        return out;
    }

    static SelectedOrders read(JsonNode context, FhirContext fhir, FhirMapping mapping) {
        Set<String> selections = new LinkedHashSet<>();
        context.path("selections").forEach(s -> selections.add(s.asText()));
        IBaseResource parsed;
        try {
            parsed = fhir.newJsonParser().parseResource(context.get("draftOrders").toString());
        } catch (RuntimeException e) { // DataFormatException, and HAPI's other failures on malformed resources
            throw new InvalidInputException("context.draftOrders is not FHIR R4 JSON: " + e.getMessage(),
                    List.of(new InvalidInputException.FieldError("context.draftOrders", "is not a FHIR R4 Bundle", null)));
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw new InvalidInputException("context.draftOrders must be a Bundle, not a " + parsed.fhirType(),
                    List.of(new InvalidInputException.FieldError("context.draftOrders", "must be a Bundle", null)));
        }
        FhirMapping.ResourceFilter filter = mapping.filters().get("ServiceRequest");
        List<Order> out = new ArrayList<>();
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            Resource r = e.getResource();
            if (!(r instanceof ServiceRequest sr)) continue;
            String ref = "ServiceRequest/" + sr.getIdElement().getIdPart();
            if (!selections.contains(ref) && !selections.contains(e.getFullUrl())) continue;
            if (filter != null && !filter.accepts("status", FhirResources.element(sr, "status"))) continue;
            String action = null;
            for (FhirMapping.OrderAction oa : mapping.orders()) {
                if (oa.codes().matches(sr.getCode())) {
                    action = oa.action();
                    break;
                }
            }
            var coding = sr.getCode().getCodingFirstRep();
            String description = sr.getCode().hasText() ? sr.getCode().getText()
                    : coding.hasDisplay() ? coding.getDisplay() + " (" + coding.getSystem() + " " + coding.getCode() + ")"
                    : coding.getSystem() + " " + coding.getCode();
            out.add(new Order(ref, description, action));
        }
        return new SelectedOrders(out);
    }
}
