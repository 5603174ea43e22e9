package org.guidelinekb.api;

import java.util.List;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

/**
 * Limits on request bodies, checked before any handler reads one: a JSON body over the JSON limit (default 1 MB)
 * or any body over the upload limit → 413; a JSON route sent another content type → 415. Both answer
 * {@code application/problem+json}.
 */
public final class RequestLimits {
    /** Routes whose body must be JSON (path prefixes). */
    static final List<String> JSON_ROUTES = List.of("/api/evaluate", "/cds-services");
    private final long maxJsonBytes;
    private final long maxUploadBytes;

    public RequestLimits(long maxJsonBytes, long maxUploadBytes) {
        this.maxJsonBytes = maxJsonBytes;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void routes(RoutesConfig r) {
        r.before(this::check);
    }

    private void check(Context ctx) {
        HandlerType m = ctx.method();
        if (m != HandlerType.POST && m != HandlerType.PUT && m != HandlerType.PATCH) return;
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase();
        boolean jsonRoute = JSON_ROUTES.stream().anyMatch(p -> ctx.path().startsWith(p));
        boolean isJson = type.startsWith("application/json") || type.matches("application/[a-z.+-]*\\+json.*");
        long length = ctx.contentLength();
        long limit = isJson || jsonRoute ? maxJsonBytes : maxUploadBytes;
        if (length > limit) throw tooLarge(limit);
        if (jsonRoute && !isJson) {
            throw new io.javalin.http.HttpResponseException(415,
                    "send the body as application/json (got " + (type.isEmpty() ? "no content type" : type) + ")");
        }
        if (length < 0 && ctx.bodyAsBytes().length > limit) throw tooLarge(limit); // chunked: count what came
    }

    private static io.javalin.http.HttpResponseException tooLarge(long limit) {
        return new io.javalin.http.HttpResponseException(413, "the request body is larger than the limit of " + limit + " bytes");
    }
}
