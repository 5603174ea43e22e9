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
        checkParameters(type);
        boolean jsonRoute = JSON_ROUTES.stream().anyMatch(p -> ctx.path().startsWith(p));
        boolean isJson = type.startsWith("application/json") || type.matches("application/[a-z.+-]*\\+json.*");
        long length = ctx.contentLength();
        long limit = isJson || jsonRoute ? maxJsonBytes : maxUploadBytes;
        if (length > limit) {
            // read (and drop) a moderately oversized body first, so the client is not still sending when the answer
            // comes and the connection closes: it then reliably sees the 413
            if (length <= 4 * limit) drain(ctx);
            throw tooLarge(limit);
        }
        if (jsonRoute && !isJson) {
            throw new io.javalin.http.HttpResponseException(415,
                    "send the body as application/json (got " + (type.isEmpty() ? "no content type" : type) + ")");
        }
        if (length < 0 && ctx.bodyAsBytes().length > limit) throw tooLarge(limit); // chunked: count what came
    }

    private static void drain(Context ctx) {
        try (var in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException e) {
            // the client went away; nothing to answer
        }
    }

    /**
     * A Content-Type whose parameters are not {@code name=value}, or whose charset is unknown, is refused here with
     * 400: the framework would fail on it later while reading the body.
     */
    static void checkParameters(String type) {
        String[] parts = type.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.isEmpty()) continue;
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) throw badType(type, "parameter '" + p + "' is not name=value");
            if (p.substring(0, eq).strip().equals("charset")) {
                String cs = p.substring(eq + 1).strip().replace("\"", "");
                try {
                    if (!java.nio.charset.Charset.isSupported(cs)) throw badType(type, "unknown charset '" + cs + "'");
                } catch (java.nio.charset.IllegalCharsetNameException e) {
                    throw badType(type, "unknown charset '" + cs + "'");
                }
            }
        }
    }

    private static io.javalin.http.HttpResponseException badType(String type, String why) {
        return new io.javalin.http.HttpResponseException(400, "malformed Content-Type '" + type + "': " + why);
    }

    private static io.javalin.http.HttpResponseException tooLarge(long limit) {
        return new io.javalin.http.HttpResponseException(413, "the request body is larger than the limit of " + limit + " bytes");
    }
}
