package org.guidelinekb.api;

import java.util.Map;

import org.guidelinekb.error.GkbException;
import org.guidelinekb.error.InvalidInputException;
import org.guidelinekb.error.ProblemType;
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
        return status(e.type());
    }

    /**
     * The HTTP status of each problem type ({@code http-error}: 0, its status is the one the HTTP layer chose). A new
     * type gets its status here: the switch has no default, so the build fails until it does.
     */
    public static int status(ProblemType type) {
        return switch (type) {
            case INVALID_INPUT -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case METHOD_NOT_ALLOWED -> 405;
            case NOT_ACCEPTABLE -> 406;
            case REQUEST_TIMEOUT -> 408;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
            case PAYLOAD_TOO_LARGE -> 413;
            case URI_TOO_LONG -> 414;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case VALIDATION_FAILED -> 422;
            case TOO_MANY_REQUESTS -> 429;
            case HEADERS_TOO_LARGE -> 431;
            case INTERNAL_ERROR -> 500;
            case NOT_IMPLEMENTED -> 501;
            case QUERY_TIMEOUT, STORE_UNAVAILABLE, NOT_READY, UNAVAILABLE -> 503;
            case HTTP_ERROR -> 0;
        };
    }

    public static Problem problem(GkbException e) {
        Map<String, Object> ext = Map.of();
        if (e instanceof InvalidInputException ie && !ie.errors().isEmpty()) ext = Map.of("errors", ie.errors());
        if (e instanceof ValidationException ve) ext = Map.of("violations", ve.violations());
        return new Problem(e.type(), status(e), e.getMessage(), ext);
    }

    public static void register(RoutesConfig routes) {
        routes.exception(GkbException.class, (e, ctx) -> {
            if (e.type() == ProblemType.UNAUTHENTICATED) ctx.header("WWW-Authenticate", "Bearer");
            problem(e).send(ctx);
        });
        routes.exception(HttpResponseException.class, (e, ctx) ->
                new Problem(typeFor(e.getStatus()), e.getStatus(), e.getMessage()).send(ctx));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
            new Problem(ProblemType.INTERNAL_ERROR, 500,
                    "The server failed to answer; this is a bug. The log has the details.").send(ctx);
        });
        routes.error(404, ctx -> {
            if (!isProblem(ctx)) new Problem(ProblemType.NOT_FOUND, 404, "No resource at " + ctx.path()).send(ctx);
        });
        routes.error(405, ctx -> {
            if (!isProblem(ctx)) new Problem(ProblemType.METHOD_NOT_ALLOWED, 405,
                    ctx.method() + " is not allowed on " + ctx.path()).send(ctx);
        });
    }

    private static boolean isProblem(Context ctx) {
        String ct = ctx.res().getContentType();
        return ct != null && ct.startsWith(Problem.CONTENT_TYPE);
    }

    /**
     * The problem type of an error status raised without a domain exception (Javalin, Jetty, Fuseki). Every status
     * maps to a registered type; one not listed here is {@code http-error}.
     */
    public static ProblemType typeFor(int status) {
        return switch (status) {
            case 400 -> ProblemType.INVALID_INPUT;
            case 401 -> ProblemType.UNAUTHENTICATED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 408 -> ProblemType.REQUEST_TIMEOUT;
            case 409 -> ProblemType.CONFLICT;
            case 412 -> ProblemType.PRECONDITION_FAILED;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 414 -> ProblemType.URI_TOO_LONG;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 422 -> ProblemType.VALIDATION_FAILED;
            case 429 -> ProblemType.TOO_MANY_REQUESTS;
            case 431 -> ProblemType.HEADERS_TOO_LARGE;
            case 500 -> ProblemType.INTERNAL_ERROR;
            case 501 -> ProblemType.NOT_IMPLEMENTED;
            case 503 -> ProblemType.UNAVAILABLE;
            default -> ProblemType.HTTP_ERROR;
        };
    }
}
