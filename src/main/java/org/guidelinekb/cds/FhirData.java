package org.guidelinekb.cds;

import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Resource;

/**
 * The FHIR data a request made available, per resource type: the resources (possibly none), where they came from,
 * or why they are not available (prefetch key missing and no {@code fhirServer}, an OperationOutcome, a failed
 * fetch). Unavailable data leaves the attributes it would decide unknown; it never counts as "nothing found".
 */
public record FhirData(Map<String, Source> sources) {

    /**
     * The data of one resource type. {@code unavailable} is null when the data could be read. {@code notObtained}: the
     * prefetch key was not sent and the data could not be fetched either (no usable fhirServer, or the fetch failed) —
     * unlike a prefetch the client sent as an OperationOutcome, which is data the client has but incomplete.
     */
    public record Source(String resourceType, String key, List<Resource> resources, String from, String unavailable, boolean notObtained) {
        public Source {
            resources = List.copyOf(resources);
        }

        public Source(String resourceType, String key, List<Resource> resources, String from, String unavailable) {
            this(resourceType, key, resources, from, unavailable, false);
        }

        /** Neither prefetched nor fetchable, for {@code reason}. */
        static Source notObtained(String resourceType, String key, String reason) {
            return new Source(resourceType, key, List.of(), null, reason, true);
        }

        public boolean available() {
            return unavailable == null;
        }
    }

    public FhirData {
        sources = Map.copyOf(sources);
    }

    /** The source of a resource type; an unavailable one when the service has no prefetch key for it. */
    public Source source(String resourceType) {
        Source s = sources.get(resourceType);
        return s != null ? s : new Source(resourceType, null, List.of(), null, "the service does not read " + resourceType + " resources");
    }
}
