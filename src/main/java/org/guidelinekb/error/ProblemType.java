package org.guidelinekb.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of problem the server reports: the registry of problem types. A problem document's {@code type} is
 * {@link #uri()}, {@code https://w3id.org/gkb/problems/<slug>}; its last segment is the anchor of the type's heading in
 * {@code docs/problems.md} (a test keeps the two equal). Only this enum names types: the domain exceptions
 * ({@link GkbException#type()}) and the HTTP edge ({@code api.Problem}, {@code api.ApiErrors}) both take one. The HTTP
 * status of each is chosen at the edge.
 */
public enum ProblemType {
    INVALID_INPUT("invalid-input", "Invalid input"),
    UNAUTHENTICATED("unauthenticated", "Authentication required"),
    FORBIDDEN("forbidden", "Not allowed"),
    NOT_FOUND("not-found", "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable"),
    REQUEST_TIMEOUT("request-timeout", "Request timeout"),
    CONFLICT("conflict", "Conflict with the knowledge base"),
    PRECONDITION_FAILED("precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large"),
    URI_TOO_LONG("uri-too-long", "URI too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type"),
    VALIDATION_FAILED("validation-failed", "Content does not satisfy the knowledge model"),
    TOO_MANY_REQUESTS("too-many-requests", "Too many requests"),
    HEADERS_TOO_LARGE("headers-too-large", "Request headers too large"),
    INTERNAL_ERROR("internal-error", "Internal server error"),
    NOT_IMPLEMENTED("not-implemented", "Not implemented"),
    QUERY_TIMEOUT("query-timeout", "Query stopped: time limit"),
    STORE_UNAVAILABLE("store-unavailable", "Store unavailable"),
    NOT_READY("not-ready", "Not ready"),
    UNAVAILABLE("unavailable", "Unavailable"),
    HTTP_ERROR("http-error", "HTTP error");

    /** The common prefix of every type URI. */
    public static final String BASE = "https://w3id.org/gkb/problems/";

    private final String slug;
    private final String title;

    ProblemType(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    /** Stable short name, e.g. {@code not-found}: the last segment of the URI and the heading in docs/problems.md. */
    public String slug() {
        return slug;
    }

    /** A short human title, the problem document's {@code title}. */
    public String title() {
        return title;
    }

    /** The problem document's {@code type}. */
    public String uri() {
        return BASE + slug;
    }

    public static Optional<ProblemType> ofSlug(String slug) {
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }
}
