package org.guidelinekb.api;

import java.util.Map;

import org.guidelinekb.error.AuthException;
import org.guidelinekb.error.ConflictException;
import org.guidelinekb.error.GkbException;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.NotFoundException;
import org.guidelinekb.error.QueryTimeoutException;
import org.guidelinekb.error.StoreUnavailableException;
import org.guidelinekb.error.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

/** The one place where exceptions become HTTP answers: each domain exception maps to a status and a problem type. */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    public static int status(GkbException e) {
        if (e instanceof NotFoundException) return 404;
        if (e instanceof ConflictException) return 409;
        if (e instanceof InvalidInputException) return 400;
        if (e instanceof ValidationException) return 422;
        if (e instanceof StoreUnavailableException) return 503;
        if (e instanceof QueryTimeoutException) return 503;
        if (e instanceof AuthException a) return a.missing() ? 401 : 403;
        return 400;
    }

    public static Problem problem(GkbException e) {
        Map<String, Object> ext = Map.of();
        if (e instanceof InvalidInputException ie && !ie.errors().isEmpty()) ext = Map.of("errors", ie.errors());
        if (e instanceof ValidationException ve) ext = Map.of("violations", ve.violations());
        return new Problem(e.slug(), e.title(), status(e), e.getMessage(), ext);
    }

    public static void register(RoutesConfig routes) {
        routes.exception(GkbException.class, (e, ctx) -> {
            if (e instanceof AuthException && ((AuthException) e).missing()) ctx.header("WWW-Authenticate", "Bearer");
            problem(e).send(ctx);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> new Problem(slugFor(e.getStatus()),
                titleFor(e.getStatus()), e.getStatus(), e.getMessage()).send(ctx));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            new Problem("internal-error", "Internal server error", 500,
                    "The server failed to answer; this is a bug. The log has the details.").send(ctx);
        });
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) new Problem("not-found", "Not found", 404, "No resource at " + ctx.path()).send(ctx);
        });
        routes.error(405, ctx -> {
            if (!isProblem(ctx)) new Problem("method-not-allowed", "Method not allowed", 405,
                    ctx.method() + " is not allowed on " + ctx.path()).send(ctx);
        });
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(Problem.CONTENT_TYPE);
    }

    static String slugFor(int status) {
        return switch (status) {
            case 400 -> "invalid-input";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "unavailable";
            default -> "http-" + status;
        };
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Invalid input";
            case 401 -> "Authentication required";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 408 -> "Request timeout";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 503 -> "Unavailable";
            default -> "HTTP " + status;
        };
    }
}
